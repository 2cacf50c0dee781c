import type { Request } from 'express';

/** An error answered in Datadog's format: `{"errors": [message]}` with the status. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export const badRequest = (message: string) => new ApiError(400, message);
export const notFound = (message: string) => new ApiError(404, message);

function single(req: Request, name: string): string | undefined {
  const v = req.query[name];
  if (v === undefined) return undefined;
  if (Array.isArray(v)) return String(v[v.length - 1]);
  if (typeof v === 'object') return undefined;
  return String(v);
}

/** A query parameter as a string. */
export function stringParam(req: Request, name: string, required = false): string | undefined {
  const v = single(req, name);
  if (required && (v === undefined || v === '')) throw badRequest(`Missing required parameter "${name}"`);
  return v;
}

/** A query parameter as an integer (400 when present but not an integer). */
export function intParam(req: Request, name: string, required = false): number | undefined {
  const v = stringParam(req, name, required);
  if (v === undefined || v === '') return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(v.trim()))
    throw badRequest(`Invalid value for parameter "${name}": "${v}" is not an integer`);
  return Math.floor(Number(v));
}

/** A query parameter as a boolean (`true`/`false`). */
export function boolParam(req: Request, name: string): boolean | undefined {
  const v = stringParam(req, name);
  if (v === undefined || v === '') return undefined;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw badRequest(`Invalid value for parameter "${name}": "${v}" is not a boolean`);
}

/** Comma-separated values of a query parameter, trimmed, without empties. */
export function listParam(req: Request, name: string): string[] {
  const v = stringParam(req, name);
  return v
    ? v
        .split(',')
        .map(s => s.trim())
        .filter(Boolean)
    : [];
}

export function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const iso = (sec: number) => new Date(sec * 1000).toISOString();
