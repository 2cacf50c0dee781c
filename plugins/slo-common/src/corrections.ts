/**
 * SLO corrections: periods excluded from the SLI (maintenance windows), one-off or recurring.
 * Recurrence is an RFC 5545 RRULE subset evaluated in JST (UTC+9): FREQ=DAILY|WEEKLY,
 * INTERVAL, BYDAY (MO..SU, no ordinals), COUNT, UNTIL. Each occurrence starts at the JST time
 * of day of `start` and lasts `end − start`.
 */
import { DAY, JST_OFFSET, jstDayStart, jstWeekStart } from './time';

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Recurrence {
  freq: 'DAILY' | 'WEEKLY';
  interval: number;
  /** Weekdays (0 = Monday) an occurrence may start on. */
  byDay?: number[];
  count?: number;
  /** Epoch seconds: no occurrence starts after this. */
  until?: number;
}

export type RecurrenceResult =
  | { ok: true; recurrence: Recurrence }
  | { ok: false; message: string };

const PARTS = ['FREQ', 'INTERVAL', 'BYDAY', 'COUNT', 'UNTIL'];

function parseUntil(v: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(v);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, z] = m;
  const utc =
    Date.UTC(+y, +mo - 1, +d, h ? +h : 23, mi ? +mi : 59, s ? +s : 59) / 1000;
  if (!Number.isFinite(utc)) return undefined;
  // Without Z, a date-time (or a date) is JST, the company's local time.
  return z ? utc : utc - JST_OFFSET;
}

/** Parses the supported RRULE subset, e.g. `FREQ=WEEKLY;BYDAY=TU,TH` (an `RRULE:` prefix is fine). */
export function parseRecurrence(text: string): RecurrenceResult {
  const fail = (message: string): RecurrenceResult => ({
    ok: false,
    message: `rrule: ${message}`,
  });
  const body = text.trim().replace(/^RRULE:/i, '');
  if (!body) return fail('is empty');
  const values = new Map<string, string>();
  for (const part of body.split(';').filter(Boolean)) {
    const eq = part.indexOf('=');
    const key = (eq > 0 ? part.slice(0, eq) : part).trim().toUpperCase();
    const value =
      eq > 0
        ? part
            .slice(eq + 1)
            .trim()
            .toUpperCase()
        : '';
    if (!PARTS.includes(key))
      return fail(`${key} is not supported (supported: ${PARTS.join(', ')})`);
    if (values.has(key)) return fail(`${key} is given twice`);
    if (!value) return fail(`${key} has no value`);
    values.set(key, value);
  }
  const freq = values.get('FREQ');
  if (!freq) return fail('FREQ is required (DAILY or WEEKLY)');
  if (freq !== 'DAILY' && freq !== 'WEEKLY')
    return fail(`FREQ=${freq} is not supported (DAILY or WEEKLY)`);
  const recurrence: Recurrence = { freq, interval: 1 };
  if (values.has('INTERVAL')) {
    const n = Number(values.get('INTERVAL'));
    if (!Number.isInteger(n) || n < 1 || n > 52)
      return fail('INTERVAL must be a whole number from 1 to 52');
    recurrence.interval = n;
  }
  if (values.has('BYDAY')) {
    const days = values
      .get('BYDAY')!
      .split(',')
      .map(d => d.trim());
    const indexes: number[] = [];
    for (const d of days) {
      const i = (WEEKDAYS as readonly string[]).indexOf(d);
      if (i < 0)
        return fail(`BYDAY: "${d}" is not one of ${WEEKDAYS.join(', ')}`);
      if (!indexes.includes(i)) indexes.push(i);
    }
    recurrence.byDay = indexes.sort((a, b) => a - b);
  }
  if (values.has('COUNT') && values.has('UNTIL'))
    return fail('give COUNT or UNTIL, not both');
  if (values.has('COUNT')) {
    const n = Number(values.get('COUNT'));
    if (!Number.isInteger(n) || n < 1 || n > 10000)
      return fail('COUNT must be a whole number from 1 to 10000');
    recurrence.count = n;
  }
  if (values.has('UNTIL')) {
    const until = parseUntil(values.get('UNTIL')!);
    if (until === undefined)
      return fail('UNTIL must look like 20261231 or 20261231T235959Z');
    recurrence.until = until;
  }
  return { ok: true, recurrence };
}

/** Monday = 0 of the JST day that contains `sec`. */
const jstWeekday = (sec: number) =>
  (new Date((jstDayStart(sec) + JST_OFFSET) * 1000).getUTCDay() + 6) % 7;

/** At most this many occurrences are enumerated per correction (a daily rule over 27 years). */
const MAX_OCCURRENCES = 10_000;

/**
 * The periods `[start, end)` of a correction that overlap `[from, to)`, clipped to it, in order.
 * Occurrences are the days the rule selects at or after `start`, each at `start`'s JST time of day.
 */
export function correctionPeriods(
  correction: { start: number; end: number; recurrence?: Recurrence },
  from: number,
  to: number,
): Array<[number, number]> {
  const { start, end, recurrence } = correction;
  const duration = end - start;
  const out: Array<[number, number]> = [];
  const add = (s: number) => {
    const a = Math.max(s, from);
    const b = Math.min(s + duration, to);
    if (b > a) out.push([a, b]);
  };
  if (!recurrence) {
    add(start);
    return out;
  }
  const timeOfDay = start - jstDayStart(start);
  const byDay =
    recurrence.byDay ??
    (recurrence.freq === 'WEEKLY' ? [jstWeekday(start)] : undefined);
  const step =
    recurrence.freq === 'DAILY'
      ? DAY * recurrence.interval
      : 7 * DAY * recurrence.interval;
  // DAILY: periods are days from the start's day; WEEKLY: weeks (Monday JST) from the start's week.
  const firstPeriod =
    recurrence.freq === 'DAILY' ? jstDayStart(start) : jstWeekStart(start);
  const span = recurrence.freq === 'DAILY' ? 1 : 7;
  let period = firstPeriod;
  if (recurrence.count === undefined) {
    // Without COUNT, whole periods that end before `from` need not be walked through.
    const skip = Math.floor(
      (from - duration - span * DAY - firstPeriod) / step,
    );
    if (skip > 0) period += skip * step;
  }
  let seen = 0;
  for (; seen < MAX_OCCURRENCES; period += step) {
    for (let d = 0; d < span; d++) {
      const day = period + d * DAY;
      const s = day + timeOfDay;
      if (s < start) continue;
      if (byDay && !byDay.includes(jstWeekday(day))) continue;
      if (recurrence.until !== undefined && s > recurrence.until) return out;
      if (s >= to) return out;
      seen += 1;
      if (recurrence.count !== undefined && seen > recurrence.count) return out;
      add(s);
    }
  }
  return out;
}

/** Sorts and merges overlapping periods, so nothing is excluded twice. */
export function mergePeriods(
  periods: Array<[number, number]>,
): Array<[number, number]> {
  const sorted = periods.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Array<[number, number]> = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Longest excluded period: a one-off correction may span 31 days, a recurring one 1 day. */
export const MAX_CORRECTION_SECONDS = 31 * DAY;
export const MAX_RECURRING_SECONDS = DAY;

/** Problems with a correction's times and rule (empty when it is valid). */
export function correctionIssues(input: {
  start: number;
  end: number;
  rrule?: string;
}): string[] {
  const out: string[] = [];
  if (!(input.end > input.start)) out.push('end must be after start');
  if (input.rrule !== undefined) {
    const parsed = parseRecurrence(input.rrule);
    if (!parsed.ok) out.push(parsed.message);
    if (input.end - input.start > MAX_RECURRING_SECONDS) {
      out.push(
        'a recurring correction may last at most 24 hours per occurrence',
      );
    }
  } else if (input.end - input.start > MAX_CORRECTION_SECONDS) {
    out.push('a correction may last at most 31 days');
  }
  return out;
}
