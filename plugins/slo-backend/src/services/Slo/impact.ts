/**
 * What an incident window cost an entity's SLO: bad and total requests in the window, the share
 * of the SLO window's error budget that is, the peak burn rate over short buckets, and which
 * endpoints failed. Pure: counts and corrections in, figures out.
 */
import {
  allowedErrorRate,
  burnRate,
  floorTo,
  iso,
  windowBounds,
  type SloCorrection,
  type SloWindowImpact,
} from '@internal/plugin-slo-common';
import { seriesKey, type CountsTier, type WindowCounts } from '../SloCounts/types';
import { excludedPeriods } from './evaluate';
import { addSums, Timeline, type Sums } from './timeline';
import type { SloEntity } from './types';

/** Peak burn rates are measured over buckets of this length (the shortest alert window). */
export const PEAK_BUCKET_SECONDS = 300;

/** Bucket size of the range query for a window: fine enough for the peak, few enough points. */
export function rangeInterval(from: number, to: number): number {
  const span = to - from;
  if (span <= 16 * 3600) return 60;
  if (span <= 3 * 86400) return 300;
  return 3600;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function incidentImpact(options: {
  entity: SloEntity;
  /** The window counts (32 days hourly + recent per-minute): for the SLO window's budget. */
  window: WindowCounts;
  /** The incident window's counts in small buckets. */
  range?: CountsTier;
  corrections: SloCorrection[];
  from: number;
  to: number;
  /** IANA zone of the SLO calendar (`slo.timeZone`, default Asia/Tokyo). */
  timeZone?: string;
}): SloWindowImpact {
  const { entity, window, range, corrections, from, to, timeZone } = options;
  const { objective } = entity.slo;
  // The budget of the SLO window ending where the incident ends (or where the counts end).
  const end = Math.min(to, window.asOf);
  const bounds = windowBounds(entity.slo.window, end, timeZone);
  const excluded = excludedPeriods(
    entity.entityRef,
    corrections,
    Math.min(bounds.start, from),
    Math.max(bounds.end, to),
    timeZone,
  );
  const keys = entity.slo.endpoints.map(e => seriesKey(entity.service, e.resource));
  const windowTotal = keys
    .map(k => new Timeline(window.tiers, k).sum(bounds.start, bounds.end, excluded))
    .reduce(addSums, { total: 0, bad: 0 });
  const allowedBad = allowedErrorRate(objective) * Math.round(windowTotal.total);

  const tiers = range ? [range] : [];
  const timelines = keys.map(k => new Timeline(tiers, k));
  const endpoints = entity.slo.endpoints.map((e, i) => {
    const s = timelines[i].sum(from, to, excluded);
    return { resource: e.resource, total: Math.round(s.total), bad: Math.round(s.bad) };
  });
  const total = endpoints.reduce((a, e) => a + e.total, 0);
  const bad = endpoints.reduce((a, e) => a + e.bad, 0);

  let peakBurnRate = 0;
  let peakBurnAt: number | undefined;
  const bucket = Math.max(PEAK_BUCKET_SECONDS, range?.interval ?? PEAK_BUCKET_SECONDS);
  for (let a = floorTo(from, bucket); a < to; a += bucket) {
    const lo = Math.max(a, from);
    const hi = Math.min(a + bucket, to);
    const s = timelines.reduce<Sums>((acc, t) => addSums(acc, t.sum(lo, hi, excluded)), {
      total: 0,
      bad: 0,
    });
    const rate = burnRate(s.bad, s.total, objective);
    if (rate > peakBurnRate) {
      peakBurnRate = rate;
      peakBurnAt = lo;
    }
  }
  // Without an allowance (no traffic in the window) any bad request uses the whole budget.
  let budgetConsumedRatio = bad > 0 ? 1 : 0;
  if (allowedBad > 0) budgetConsumedRatio = round6(bad / allowedBad);
  return {
    name: 'service',
    objective,
    window: entity.slo.window,
    total,
    bad,
    allowedBad: round6(allowedBad),
    budgetConsumedRatio,
    peakBurnRate: round6(peakBurnRate),
    ...(peakBurnAt !== undefined ? { peakBurnAt: iso(peakBurnAt) } : {}),
    bucketSeconds: bucket,
    endpoints: [...endpoints].sort((a, b) => b.bad - a.bad || a.resource.localeCompare(b.resource)),
  };
}
