import type { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import type { Sourced, UpstreamHealth, SourceName } from '@internal/plugin-infra-common';
import { CircuitBreaker } from './CircuitBreaker';
import { within } from './within';
import { BreakerOpenError, TimeoutError, UpstreamError, describeError } from './errors';

export interface UpstreamOptions {
  /** Limit of one upstream call. */
  timeoutMs: number;
  /** Extra attempts after the first, for retryable failures. */
  retries: number;
  /** First backoff; doubles each attempt, with jitter. */
  backoffMs: number;
  /** A whole `get` (all attempts and waits) never takes longer than this. */
  deadlineMs: number;
  breaker: { failureThreshold: number; openMs: number };
  /** How long cached data stays usable as a stale fallback. */
  staleTtlMs: number;
  /**
   * Limits of a write (an Events API page, a Datadog SLO change): not a page view's, since a
   * write is worth waiting for and cutting it short invites a duplicate.
   */
  writeTimeoutMs?: number;
  writeDeadlineMs?: number;
}

/** Default limits of one write: 5 s per attempt, 15 s in all. */
export const DEFAULT_WRITE_LIMITS = { timeoutMs: 5000, deadlineMs: 15_000 };

export const DEFAULT_UPSTREAM_OPTIONS: UpstreamOptions = {
  timeoutMs: 1200,
  retries: 2,
  backoffMs: 100,
  deadlineMs: 1500,
  breaker: { failureThreshold: 5, openMs: 30_000 },
  staleTtlMs: 24 * 60 * 60 * 1000,
};

/** Per-call limits; background refreshes give generous ones instead of a page's. */
export type CallLimits = Pick<UpstreamOptions, 'timeoutMs' | 'deadlineMs'>;

type CacheEntry<T> = { value: T; fetchedAt: number };

/** How a `get` may wait and with which limits its read goes upstream. */
export interface GetOptions {
  /**
   * With a copy older than the ttl in hand, wait at most this long for the new one, then answer
   * the old copy stale (the read goes on and is stored when it arrives). Without a copy, `get`
   * waits for the read whatever this says.
   */
  waitMs?: number;
  /**
   * Answer from the cache only, never going upstream: the copy (fresh within the ttl, else stale
   * with its age) or `loading` without one. For a page that cannot wait for its turn to read.
   */
  cachedOnly?: boolean;
  /** Limits of the upstream read (default: the upstream's page limits). */
  limits?: CallLimits;
}

/** Keys kept in process memory per upstream (least recently written are dropped first). */
const LOCAL_ENTRIES = 500;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * One upstream (a Kubernetes cluster, Datadog or PagerDuty) behind the portal's resilience
 * rules: per-call timeout, retries with backoff that honour 429 rate-limit waits, coalescing of
 * identical concurrent requests, a shared cache with stale-if-error, and a circuit breaker.
 * `get` never throws for upstream failures: it says how fresh its answer is.
 */
export class Upstream {
  private readonly breaker: CircuitBreaker;
  /** Set from a 429's rate-limit headers: no calls go out before this time. */
  private blockedUntil = 0;
  private readonly inflight = new Map<string, Promise<Sourced<unknown>>>();
  /**
   * The last value of each key in this process (bounded): repeated reads skip the shared cache's
   * (de)serialisation, which dominates warm page views. The shared cache (memory or Redis) still
   * holds every value, so other replicas and the stale fallback see it.
   */
  private readonly local = new Map<string, CacheEntry<unknown>>();
  private readonly stats = {
    calls: 0,
    failures: 0,
    hits: 0,
    misses: 0,
    staleServed: 0,
    lastLatencyMs: undefined as number | undefined,
    lastSuccessAt: undefined as number | undefined,
    lastError: undefined as string | undefined,
    lastErrorAt: undefined as number | undefined,
  };

  constructor(
    readonly name: string,
    readonly source: SourceName,
    private readonly cache: CacheService,
    private readonly logger: LoggerService,
    private readonly options: UpstreamOptions = DEFAULT_UPSTREAM_OPTIONS,
    readonly cluster?: string,
  ) {
    this.breaker = new CircuitBreaker(options.breaker);
  }

  /**
   * Returns the value for `key`: from cache while younger than `ttlMs`, else from `fetch`
   * (coalesced with identical calls in flight), else the cached copy marked stale. `fetch` gets a
   * signal that aborts when an attempt times out.
   */
  async get<T>(
    key: string,
    ttlMs: number,
    fetch: (signal: AbortSignal) => Promise<T>,
    options: GetOptions = {},
  ): Promise<Sourced<T>> {
    const cacheKey = `${this.name}:${key}`;
    const cached = ((this.local.get(cacheKey) as CacheEntry<T> | undefined) ?? (await this.readCache(cacheKey))) as
      | CacheEntry<T>
      | undefined;
    if (cached && Date.now() - cached.fetchedAt < ttlMs) {
      this.stats.hits += 1;
      return this.answer(cached, 'fresh');
    }
    if (options.cachedOnly) return cached ? this.answer(cached, 'stale') : { freshness: { state: 'loading' } };
    this.stats.misses += 1;
    let promise = this.inflight.get(cacheKey) as Promise<Sourced<T>> | undefined;
    if (!promise) {
      promise = this.load(cacheKey, cached, fetch, options.limits).finally(() => {
        this.inflight.delete(cacheKey);
      });
      this.inflight.set(cacheKey, promise as Promise<Sourced<unknown>>);
    }
    if (!cached || options.waitMs === undefined) return promise;
    // A page with an old copy in hand waits only so long for the new one, which keeps loading.
    const outcome = await within(promise, options.waitMs);
    if (outcome) return outcome;
    this.stats.staleServed += 1;
    return this.answer(cached, 'stale');
  }

  private async load<T>(
    cacheKey: string,
    cached: CacheEntry<T> | undefined,
    fetch: (signal: AbortSignal) => Promise<T>,
    limits?: CallLimits,
  ): Promise<Sourced<T>> {
    try {
      const value = await this.call(fetch, undefined, limits);
      const entry = { value, fetchedAt: Date.now() };
      this.remember(cacheKey, entry);
      await this.writeCache(cacheKey, entry);
      return this.answer(entry, 'fresh');
    } catch (e) {
      const error = describeError(e);
      if (cached) {
        this.stats.staleServed += 1;
        return this.answer(cached, 'stale', error);
      }
      return { freshness: { state: 'unavailable', error } };
    }
  }

  /**
   * A call whose answer must not be cached or shared: a write, or a read that must see the
   * upstream as it is now. Same breaker, rate-limit waits, timeout (aborting the attempt through
   * its signal) and deadline as `get`, but nothing is cached or coalesced, failures throw, and
   * it is attempted at most `1 + retries` times: give `retries: 0` to writes that are not
   * idempotent (a timed-out attempt may still have succeeded upstream).
   */
  async send<T>(
    call: (signal: AbortSignal) => Promise<T>,
    options: { retries: number; limits?: CallLimits },
  ): Promise<T> {
    return this.call(call, options.retries, options.limits);
  }

  /** Counts a read answered outside `get` (the background-refreshed snapshots) in this upstream's cache stats. */
  countLookup(outcome: 'hit' | 'miss' | 'stale') {
    if (outcome === 'hit') this.stats.hits += 1;
    else if (outcome === 'miss') this.stats.misses += 1;
    else this.stats.staleServed += 1;
  }

  /** One logical call: breaker, then attempts with timeout and backoff within the deadline. */
  private async call<T>(
    fetch: (signal: AbortSignal) => Promise<T>,
    retries = this.options.retries,
    limits: CallLimits = this.options,
  ): Promise<T> {
    const deadline = Date.now() + limits.deadlineMs;
    let attempt = 0;
    for (;;) {
      const blockedFor = this.blockedUntil - Date.now();
      if (blockedFor > 0) {
        if (Date.now() + blockedFor >= deadline) {
          throw new UpstreamError(`${this.name} is rate limited for ${Math.ceil(blockedFor / 1000)} s more`, {
            status: 429,
            retryable: false,
          });
        }
        await sleep(blockedFor);
      }
      if (!this.breaker.tryAcquire()) throw new BreakerOpenError(this.name);
      const started = Date.now();
      const timeout = Math.min(limits.timeoutMs, deadline - started);
      this.stats.calls += 1;
      try {
        const value = await withTimeout(fetch, Math.max(1, timeout));
        this.breaker.onSuccess();
        this.stats.lastLatencyMs = Date.now() - started;
        this.stats.lastSuccessAt = Date.now();
        return value;
      } catch (e) {
        // A 429 is the upstream answering, asking for fewer calls: the rate-limit wait below
        // handles it. Counted against the breaker, a burst of the portal's own background reads
        // would open it and hide every page's data for `openMs`.
        if (e instanceof UpstreamError && e.status === 429) this.breaker.onSuccess();
        else this.breaker.onFailure();
        this.stats.failures += 1;
        this.stats.lastLatencyMs = Date.now() - started;
        this.stats.lastError = describeError(e);
        this.stats.lastErrorAt = Date.now();
        const retryable = e instanceof UpstreamError ? e.retryable : true;
        if (e instanceof UpstreamError && e.retryAfterMs !== undefined) {
          this.blockedUntil = Math.max(this.blockedUntil, Date.now() + e.retryAfterMs);
        }
        const wait =
          e instanceof UpstreamError && e.retryAfterMs !== undefined
            ? e.retryAfterMs
            : this.options.backoffMs * 2 ** attempt * (0.5 + Math.random());
        attempt += 1;
        // Give up when retrying cannot help or would not fit in the caller's deadline.
        if (!retryable || attempt > retries || Date.now() + wait >= deadline) {
          this.logger.debug(`${this.name} call failed: ${describeError(e)}`);
          throw e;
        }
        await sleep(wait);
      }
    }
  }

  private answer<T>(entry: CacheEntry<T>, state: 'fresh' | 'stale', error?: string): Sourced<T> {
    return {
      data: entry.value,
      freshness: {
        state,
        fetchedAt: new Date(entry.fetchedAt).toISOString(),
        ageSeconds: Math.round((Date.now() - entry.fetchedAt) / 1000),
        ...(error ? { error } : {}),
      },
    };
  }

  private remember(key: string, entry: CacheEntry<unknown>) {
    this.local.delete(key);
    this.local.set(key, entry);
    if (this.local.size > LOCAL_ENTRIES) {
      this.local.delete(this.local.keys().next().value!);
    }
  }

  private async readCache(key: string): Promise<unknown> {
    try {
      const entry = (await this.cache.get(key)) as CacheEntry<unknown> | undefined;
      if (entry) this.remember(key, entry);
      return entry;
    } catch (e) {
      // A broken cache (e.g. Redis down) must not take the page with it.
      this.logger.warn(`cache read failed for ${key}: ${describeError(e)}`);
      return undefined;
    }
  }

  private async writeCache(key: string, entry: CacheEntry<unknown>) {
    try {
      await this.cache.set(key, entry as any, { ttl: this.options.staleTtlMs });
    } catch (e) {
      this.logger.warn(`cache write failed for ${key}: ${describeError(e)}`);
    }
  }

  health(): UpstreamHealth {
    const s = this.stats;
    const breaker = this.breaker.state;
    const lastFailed =
      s.lastErrorAt !== undefined && (s.lastSuccessAt === undefined || s.lastErrorAt > s.lastSuccessAt);
    let status: UpstreamHealth['status'] = 'unknown';
    if (breaker === 'open') status = 'down';
    else if (lastFailed) status = 'degraded';
    else if (s.lastSuccessAt !== undefined) status = 'healthy';
    const lookups = s.hits + s.misses;
    return {
      name: this.name,
      source: this.source,
      ...(this.cluster ? { cluster: this.cluster } : {}),
      status,
      lastLatencyMs: s.lastLatencyMs,
      lastSuccessAt: s.lastSuccessAt ? new Date(s.lastSuccessAt).toISOString() : undefined,
      lastError: s.lastError,
      lastErrorAt: s.lastErrorAt ? new Date(s.lastErrorAt).toISOString() : undefined,
      breaker,
      calls: s.calls,
      failures: s.failures,
      cache: {
        hits: s.hits,
        misses: s.misses,
        staleServed: s.staleServed,
        hitRatio: lookups ? Math.round((s.hits / lookups) * 1000) / 1000 : 0,
      },
    };
  }
}

/** Runs `call` for at most `ms`; on timeout its signal aborts (clients that take one cancel). */
function withTimeout<T>(call: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new TimeoutError(ms));
      controller.abort(new TimeoutError(ms));
    }, ms);
    let promise: Promise<T>;
    try {
      promise = call(controller.signal);
    } catch (e) {
      promise = Promise.reject(e);
    }
    promise.then(
      v => {
        clearTimeout(timer);
        resolve(v);
      },
      e => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
