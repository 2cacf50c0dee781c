import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Freshness, Sourced } from '@internal/plugin-infra-common';
import { within, worstFreshness, type InfraService, type MetricTimeseries } from '@internal/plugin-infra-node';
import {
  datadogTagValue,
  DAY,
  HOUR,
  MINUTE,
  floorTo,
  isBadStatus,
  dayStart as startOfDay,
  type SliRule,
} from '@internal/plugin-slo-common';
import { createHash } from 'node:crypto';
import type { SloConfig } from '../../config';
import {
  seriesKey,
  type CountTarget,
  type CountsTier,
  type FleetCounts,
  type SloCountsReader,
  type WeeklyCounts,
  type WindowCounts,
} from './types';

/** How far back the hourly counts reach: the longest window (a 31-day month) plus a day. */
const PAST_DAYS = 32;
/** Per-minute counts cover the current hour and the two before it (5 m … 2 h burn rates). */
const RECENT_HOURS = 2;
/**
 * Limits of every counts query: a 32-day query of a whole group may take a while. A page with
 * counts in hand waits only `pageWaitMs` for it; only a cold start (no counts at all) waits for
 * the query itself.
 */
const READ_LIMITS = { timeoutMs: 30_000, deadlineMs: 60_000 };

/** Who reads: a page (bounded wait, stale copy after it) or the background refresh. */
/**
 * The background refresh re-reads a tier from this share of its ttl on. The task runs every half
 * ttl; at exactly half, a run that finds the tier a few milliseconds younger would skip it and
 * leave it to expire under the pages (measured: one re-read per two runs).
 */
const REFRESH_AT_AGE = 0.4;

/** `page` and `complete` as in `CountsWait`; `refresh`: the background task's re-read. */
type ReadMode = 'page' | 'complete' | 'refresh';

interface Group {
  targets: CountTarget[];
  services: Set<string>;
  hash: string;
}

/** One batched query of a tier: a group's services over `[from, to)` in `interval`-second buckets. */
interface TierQuery {
  group: Group;
  from: number;
  to: number;
  interval: number;
}

/**
 * Reads request counts by service, endpoint (`resource_name`) and HTTP status from Datadog
 * through the shared infra layer (its cache, breaker, retries and coalescing), one v2
 * timeseries query for a whole group of services, never one per endpoint or entity:
 *
 * - `recent`: per minute, from two hours before the current hour until now (cached `cacheTtlSeconds`);
 * - `today`: per hour, from 00:00 JST of that day until the recent counts begin (re-read hourly);
 * - `past`: per hour, the 32 days before that (re-read daily);
 * - `weekly`: per three hours, the 12 weeks of the weekly review (re-read every 6 hours).
 *
 * Counts are turned into good/bad by the SLI rule as they arrive, and only the endpoints the
 * SLOs name are kept, so the cached values stay small.
 */
export class DatadogCountsReader implements SloCountsReader {
  /** Keys this process read successfully, and until when they are fresh. */
  private readonly freshUntil = new Map<string, number>();
  /** Reads waiting for or holding a slot, by key (callers of one key share one slot). */
  private readonly pending = new Map<string, Promise<Sourced<CountsTier>>>();
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(
    private readonly infra: InfraService,
    private readonly config: SloConfig,
    private readonly logger: LoggerService,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * A tier through the infra layer. Reads that may go upstream take one of
   * `maxConcurrentQueries` slots first: big metric queries then never pile up on Datadog, and
   * none spends its time limit (the infra call timeout) waiting behind the others.
   *
   * A page (`mode: 'page'`) waits at most `pageWaitMs` for its slot and the read together, and is
   * otherwise answered from the cache: the old copy, stale with its age, or `loading` when there
   * is none yet (a cold start: the read goes on, is stored when it arrives, and the page asks
   * again). The background refresh (`mode: 'refresh'`) re-reads a tier once it is 40 % of its ttl
   * old, so pages find it fresh. Both read with `READ_LIMITS`.
   */
  private async tier(
    key: string,
    /** Milliseconds (the tiers' own times are in seconds). */
    ttlMs: number,
    what: () => TierQuery,
    mode: ReadMode = 'page',
    /** A page's deadline (epoch ms) shared by the tiers it reads; default `pageWaitMs` from now. */
    pageDeadline = Date.now() + this.config.pageWaitMs,
  ) {
    const maxAgeMs = mode === 'refresh' ? Math.floor(ttlMs * REFRESH_AT_AGE) : ttlMs;
    const waitMs = () => Math.max(0, pageDeadline - Date.now());
    const read = (cachedOnly = false) => {
      // Computed when the read starts (the recent tier's range moves with the clock).
      const q = what();
      const started = Date.now();
      return this.infra.metricTimeseries(
        key,
        maxAgeMs,
        this.request(q),
        answer => {
          const tier = toTier(answer, q.group, q.from, q.to, q.interval, this.config.rule);
          this.remember(key, ttlMs);
          this.logger.debug(
            `slo: read ${Object.keys(tier.series).length} endpoint series, ${q.interval} s buckets, ` +
              `${q.group.targets.length} services in ${Date.now() - started} ms`,
          );
          return tier;
        },
        // A query that works but is slow (a whole group over 32 days) is never cut short by a
        // page's limits, which would count it as a failure against Datadog's breaker.
        mode === 'refresh'
          ? { limits: READ_LIMITS }
          : { waitMs: mode === 'page' ? waitMs() : this.config.pageWaitMs, limits: READ_LIMITS, cachedOnly },
      );
    };
    if (mode !== 'refresh' && (this.freshUntil.get(key) ?? 0) > Date.now()) {
      // Read lately by this process: in the cache, no slot needed (a page bounded all the same).
      return mode === 'page' ? (await within(read(), waitMs())) ?? read(true) : read();
    }
    const pendingKey = `${mode}:${key}`;
    let promise = this.pending.get(pendingKey);
    if (!promise) {
      promise = this.withSlot(() => read()).finally(() => this.pending.delete(pendingKey));
      this.pending.set(pendingKey, promise);
    }
    if (mode !== 'page') return promise;
    return (await within(promise, waitMs())) ?? read(true);
  }

  private remember(key: string, ttlMs: number) {
    const now = Date.now();
    this.freshUntil.set(key, now + ttlMs);
    if (this.freshUntil.size > 1000) {
      for (const [k, until] of this.freshUntil) if (until <= now) this.freshUntil.delete(k);
    }
  }

  private async withSlot<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.config.maxConcurrentQueries) {
      // Wait for a finishing read to hand its slot over.
      await new Promise<void>(resolve => this.queue.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await fn();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  forFleet(targets: CountTarget[]): FleetCounts {
    const merged = new Map<string, Set<string>>();
    for (const t of targets) {
      const set = merged.get(t.service) ?? new Set<string>();
      t.resources.forEach(r => set.add(r));
      merged.set(t.service, set);
    }
    const sorted = [...merged.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([service, resources]) => ({
        service,
        resources: [...resources].sort(),
      }));
    const groups: Group[] = [];
    for (let i = 0; i < sorted.length; i += this.config.servicesPerQuery) {
      const part = sorted.slice(i, i + this.config.servicesPerQuery);
      const hash = createHash('sha256')
        .update(JSON.stringify([this.config.metric, this.config.env, this.config.rule, part]))
        .digest('hex')
        .slice(0, 16);
      groups.push({
        targets: part,
        services: new Set(part.map(p => p.service)),
        hash,
      });
    }
    const byService = new Map(groups.flatMap(g => [...g.services].map(s => [s, g] as const)));
    const groupOf = (service: string) => {
      const group = byService.get(service);
      if (!group) throw new Error(`service ${service} is not part of this fleet`);
      return group;
    };
    // A fleet page asks for the window of each of its services at once: the services of one
    // group share one read of its tiers (not one per service) while it is under way.
    const reading = new Map<Group, Promise<WindowCounts>>();
    const windowOf = (group: Group) => {
      let promise = reading.get(group);
      if (!promise) {
        promise = this.windowCounts(group).finally(() => reading.delete(group));
        reading.set(group, promise);
      }
      return promise;
    };
    return {
      window: async (service, wait = 'page') =>
        wait === 'page' ? windowOf(groupOf(service)) : this.windowCounts(groupOf(service), wait),
      weekly: async (service, from, to) => this.weeklyCounts(groupOf(service), from, to),
      refresh: async () => (await Promise.all(groups.map(g => this.windowCounts(g, 'refresh')))).map(w => w.freshness),
    };
  }

  async range(
    target: CountTarget,
    from: number,
    to: number,
    interval: number,
  ): Promise<{ tier?: CountsTier; freshness: Freshness }> {
    const part = { service: target.service, resources: [...target.resources].sort() };
    const hash = createHash('sha256')
      .update(JSON.stringify([this.config.metric, this.config.env, this.config.rule, part]))
      .digest('hex')
      .slice(0, 16);
    const group: Group = { targets: [part], services: new Set([part.service]), hash };
    // A window that is over is read once an hour; one still going on with the recent counts.
    const ttl = to < this.now() / 1000 - 5 * MINUTE ? HOUR * 1000 : this.config.recentTtlMs;
    const read = await this.tier(
      `slo:range:${from}:${to}:${interval}:${hash}`,
      ttl,
      () => ({ group, from, to, interval }),
      'complete',
    );
    return { tier: read.data, freshness: read.freshness as Freshness };
  }

  private async windowCounts(group: Group, mode: ReadMode = 'page'): Promise<WindowCounts> {
    // A page waits for all three tiers together no longer than its deadline.
    const deadline = Date.now() + this.config.pageWaitMs;
    const recent = await this.tier(
      `slo:recent:${group.hash}`,
      this.config.recentTtlMs,
      () => {
        const asOf = floorTo(this.now() / 1000, MINUTE);
        const from = floorTo(asOf, HOUR) - RECENT_HOURS * HOUR;
        return { group, from, to: asOf, interval: MINUTE };
      },
      mode,
      deadline,
    );
    // The hourly tiers end where the recent counts begin, whenever those were read.
    const asOf = recent.data?.to ?? floorTo(this.now() / 1000, MINUTE);
    const recentFrom = recent.data?.from ?? floorTo(asOf, HOUR) - RECENT_HOURS * HOUR;
    const dayStart = startOfDay(recentFrom, this.config.timeZone);
    const [past, today] = await Promise.all([
      this.tier(
        `slo:past:${dayStart}:${group.hash}`,
        (DAY + HOUR) * 1000,
        () => ({
          group,
          from: dayStart - PAST_DAYS * DAY,
          to: dayStart,
          interval: HOUR,
        }),
        mode,
        deadline,
      ),
      recentFrom > dayStart
        ? this.tier(
            `slo:today:${recentFrom}:${group.hash}`,
            2 * HOUR * 1000,
            () => ({
              group,
              from: dayStart,
              to: recentFrom,
              interval: HOUR,
            }),
            mode,
            deadline,
          )
        : Promise.resolve(undefined),
    ]);
    const parts: Array<[string, Sourced<CountsTier>]> = [
      ['hourly counts of the 32 days before today', past],
      ...(today ? [["today's hourly counts", today] as [string, Sourced<CountsTier>]] : []),
      ['per-minute counts of the last hours', recent],
    ];
    return {
      asOf,
      tiers: parts.map(([, p]) => p.data).filter((t): t is CountsTier => !!t),
      // All fresh: as current as the per-minute counts (the older tiers are complete hours and
      // days, read once). Otherwise say which counts are old or missing: figures without them
      // cover only part of the window.
      freshness: parts.every(([, p]) => p.freshness.state === 'fresh')
        ? recent.freshness
        : worstFreshness(
            parts.map(([what, p]) =>
              p.freshness.error ? { ...p.freshness, error: `${what}: ${p.freshness.error}` } : p.freshness,
            ),
          ),
    };
  }

  private async weeklyCounts(group: Group, from: number, to: number): Promise<WeeklyCounts> {
    const weekly = await this.tier(`slo:weekly:${from}:${to}:${group.hash}`, 6 * HOUR * 1000, () => ({
      group,
      from,
      to,
      interval: 3 * HOUR,
    }));
    return {
      from,
      to,
      tier: weekly.data,
      freshness: weekly.freshness as Freshness,
    };
  }

  /** One batched query: every service of the group, grouped by service, resource and status. */
  private request(q: TierQuery) {
    const services = q.group.targets.map(t => t.service).join(' OR ');
    const query =
      `sum:${this.config.metric}{env:${this.config.env},service:(${services})} ` +
      'by {service,resource_name,http.status_code}.as_count()';
    return { query, from: q.from, to: q.to, interval: q.interval };
  }
}

type Attributes = Partial<MetricTimeseries>;

function tagValue(tags: string[], key: string): string | undefined {
  const tag = tags.find(t => t.startsWith(`${key}:`));
  return tag?.slice(key.length + 1);
}

/**
 * Datadog's series (one per service, resource and status) → total and bad per endpoint bucket.
 *
 * Datadog stores tag values normalised (lowercase, other characters → `_`, …: see
 * `datadogTagValue`), so `GET /v1/carts/{cartId}` comes back as `resource_name:get_/v1/carts/_cartid`.
 * Both sides are compared in that form; the counts are kept under the declared names.
 */
export function toTier(
  attributes: Attributes | undefined,
  group: { targets: CountTarget[] },
  from: number,
  to: number,
  interval: number,
  rule: SliRule,
): CountsTier {
  const size = Math.max(0, Math.ceil((to - from) / interval));
  // Normalised key → the declared keys it stands for (two spellings may normalise alike).
  const wanted = new Map<string, string[]>();
  for (const t of group.targets) {
    for (const r of t.resources) {
      const normal = seriesKey(datadogTagValue(t.service, 'service'), datadogTagValue(r, 'resource_name'));
      const keys = wanted.get(normal) ?? [];
      keys.push(seriesKey(t.service, r));
      wanted.set(normal, keys);
    }
  }
  const series: CountsTier['series'] = {};
  const times = attributes?.times ?? [];
  const index = times.map(ms => Math.floor((ms / 1000 - from) / interval));
  (attributes?.series ?? []).forEach((s, i) => {
    const tags = s.groupTags ?? [];
    const service = tagValue(tags, 'service');
    const resource = tagValue(tags, 'resource_name');
    const status = Number(tagValue(tags, 'http.status_code'));
    if (!service || !resource || !Number.isFinite(status)) return;
    const keys = wanted.get(seriesKey(datadogTagValue(service, 'service'), datadogTagValue(resource, 'resource_name')));
    if (!keys) return;
    const bad = isBadStatus(status, rule);
    const values = attributes?.values?.[i] ?? [];
    for (const key of keys) {
      let entry = series[key];
      if (!entry) {
        entry = {
          total: new Array(size).fill(0),
          bad: new Array(size).fill(0),
          statuses: [],
        };
        series[key] = entry;
      }
      if (!entry.statuses!.includes(status)) entry.statuses!.push(status);
      values.forEach((v, j) => {
        const at = index[j];
        if (v === null || v === undefined || !(at >= 0 && at < size)) return;
        entry!.total[at] += v;
        if (bad) entry!.bad[at] += v;
      });
    }
  });
  return { from, to, interval, series };
}
