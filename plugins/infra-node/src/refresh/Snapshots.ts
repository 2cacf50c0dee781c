import type { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import type { Sourced } from '@internal/plugin-infra-common';
import type { Upstream } from '../resilience/Upstream';
import { UpstreamError, describeError } from '../resilience/errors';
import { within } from '../resilience/within';
import type { RefreshConfig } from './config';

/**
 * One fleet snapshot: a whole-cluster or whole-account listing that pages read and a background
 * task refreshes.
 */
export interface SnapshotDefinition<T = unknown> {
  /**
   * The refresh task it belongs to (one scheduled task per family): `kubernetes-<cluster>`,
   * `datadog`, `pagerduty`, or a family of the caller's own.
   */
  family: string;
  /** Unique among all snapshots of the process, e.g. `kubernetes/aws-tokyo:list:pods`. */
  key: string;
  /** Younger than this a snapshot is fresh; older, a read serves it stale and starts a refresh. */
  ttlMs: number;
  /** Reads the whole listing. The signal aborts when an attempt times out. */
  fetch: (signal: AbortSignal) => Promise<T>;
  /**
   * The upstream whose breaker, rate-limit waits and retries the listing goes through, with the
   * refresh's own timeout and deadline. Without one, `fetch` only gets the deadline as a signal.
   */
  upstream?: Upstream;
}

export interface SnapshotRefreshReport {
  family: string;
  /** Keys read and stored. */
  refreshed: string[];
  /** Keys nobody read within `infra.refresh.idleSeconds`: not listed. */
  idle: string[];
  failed: Array<{ key: string; error: string }>;
  durationMs: number;
}

type Entry<T> = { value: T; fetchedAt: number };
type Outcome<T> = { entry: Entry<T> } | { error: string };

const CACHE_PREFIX = 'snapshot:';
const READ_PREFIX = 'snapshot-read:';
/** How often one process notes in the shared cache that a snapshot is being read. */
const MARK_EVERY_MS = 60_000;

/**
 * Fleet snapshots, stale-while-revalidate. Each snapshot lives in the shared cache (memory
 * locally, Redis in production) with its fetch time. Scheduled tasks refresh every family once
 * per interval across replicas, with generous deadlines; page views read the last snapshot and
 * never wait on a listing longer than `pageWaitMs`:
 * - younger than its ttl: served fresh, no upstream call;
 * - older: a refresh starts (coalesced with one in flight in this process) and the page waits up
 *   to `pageWaitMs` for it, then serves the old snapshot stale, with its age;
 * - none yet: the same, then answers `loading` (not an error).
 * A slow listing that works is never cut short by a page: its timeouts are the refresh's, so the
 * upstream's breaker only counts real failures.
 */
export class Snapshots {
  private readonly definitions = new Map<string, SnapshotDefinition<unknown>>();
  private readonly intervals = new Map<string, number>();
  private readonly inflight = new Map<string, { promise: Promise<Outcome<unknown>>; startedAt: number }>();
  private readonly local = new Map<string, Entry<unknown>>();
  private readonly lastMarked = new Map<string, number>();

  constructor(
    private readonly cache: CacheService,
    private readonly logger: LoggerService,
    private readonly config: RefreshConfig,
    private readonly options: { retries: number; staleTtlMs: number },
  ) {}

  /** Adds a snapshot; its family gets a refresh task with `intervalMs` (first definition wins). */
  register<T>(definition: SnapshotDefinition<T>, intervalMs: number) {
    if (this.definitions.has(definition.key)) {
      throw new Error(`snapshot ${definition.key} is already registered`);
    }
    this.definitions.set(definition.key, definition as SnapshotDefinition<unknown>);
    if (!this.intervals.has(definition.family)) this.intervals.set(definition.family, intervalMs);
  }

  has(key: string) {
    return this.definitions.has(key);
  }

  /** Every family with its refresh interval. */
  families(): Array<{ family: string; intervalMs: number; keys: string[] }> {
    return [...this.intervals].map(([family, intervalMs]) => ({
      family,
      intervalMs,
      keys: [...this.definitions.values()].filter(d => d.family === family).map(d => d.key),
    }));
  }

  /**
   * The last snapshot of `key`, as described on the class. `maxAgeMs` overrides the ttl for this
   * read (`0`: refresh now, still waiting at most `pageWaitMs`).
   */
  async read<T>(key: string, options: { maxAgeMs?: number } = {}): Promise<Sourced<T>> {
    const definition = this.definitions.get(key);
    if (!definition) return { freshness: { state: 'unavailable', error: `unknown snapshot ${key}` } };
    this.markRead(key);
    const ttlMs = options.maxAgeMs ?? definition.ttlMs;
    const entry = (await this.latest(key)) as Entry<T> | undefined;
    if (entry && Date.now() - entry.fetchedAt < ttlMs) {
      definition.upstream?.countLookup('hit');
      return answer(entry, 'fresh');
    }
    definition.upstream?.countLookup('miss');
    const refresh = this.refresh(key) as Promise<Outcome<T>>;
    // Pages wait for a refresh only until `pageWaitMs` after it started: views that join a
    // running refresh wait what is left of that, then answer at once.
    const startedAt = this.inflight.get(key)?.startedAt ?? Date.now();
    const waitMs = startedAt + this.config.pageWaitMs - Date.now();
    const outcome = waitMs > 0 ? await within(refresh, waitMs) : undefined;
    if (outcome && 'entry' in outcome) return answer(outcome.entry, 'fresh');
    if (entry) {
      definition.upstream?.countLookup('stale');
      return answer(entry, 'stale', outcome?.error);
    }
    if (outcome) return { freshness: { state: 'unavailable', error: outcome.error } };
    return { freshness: { state: 'loading' } };
  }

  /**
   * Lists `key` now with the refresh's limits and stores it (coalesced with a refresh of the same
   * key in flight in this process). Never throws: says what happened.
   */
  refresh(key: string): Promise<Outcome<unknown>> {
    const running = this.inflight.get(key);
    if (running) return running.promise;
    const definition = this.definitions.get(key);
    if (!definition) return Promise.resolve({ error: `unknown snapshot ${key}` });
    const promise = this.fetchAndStore(definition).finally(() => this.inflight.delete(key));
    this.inflight.set(key, { promise, startedAt: Date.now() });
    return promise;
  }

  /**
   * Refreshes every snapshot of `family` that was read within `idleMs` (on any replica), a few at
   * a time. What the scheduled tasks run.
   */
  async refreshFamily(family: string): Promise<SnapshotRefreshReport> {
    const started = Date.now();
    const keys = [...this.definitions.values()].filter(d => d.family === family).map(d => d.key);
    const report: SnapshotRefreshReport = { family, refreshed: [], idle: [], failed: [], durationMs: 0 };
    const wanted: string[] = [];
    for (const key of keys) {
      if (await this.wasReadRecently(key)) wanted.push(key);
      else report.idle.push(key);
    }
    let next = 0;
    const worker = async () => {
      while (next < wanted.length) {
        const key = wanted[next++];
        const outcome = await this.refresh(key);
        if ('entry' in outcome) report.refreshed.push(key);
        else report.failed.push({ key, error: outcome.error });
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.concurrency, wanted.length) }, worker));
    report.durationMs = Date.now() - started;
    return report;
  }

  private async fetchAndStore(definition: SnapshotDefinition<unknown>): Promise<Outcome<unknown>> {
    const limits = { timeoutMs: this.config.timeoutMs, deadlineMs: this.config.deadlineMs };
    try {
      const value = definition.upstream
        ? await definition.upstream.send(definition.fetch, { retries: this.options.retries, limits })
        : await withDeadline(definition.fetch, limits.deadlineMs);
      const entry = { value, fetchedAt: Date.now() };
      this.local.set(definition.key, entry);
      try {
        await this.cache.set(CACHE_PREFIX + definition.key, entry as any, { ttl: this.options.staleTtlMs });
      } catch (e) {
        this.logger.warn(`cache write failed for snapshot ${definition.key}: ${describeError(e)}`);
      }
      return { entry };
    } catch (e) {
      this.logger.debug(`snapshot ${definition.key} refresh failed: ${describeError(e)}`);
      return { error: describeError(e) };
    }
  }

  /** The newest copy: this process's, unless the shared cache holds a newer one (another replica's). */
  private async latest(key: string): Promise<Entry<unknown> | undefined> {
    const mine = this.local.get(key);
    const definition = this.definitions.get(key)!;
    if (mine && Date.now() - mine.fetchedAt < definition.ttlMs) return mine;
    let shared: Entry<unknown> | undefined;
    try {
      shared = (await this.cache.get(CACHE_PREFIX + key)) as Entry<unknown> | undefined;
    } catch (e) {
      // A broken cache (e.g. Redis down) must not take the page with it.
      this.logger.warn(`cache read failed for snapshot ${key}: ${describeError(e)}`);
    }
    if (shared && (!mine || shared.fetchedAt > mine.fetchedAt)) {
      this.local.set(key, shared);
      return shared;
    }
    return mine;
  }

  /** Notes (at most once a minute per process) in the shared cache that `key` is being read. */
  private markRead(key: string) {
    const now = Date.now();
    const last = this.lastMarked.get(key);
    if (last !== undefined && now - last < Math.min(MARK_EVERY_MS, this.config.idleMs / 4)) return;
    this.lastMarked.set(key, now);
    this.cache.set(READ_PREFIX + key, now, { ttl: this.config.idleMs }).catch(e => {
      this.logger.warn(`cache write failed for ${READ_PREFIX}${key}: ${describeError(e)}`);
    });
  }

  private async wasReadRecently(key: string): Promise<boolean> {
    const last = this.lastMarked.get(key);
    if (last !== undefined && Date.now() - last < this.config.idleMs) return true;
    try {
      const at = (await this.cache.get(READ_PREFIX + key)) as number | undefined;
      return at !== undefined && Date.now() - at < this.config.idleMs;
    } catch {
      return false;
    }
  }
}

function answer<T>(entry: Entry<T>, state: 'fresh' | 'stale', error?: string): Sourced<T> {
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

/** Runs `fetch` with a signal that aborts after `ms`, failing then. */
async function withDeadline<T>(fetch: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new UpstreamError(`refresh timed out after ${ms} ms`, { retryable: true });
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([fetch(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
