import {
  DEFAULT_WARNING_RATIO,
  addBusinessMs,
  businessMsBetween,
  pausesOf,
  slaClock,
  type BusinessCalendar,
  type Interval,
  type RequestStatus,
  type SlaTarget,
} from '@internal/plugin-support-common';

const MINUTE_MS = 60_000;

/**
 * The instants at which a request's SLA clocks change state, as stored in its `sla_*` columns.
 * They depend only on what is recorded (filing, status changes, first response, resolution), not
 * on the time they are computed, and stay valid until the request changes again:
 * - `…BreachAt`: the clock is `breached` at any `now >= breachAt` (a past instant for a clock that
 *   was stopped late or breached before a pause; undefined when it cannot breach as things are:
 *   stopped in time, or paused short of its target).
 * - `…WarnAt`: a running clock is `warning` at any `now >= warnAt` before `breachAt` (undefined
 *   for stopped clocks, which are `met` or `breached`).
 * The same semantics as {@link slaClock}: business time of the calendar, outside the periods
 * waiting on the requester.
 */
export interface SlaInstants {
  firstResponseWarnAt?: number;
  firstResponseBreachAt?: number;
  resolutionWarnAt?: number;
  resolutionBreachAt?: number;
}

/** Active (not paused) periods from `start`, up to `end` (open-ended when undefined). */
function activePeriods(
  start: number,
  end: number | undefined,
  pauses: Interval[],
): Array<{ from: number; to?: number }> {
  const sorted = [...pauses].sort((a, b) => a.from - b.from);
  const out: Array<{ from: number; to?: number }> = [];
  let cursor = start;
  for (const p of sorted) {
    const pTo = p.to ?? Number.POSITIVE_INFINITY;
    if (pTo <= cursor) continue;
    if (end !== undefined && p.from >= end) break;
    if (p.from > cursor) out.push({ from: cursor, to: end !== undefined ? Math.min(p.from, end) : p.from });
    cursor = Math.max(cursor, pTo);
    if (cursor === Number.POSITIVE_INFINITY) return out;
  }
  if (end === undefined) out.push({ from: cursor });
  else if (end > cursor) out.push({ from: cursor, to: end });
  return out;
}

/** The instant at which `ms` of active business time have passed, or undefined if never. */
function crossing(
  periods: Array<{ from: number; to?: number }>,
  ms: number,
  calendar: BusinessCalendar,
): number | undefined {
  let done = 0;
  for (const p of periods) {
    const remaining = ms - done;
    if (p.to === undefined) return addBusinessMs(p.from, remaining, calendar);
    const available = businessMsBetween(p.from, p.to, calendar);
    if (available >= remaining) return addBusinessMs(p.from, remaining, calendar);
    done += available;
  }
  return undefined;
}

function clockInstants(options: {
  kind: 'first_response' | 'resolution';
  targetMinutes: number;
  startedAt: number;
  stoppedAt?: number;
  pauses: Interval[];
  calendar: BusinessCalendar;
  warningRatio: number;
}): { warnAt?: number; breachAt?: number } {
  const { targetMinutes, startedAt, stoppedAt, pauses, calendar, warningRatio } = options;
  const targetMs = targetMinutes * MINUTE_MS;
  const periods = activePeriods(startedAt, stoppedAt, pauses);
  if (stoppedAt !== undefined) {
    // A stopped clock is met or breached for good (as slaClock decides it).
    const state = slaClock({ ...options, now: stoppedAt }).state;
    if (state !== 'breached') return {};
    return { breachAt: crossing(periods, targetMs, calendar) ?? stoppedAt };
  }
  return {
    warnAt: crossing(periods, warningRatio * targetMs, calendar),
    breachAt: crossing(periods, targetMs, calendar),
  };
}

/** Both clocks' instants of a request. */
export function slaInstants(options: {
  createdAt: number;
  firstResponseAt?: number;
  resolvedAt?: number;
  statusChanges: Array<{ at: number; to: RequestStatus }>;
  target: SlaTarget;
  calendar: BusinessCalendar;
  warningRatio?: number;
}): SlaInstants {
  const pauses = pausesOf(options.statusChanges);
  const common = {
    startedAt: options.createdAt,
    pauses,
    calendar: options.calendar,
    warningRatio: options.warningRatio ?? DEFAULT_WARNING_RATIO,
  };
  const fr = clockInstants({
    ...common,
    kind: 'first_response',
    targetMinutes: options.target.firstResponseMinutes,
    stoppedAt: options.firstResponseAt,
  });
  const res = clockInstants({
    ...common,
    kind: 'resolution',
    targetMinutes: options.target.resolutionMinutes,
    stoppedAt: options.resolvedAt,
  });
  return {
    ...(fr.warnAt !== undefined ? { firstResponseWarnAt: fr.warnAt } : {}),
    ...(fr.breachAt !== undefined ? { firstResponseBreachAt: fr.breachAt } : {}),
    ...(res.warnAt !== undefined ? { resolutionWarnAt: res.warnAt } : {}),
    ...(res.breachAt !== undefined ? { resolutionBreachAt: res.breachAt } : {}),
  };
}
