/**
 * From counts and corrections to the wire answers: per endpoint and per service SLI, error
 * budget, burn rates, alerts and policy; daily history; weekly attainment.
 */
import {
  alertRulesFor,
  addWeeks,
  alertStateOf,
  allowedErrorRate,
  BURN_WINDOWS,
  burnRate,
  correctionPeriods,
  datadogTagValue,
  DEFAULT_TIME_ZONE,
  errorBudget,
  evaluateAlerts,
  iso,
  localDate,
  dayStart,
  mergePeriods,
  nextDayStart,
  parseRecurrence,
  policyStateOf,
  sliFigures,
  windowBounds,
  type AlertRule,
  type DailySli,
  type EndpointSlo,
  type EntitySlo,
  type SloCorrection,
  type SloHistory,
  type SloNoData,
  type WindowBounds,
} from '@internal/plugin-slo-common';
import { seriesKey, type CountsTier, type WindowCounts } from '../SloCounts/types';
import { addSums, Timeline, type Sums } from './timeline';
import type { SloEntity } from './types';

const LONGEST_BURN_WINDOW = Math.max(...Object.values(BURN_WINDOWS));

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * The periods the entity's corrections exclude within `[from, to)`, merged (nothing is excluded
 * twice). Corrections of other entities are ignored. Recurring ones follow the wall clock of
 * `timeZone` (`slo.timeZone`).
 */
export function excludedPeriods(
  entityRef: string,
  corrections: SloCorrection[],
  from: number,
  to: number,
  timeZone = DEFAULT_TIME_ZONE,
): Array<[number, number]> {
  const periods: Array<[number, number]> = [];
  for (const c of corrections) {
    if (c.entityRef !== entityRef) continue;
    const parsed = c.rrule ? parseRecurrence(c.rrule) : undefined;
    if (parsed && !parsed.ok) continue; // stored rules were validated; never fail a page on one
    periods.push(
      ...correctionPeriods(
        {
          start: Date.parse(c.start) / 1000,
          end: Date.parse(c.end) / 1000,
          recurrence: parsed?.ok ? parsed.recurrence : undefined,
        },
        from,
        to,
        timeZone,
      ),
    );
  }
  return mergePeriods(periods);
}

interface Measured {
  window: Sums;
  burn: Record<string, Sums>;
}

function measure(timeline: Timeline, bounds: WindowBounds, excluded: Array<[number, number]>): Measured {
  const burn: Record<string, Sums> = {};
  for (const [name, seconds] of Object.entries(BURN_WINDOWS)) {
    burn[name] = timeline.sum(bounds.end - seconds, bounds.end, excluded);
  }
  return { window: timeline.sum(bounds.start, bounds.end, excluded), burn };
}

function figures(m: Measured, objective: number, bounds: WindowBounds, rules: AlertRule[]) {
  // Whole requests: a bucket cut by a correction counts in proportion, then rounds.
  const total = Math.round(m.window.total);
  const bad = Math.round(m.window.bad);
  const burnRates: Record<string, number> = {};
  for (const [name, s] of Object.entries(m.burn)) burnRates[name] = round6(burnRate(s.bad, s.total, objective));
  const alerts = evaluateAlerts(burnRates, rules);
  return {
    ...sliFigures(total, bad),
    objective,
    budget: errorBudget({
      total,
      bad,
      objective,
      burnRate1h: burnRates['1h'],
      windowLengthSec: bounds.lengthSec,
      asOf: bounds.end,
    }),
    burnRates,
    alerts,
    alertState: alertStateOf(alerts),
  };
}

/** The statuses of the Datadog series that matched `key` in any tier (undefined: no tier read). */
function matchedSeries(tiers: CountsTier[], key: string): number | undefined {
  if (!tiers.length) return undefined;
  const statuses = new Set<number>();
  let matched = false;
  for (const t of tiers) {
    const entry = t.series[key];
    if (!entry) continue;
    matched = true;
    (entry.statuses ?? []).forEach(s => statuses.add(s));
  }
  // Counts cached before statuses were kept: at least one series matched.
  return matched ? Math.max(1, statuses.size) : 0;
}

const WINDOW_TEXT: Record<string, string> = {
  '30d': 'rolling 30 days',
  '28d': 'rolling 28 days',
  '7d': 'rolling 7 days',
  'calendar-month': 'calendar month',
};

/** The counts are still being read for the first time (a cold start): nothing to judge on yet. */
const LOADING: SloNoData = {
  code: 'loading',
  reason: 'The Datadog counts are still being read for the first time; the figures follow shortly.',
};

/** Why an endpoint has nothing to judge on, or undefined when it had requests. */
function endpointNoData(
  service: string,
  resource: string,
  series: number | undefined,
  total: number,
  window: string,
  countsError: string | undefined,
  loading: boolean,
): SloNoData | undefined {
  if (series === undefined && loading && !countsError) return LOADING;
  if (series === undefined)
    return {
      code: 'no-counts',
      reason: `No Datadog counts could be read${countsError ? ` (${countsError})` : ''}.`,
    };
  if (series === 0)
    return {
      code: 'no-series',
      reason:
        `Datadog has no series for service:${datadogTagValue(service, 'service')} ` +
        `resource_name:${datadogTagValue(resource, 'resource_name')} — check the resource name.`,
    };
  if (total === 0)
    return {
      code: 'no-traffic',
      reason: `No requests in the ${WINDOW_TEXT[window] ?? window} window.`,
    };
  return undefined;
}

/**
 * True when counts that could not be read leave a hole in the window: the tiers (in time order)
 * start after the window does, or one ends before the next begins. Figures from such counts
 * judge the budget on part of the window (a burst in the last hours reads as weeks of burn), so
 * they are not shown as the SLO's state.
 */
function windowIncomplete(tiers: CountsTier[], start: number, countsError: string | undefined): boolean {
  if (!countsError || tiers.length === 0) return false;
  const sorted = [...tiers].sort((a, b) => a.from - b.from);
  if (sorted[0].from > start) return true;
  return sorted.some((t, i) => i > 0 && t.from > sorted[i - 1].to);
}

/** Why the service's SLO has nothing to judge on (all its endpoints together had no request). */
function serviceNoData(entity: SloEntity, endpoints: EndpointSlo[], countsError: string | undefined): SloNoData {
  const n = endpoints.length;
  if (endpoints.some(e => e.noData?.code === 'loading')) return LOADING;
  if (endpoints.some(e => e.noData?.code === 'no-counts'))
    return {
      code: 'no-counts',
      reason: `No Datadog counts could be read${countsError ? ` (${countsError})` : ''}.`,
    };
  if (n > 0 && endpoints.every(e => e.noData?.code === 'no-series'))
    return {
      code: 'no-series',
      reason:
        `None of the ${n} SLO endpoint${n === 1 ? '' : 's'} matches a Datadog series of ` +
        `service:${datadogTagValue(entity.service, 'service')} — check the resource names (spec.slo.endpoints) ` +
        'and the datadoghq.com/service-name annotation.',
    };
  return {
    code: 'no-traffic',
    reason: `No requests to the SLO endpoints in the ${WINDOW_TEXT[entity.slo.window] ?? entity.slo.window} window.`,
  };
}

/**
 * The entity's SLO now: per endpoint and for the service (all its SLO endpoints together).
 * No data is never healthy: without one request in the window, the SLO (or the endpoint) carries
 * `noData`, the policy and the alert state are `no-data`.
 */
export function evaluateEntity(
  entity: SloEntity,
  counts: WindowCounts,
  corrections: SloCorrection[],
  timeZone = DEFAULT_TIME_ZONE,
): EntitySlo {
  const { objective, window } = entity.slo;
  const bounds = windowBounds(window, counts.asOf, timeZone);
  const rules = alertRulesFor(bounds.lengthSec);
  const excluded = excludedPeriods(
    entity.entityRef,
    corrections,
    Math.min(bounds.start, bounds.end - LONGEST_BURN_WINDOW),
    bounds.end,
    timeZone,
  );
  const countsError = counts.freshness.error;
  // Tiers still loading leave the same hole in the window as tiers that failed.
  const loading = counts.freshness.state === 'loading';
  let incomplete: SloNoData | undefined;
  if (windowIncomplete(counts.tiers, bounds.start, countsError ?? (loading ? 'loading' : undefined))) {
    incomplete = countsError
      ? {
          code: 'no-counts',
          reason: `The Datadog counts cover only part of the ${WINDOW_TEXT[window] ?? window} window (${countsError}).`,
        }
      : LOADING;
  }
  const measured = entity.slo.endpoints.map(e =>
    measure(new Timeline(counts.tiers, seriesKey(entity.service, e.resource)), bounds, excluded),
  );
  const endpoints: EndpointSlo[] = entity.slo.endpoints.map((e, i) => {
    const series = matchedSeries(counts.tiers, seriesKey(entity.service, e.resource));
    const f = figures(measured[i], objective, bounds, rules);
    const noData =
      incomplete ?? endpointNoData(entity.service, e.resource, series, f.total, window, countsError, loading);
    return {
      resource: e.resource,
      datadogResource: datadogTagValue(e.resource, 'resource_name'),
      ...(series !== undefined ? { matchedSeries: series } : {}),
      ...f,
      ...(noData ? { noData, alertState: 'no-data' as const } : {}),
    };
  });
  const service = measured.reduce<Measured>(
    (acc, m) => ({
      window: addSums(acc.window, m.window),
      burn: Object.fromEntries(Object.keys(BURN_WINDOWS).map(k => [k, addSums(acc.burn[k], m.burn[k])])),
    }),
    {
      window: { total: 0, bad: 0 },
      burn: Object.fromEntries(Object.keys(BURN_WINDOWS).map(k => [k, { total: 0, bad: 0 }])),
    },
  );
  const whole = figures(service, objective, bounds, rules);
  const pageFiring = whole.alertState === 'page' || endpoints.some(e => e.alertState === 'page');
  const base = {
    entityRef: entity.entityRef,
    ...whole,
    window,
    windowStart: iso(bounds.start),
    windowEnd: iso(bounds.end),
    endpoints,
    corrections: corrections.filter(c => c.entityRef === entity.entityRef),
    freshness: counts.freshness,
  };
  if (whole.total === 0 || incomplete) {
    return {
      ...base,
      alertState: 'no-data',
      policy: 'no-data',
      noData: incomplete ?? serviceNoData(entity, endpoints, countsError),
    };
  }
  return {
    ...base,
    policy: policyStateOf(whole.budget.remainingRatio, pageFiring),
  };
}

/**
 * Daily SLI over the window (JST days; the first and the current day are partial) and the budget
 * burn-down: what remains of the window's whole budget at the end of each day.
 */
export function entityHistory(
  entity: SloEntity,
  counts: WindowCounts,
  corrections: SloCorrection[],
  timeZone = DEFAULT_TIME_ZONE,
): SloHistory {
  const { objective, window } = entity.slo;
  const bounds = windowBounds(window, counts.asOf, timeZone);
  const excluded = excludedPeriods(entity.entityRef, corrections, bounds.start, bounds.end, timeZone);
  const timelines = entity.slo.endpoints.map(e => new Timeline(counts.tiers, seriesKey(entity.service, e.resource)));
  const sumAll = (a: number, b: number) =>
    timelines.reduce<Sums>((acc, t) => addSums(acc, t.sum(a, b, excluded)), {
      total: 0,
      bad: 0,
    });
  const whole = sumAll(bounds.start, bounds.end);
  const allowed = allowedErrorRate(objective) * Math.round(whole.total);
  const days: DailySli[] = [];
  let consumed = 0;
  for (let day = dayStart(bounds.start, timeZone); day < bounds.end; day = nextDayStart(day, timeZone)) {
    const a = Math.max(day, bounds.start);
    const b = Math.min(nextDayStart(day, timeZone), bounds.end);
    const s = sumAll(a, b);
    const total = Math.round(s.total);
    const bad = Math.round(s.bad);
    consumed += bad;
    days.push({
      date: localDate(day, timeZone),
      total,
      bad,
      sli: sliFigures(total, bad).sli,
      budgetRemainingRatio: allowed > 0 ? 1 - consumed / allowed : 1,
      corrected: excluded.some(([x, y]) => x < b && y > a),
    });
  }
  return {
    entityRef: entity.entityRef,
    objective,
    window,
    windowStart: iso(bounds.start),
    windowEnd: iso(bounds.end),
    days,
    freshness: counts.freshness,
  };
}

/**
 * Good/total of the entity's SLO endpoints in each local week `[weekStart, next Monday 00:00)`
 * of `timeZone`; null without traffic.
 */
export function weeklyAttainment(
  entity: SloEntity,
  tier: CountsTier | undefined,
  weekStarts: number[],
  corrections: SloCorrection[],
  timeZone = DEFAULT_TIME_ZONE,
): Array<number | null> {
  if (!tier) return weekStarts.map(() => null);
  const excluded = excludedPeriods(entity.entityRef, corrections, tier.from, tier.to, timeZone);
  const timelines = entity.slo.endpoints.map(e => new Timeline([tier], seriesKey(entity.service, e.resource)));
  return weekStarts.map(w => {
    const s = timelines.reduce<Sums>((acc, t) => addSums(acc, t.sum(w, addWeeks(w, 1, timeZone), excluded)), {
      total: 0,
      bad: 0,
    });
    const total = Math.round(s.total);
    return total > 0 ? sliFigures(total, Math.round(s.bad)).sli : null;
  });
}
