import type { NextFunction, Request, Response } from 'express';
import { unit } from './hash';

/**
 * Vendor behaviour like production, for the company world: every answer takes 200–800 ms
 * (deterministic pseudo-random per target and request, from a seed), Datadog limits each endpoint
 * family per calendar-aligned period with its `X-RateLimit-*` headers, and PagerDuty's REST API
 * allows 960 requests a minute per API token with its `ratelimit-*` headers. Both answer 429 in
 * their own format when a client goes over.
 *
 * Datadog does not publish its per-endpoint numbers (they arrive in the headers); the limits below
 * are the sandbox's choice, of the order an organisation gets by default. PagerDuty documents
 * 960 requests per minute per user/token for the REST API.
 */

export interface VendorBehaviourOptions {
  /** Seed of the latency sequence. */
  seed: string;
  /** Per-request latency range, milliseconds (default 200–800). */
  minLatencyMs?: number;
  maxLatencyMs?: number;
  /** Clock in milliseconds (tests). */
  now?: () => number;
  /** Called for every request answered 429 (the admin API counts them). */
  onLimited?: () => void;
}

export interface RateLimitBucket {
  /** The value of `X-RateLimit-Name`. */
  name: string;
  limit: number;
  periodSeconds: number;
}

/** Datadog's endpoint families and their limits (see above). */
export function datadogBucketOf(method: string, path: string): RateLimitBucket | undefined {
  if (/^\/api\/v2\/query\/(timeseries|scalar)/.test(path))
    return { name: 'query_timeseries', limit: 100, periodSeconds: 60 };
  if (/^\/api\/v1\/query/.test(path)) return { name: 'metrics_query', limit: 100, periodSeconds: 60 };
  if (/^\/api\/v1\/slo/.test(path))
    return { name: method === 'GET' ? 'slo_read' : 'slo_write', limit: method === 'GET' ? 300 : 60, periodSeconds: 60 };
  if (/^\/api\/v1\/monitor/.test(path)) return { name: 'monitor_read', limit: 300, periodSeconds: 60 };
  if (/^\/api\/v[12]\/events/.test(path)) {
    return method === 'GET' ? { name: 'events_list', limit: 300, periodSeconds: 60 } : undefined;
  }
  if (/^\/api\/v1\/dashboard/.test(path)) return { name: 'dashboards', limit: 300, periodSeconds: 60 };
  return undefined;
}

export const PAGERDUTY_REST_LIMIT = 960;

function latencyMiddleware(target: string, options: VendorBehaviourOptions) {
  const min = options.minLatencyMs ?? 200;
  const max = options.maxLatencyMs ?? 800;
  let seq = 0;
  return (delay: (ms: number) => void) => {
    seq += 1;
    delay(Math.round(min + unit(options.seed, target, 'latency', seq) * (max - min)));
  };
}

/** Calendar-aligned fixed windows: the count of each bucket in the current period. */
class Windows {
  private readonly counts = new Map<string, { window: number; used: number }>();

  take(key: string, limit: number, periodSeconds: number, nowMs: number) {
    const nowSec = nowMs / 1000;
    const window = Math.floor(nowSec / periodSeconds);
    const entry = this.counts.get(key);
    const current = entry && entry.window === window ? entry : { window, used: 0 };
    current.used += 1;
    this.counts.set(key, current);
    const reset = Math.max(1, Math.ceil((window + 1) * periodSeconds - nowSec));
    return { allowed: current.used <= limit, remaining: Math.max(0, limit - current.used), reset };
  }
}

const sleep = (res: Response, ms: number, then: () => void) => {
  const timer = setTimeout(then, ms);
  res.on('close', () => clearTimeout(timer));
};

/** Datadog: latency, and the per-endpoint rate limits with their headers. */
export function datadogBehaviour(options: VendorBehaviourOptions) {
  const latency = latencyMiddleware('datadog', options);
  const windows = new Windows();
  const now = options.now ?? Date.now;
  return (req: Request, res: Response, next: NextFunction) => {
    const bucket = datadogBucketOf(req.method, req.path);
    let allowed = true;
    if (bucket) {
      const r = windows.take(bucket.name, bucket.limit, bucket.periodSeconds, now());
      allowed = r.allowed;
      res.set({
        'X-RateLimit-Limit': String(bucket.limit),
        'X-RateLimit-Period': String(bucket.periodSeconds),
        'X-RateLimit-Remaining': String(r.remaining),
        'X-RateLimit-Reset': String(r.reset),
        'X-RateLimit-Name': bucket.name,
      });
    }
    latency(ms =>
      sleep(res, ms, () => {
        if (allowed) next();
        else {
          options.onLimited?.();
          res.status(429).json({ errors: ['Rate limit exceeded'] });
        }
      }),
    );
  };
}

/** PagerDuty: latency, and the REST API's limit per token (the Events API is not limited here). */
export function pagerDutyBehaviour(options: VendorBehaviourOptions & { events?: boolean }) {
  const latency = latencyMiddleware(options.events ? 'pagerduty-events' : 'pagerduty', options);
  const windows = new Windows();
  const now = options.now ?? Date.now;
  return (req: Request, res: Response, next: NextFunction) => {
    let allowed = true;
    if (!/^\/v2\/(change\/)?enqueue/.test(req.path)) {
      const token = String(req.headers.authorization ?? '');
      const r = windows.take(token, PAGERDUTY_REST_LIMIT, 60, now());
      allowed = r.allowed;
      res.set({
        'ratelimit-limit': String(PAGERDUTY_REST_LIMIT),
        'ratelimit-remaining': String(r.remaining),
        'ratelimit-reset': String(r.reset),
      });
    }
    latency(ms =>
      sleep(res, ms, () => {
        if (allowed) next();
        else {
          options.onLimited?.();
          res.status(429).json({ error: { message: 'Rate Limit Exceeded', code: 2020 } });
        }
      }),
    );
  };
}

/** Kubernetes: per-page latency (every list page and get is one request). */
export function kubernetesBehaviour(cluster: string, options: VendorBehaviourOptions) {
  const latency = latencyMiddleware(`kubernetes/${cluster}`, options);
  return (_req: Request, res: Response, next: NextFunction) => {
    latency(ms => sleep(res, ms, next));
  };
}
