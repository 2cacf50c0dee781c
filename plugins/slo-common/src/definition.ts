/**
 * `spec.slo` of catalog-info.yaml: parsing, defaults and validation with messages that name the
 * field. Used by the catalog processor (rejects invalid definitions) and by the backend.
 *
 *   spec:
 *     slo:
 *       objective: 99.9        # percent, 0 < x < 100 (default 99.9)
 *       window: 30d            # 30d | 28d | 7d | calendar-month (default 30d)
 *       endpoints:             # at least one
 *         - method: POST
 *           route: /v1/checkout
 *         - resource: GET /v1/orders/{orderId}
 */
import type { Entity } from '@backstage/catalog-model';
import { DEFAULT_OBJECTIVE } from './budget';
import { DEFAULT_WINDOW, SLO_WINDOWS } from './time';
import type { SloWindow } from './types';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** One endpoint, as Datadog names it (`resource_name`): `<METHOD> <route>`. */
export interface SloEndpoint {
  resource: string;
  method?: string;
  route?: string;
}

/** A valid `spec.slo` with its defaults filled in. */
export interface SloSpec {
  objective: number;
  window: SloWindow;
  endpoints: SloEndpoint[];
}

export interface SloDefinitionIssue {
  /** The field, e.g. `spec.slo.endpoints[1].route`. */
  path: string;
  message: string;
}

export type SloDefinitionResult = { ok: true; slo: SloSpec } | { ok: false; issues: SloDefinitionIssue[] };

const KNOWN_KEYS = ['objective', 'window', 'endpoints'];
const ENDPOINT_KEYS = ['method', 'route', 'resource'];
const MAX_ENDPOINTS = 50;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));

function parseEndpoint(value: unknown, path: string, issues: SloDefinitionIssue[]): SloEndpoint | undefined {
  const issue = (message: string, at = path) => {
    issues.push({ path: at, message });
    return undefined;
  };
  if (!isObject(value)) {
    return issue(`must be an object with method and route, or resource (got ${show(value)})`);
  }
  for (const key of Object.keys(value)) {
    if (!ENDPOINT_KEYS.includes(key)) issue(`unknown field (use method and route, or resource)`, `${path}.${key}`);
  }
  const { method, route, resource } = value;
  if (resource !== undefined) {
    if (method !== undefined || route !== undefined) {
      return issue('give either resource, or method and route, not both');
    }
    if (typeof resource !== 'string' || !resource.trim()) {
      return issue(
        `must be a Datadog resource name like "GET /v1/orders/{orderId}" (got ${show(resource)})`,
        `${path}.resource`,
      );
    }
    const trimmed = resource.trim().replace(/\s+/, ' ');
    const [m, ...rest] = trimmed.split(' ');
    const upper = m.toUpperCase();
    if ((HTTP_METHODS as readonly string[]).includes(upper) && rest.length) {
      return {
        resource: `${upper} ${rest.join(' ')}`,
        method: upper,
        route: rest.join(' '),
      };
    }
    return { resource: trimmed };
  }
  if (method === undefined && route === undefined) {
    return issue('needs method and route, or resource');
  }
  let ok = true;
  if (typeof method !== 'string' || !(HTTP_METHODS as readonly string[]).includes(method.toUpperCase())) {
    issue(`must be one of ${HTTP_METHODS.join(', ')} (got ${show(method)})`, `${path}.method`);
    ok = false;
  }
  if (typeof route !== 'string' || !route.startsWith('/') || /\s/.test(route)) {
    issue(
      `must be a path starting with "/" and without spaces, e.g. /v1/orders/{orderId} (got ${show(route)})`,
      `${path}.route`,
    );
    ok = false;
  }
  if (!ok) return undefined;
  const upper = (method as string).toUpperCase();
  return {
    resource: `${upper} ${route}`,
    method: upper,
    route: route as string,
  };
}

/** Validates `spec.slo` (the value, not the entity) and fills in the defaults. */
export function parseSloDefinition(value: unknown, path = 'spec.slo'): SloDefinitionResult {
  const issues: SloDefinitionIssue[] = [];
  if (!isObject(value)) {
    return {
      ok: false,
      issues: [
        {
          path,
          message: `must be an object with objective, window and endpoints (got ${show(value)})`,
        },
      ],
    };
  }
  for (const key of Object.keys(value)) {
    if (!KNOWN_KEYS.includes(key)) {
      issues.push({
        path: `${path}.${key}`,
        message: `unknown field (known: ${KNOWN_KEYS.join(', ')})`,
      });
    }
  }

  let objective = DEFAULT_OBJECTIVE;
  if (value.objective !== undefined) {
    const o = value.objective;
    if (typeof o !== 'number' || !Number.isFinite(o) || o <= 0 || o >= 100) {
      issues.push({
        path: `${path}.objective`,
        message: `must be a percentage greater than 0 and less than 100, e.g. 99.9 (got ${show(o)})`,
      });
    } else {
      objective = o;
    }
  }

  let window: SloWindow = DEFAULT_WINDOW;
  if (value.window !== undefined) {
    if (typeof value.window !== 'string' || !(SLO_WINDOWS as readonly string[]).includes(value.window)) {
      issues.push({
        path: `${path}.window`,
        message: `must be one of ${SLO_WINDOWS.join(', ')} (got ${show(value.window)})`,
      });
    } else {
      window = value.window as SloWindow;
    }
  }

  const endpoints: SloEndpoint[] = [];
  const raw = value.endpoints;
  if (!Array.isArray(raw) || raw.length === 0) {
    issues.push({
      path: `${path}.endpoints`,
      message: `must list at least one endpoint (method and route, or resource)${
        raw === undefined ? '' : ` (got ${show(raw)})`
      }`,
    });
  } else if (raw.length > MAX_ENDPOINTS) {
    issues.push({
      path: `${path}.endpoints`,
      message: `may list at most ${MAX_ENDPOINTS} endpoints (got ${raw.length})`,
    });
  } else {
    const seen = new Map<string, number>();
    raw.forEach((e, i) => {
      const at = `${path}.endpoints[${i}]`;
      const endpoint = parseEndpoint(e, at, issues);
      if (!endpoint) return;
      const first = seen.get(endpoint.resource);
      if (first !== undefined) {
        issues.push({
          path: at,
          message: `repeats endpoints[${first}] (${endpoint.resource})`,
        });
        return;
      }
      seen.set(endpoint.resource, i);
      endpoints.push(endpoint);
    });
  }

  if (issues.length) return { ok: false, issues };
  return { ok: true, slo: { objective, window, endpoints } };
}

/** `undefined` when the entity declares no SLO (`spec.slo` absent). */
export function sloDefinitionOf(entity: Entity): SloDefinitionResult | undefined {
  const value = (entity.spec as Record<string, unknown> | undefined)?.slo;
  if (value === undefined) return undefined;
  return parseSloDefinition(value);
}

/** One line per issue: `spec.slo.objective: must be ... (got 100)`. */
export function formatSloIssues(issues: SloDefinitionIssue[]): string {
  return issues.map(i => `${i.path}: ${i.message}`).join('; ');
}
