/** An upstream call failed; says whether trying again can help and when. */
export class UpstreamError extends Error {
  readonly name = 'UpstreamError';
  constructor(
    message: string,
    readonly options: {
      status?: number;
      /** Retrying may succeed (network error, timeout, 5xx, 429). */
      retryable: boolean;
      /** The upstream asked us to wait this long (429 rate-limit headers). */
      retryAfterMs?: number;
    },
  ) {
    super(message);
  }
  get status() {
    return this.options.status;
  }
  get retryable() {
    return this.options.retryable;
  }
  get retryAfterMs() {
    return this.options.retryAfterMs;
  }
}

export class TimeoutError extends UpstreamError {
  constructor(ms: number) {
    super(`timed out after ${ms} ms`, { retryable: true });
  }
}

export class BreakerOpenError extends UpstreamError {
  constructor(name: string) {
    super(`circuit breaker for ${name} is open`, { retryable: false });
  }
}

/** Reads a wait time from the rate-limit headers the three vendors send. */
export function retryAfterFromHeaders(get: (name: string) => string | undefined | null): number | undefined {
  // Kubernetes and HTTP in general: Retry-After in seconds (or an HTTP date).
  const retryAfter = get('retry-after');
  if (retryAfter) {
    const s = Number(retryAfter);
    if (Number.isFinite(s)) return s * 1000;
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.max(0, at - Date.now());
  }
  // Datadog: X-RateLimit-Reset = seconds until the window resets.
  // PagerDuty: ratelimit-reset = seconds until the window resets.
  for (const name of ['x-ratelimit-reset', 'ratelimit-reset']) {
    const v = get(name);
    if (v && Number.isFinite(Number(v))) return Number(v) * 1000;
  }
  return undefined;
}

/** Classifies an HTTP status: which failures are worth retrying. */
export function isRetryableStatus(status: number) {
  return status === 429 || status >= 500;
}

export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
