import type { Freshness } from '@internal/plugin-infra-common';

/** A Datadog service and the endpoint resources whose counts are needed. */
export interface CountTarget {
  service: string;
  resources: string[];
}

/**
 * Good/bad counts of a span of time in buckets of `interval` seconds: bucket `i` covers
 * `[from + i·interval, from + (i+1)·interval)`. Per `seriesKey(service, resource)`, the total and
 * bad requests of each bucket (bad by the SLI rule), and the HTTP statuses of the Datadog series
 * that matched it (one series per status). An endpoint without an entry matched no series.
 * Plain data: it is cached as JSON.
 */
export interface CountsTier {
  from: number;
  to: number;
  interval: number;
  series: Record<string, { total: number[]; bad: number[]; statuses?: number[] }>;
}

/**
 * The counts behind SLO windows for a group of services: hourly buckets up to two hours ago and
 * per-minute buckets since, ending at `asOf` (tiers in time order, not overlapping).
 */
export interface WindowCounts {
  asOf: number;
  tiers: CountsTier[];
  freshness: Freshness;
}

/** Counts in three-hour buckets (aligned to JST days) for the weekly review. */
export interface WeeklyCounts {
  from: number;
  to: number;
  tier?: CountsTier;
  freshness: Freshness;
}

/**
 * How a read waits for counts not in the cache: `page` answers within the page deadline (the old
 * copy stale, or `loading` on a cold start, while the read goes on); `complete` waits for the read
 * (a figure that is stored, e.g. a postmortem's SLO impact).
 */
export type CountsWait = 'page' | 'complete';

/** Counts of a fleet of services, read from Datadog in batched queries (a few services each). */
export interface FleetCounts {
  /**
   * The window counts of the group that holds `service` (concurrent calls for services of one
   * group share its queries).
   */
  window(service: string, wait?: CountsWait): Promise<WindowCounts>;
  /** The weekly counts `[from, to)` of the group that holds `service`. */
  weekly(service: string, from: number, to: number): Promise<WeeklyCounts>;
  /**
   * Re-reads the window counts of every group that are 40 % of their ttl old or older, with the
   * background's limits (what the refresh task runs); the freshness of each group after it.
   */
  refresh(): Promise<Freshness[]>;
}

export interface SloCountsReader {
  /** Groups the fleet into batched queries (the same fleet gives the same groups and cache keys). */
  forFleet(targets: CountTarget[]): FleetCounts;
  /**
   * Counts of one service's endpoints in `[from, to)` in buckets of `interval` seconds (waits for
   * the read: an incident's window, computed for a postmortem).
   */
  range(
    target: CountTarget,
    from: number,
    to: number,
    interval: number,
  ): Promise<{ tier?: CountsTier; freshness: Freshness }>;
}

export const seriesKey = (service: string, resource: string) => `${service}\u0000${resource}`;
