import type { Response } from 'express';

/** `metav1.Status`: the body of every error the API server returns. */
export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: { name?: string; group?: string; kind?: string; retryAfterSeconds?: number };
  code: number;
}

/** The `reason` the API server pairs with each status code. */
const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

export function reasonFor(code: number): string {
  return REASONS[code] ?? (code >= 500 ? 'InternalError' : 'BadRequest');
}

export function statusBody(code: number, message: string, details?: StatusBody['details']): StatusBody {
  const body: StatusBody = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: reasonFor(code),
    code,
  };
  if (details) {
    // The API server puts details before code; keep its field order.
    const { code: c, ...rest } = body;
    return { ...rest, details, code: c };
  }
  return body;
}

export function sendStatus(res: Response, code: number, message: string, details?: StatusBody['details']) {
  res.status(code).json(statusBody(code, message, details));
}
