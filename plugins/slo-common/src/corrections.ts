/**
 * SLO corrections: periods excluded from the SLI (maintenance windows), one-off or recurring.
 *
 * Recurrence is an RFC 5545 RRULE read and expanded by the `rrule` library, the one parser of
 * both the backend (which minutes a correction excludes) and the frontend (preview, validation,
 * words). Rules are evaluated in the local time of an IANA zone (`slo.timeZone`, default
 * Asia/Tokyo): the correction's `start` is DTSTART, `end − start` the length of every occurrence,
 * and `BYHOUR=2` means 02:00 on the zone's clock, summer or winter.
 *
 * rrule works on "floating" dates here (a wall-clock time written as if it were UTC); luxon turns
 * wall-clock times of the zone into instants and back.
 */
import { DateTime } from 'luxon';
import { Frequency, RRule, type Options } from 'rrule';
import { DAY, DEFAULT_TIME_ZONE } from './time';

/** Frequencies a correction may repeat at: at most one occurrence of up to 24 hours per day. */
export const CORRECTION_FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;

/** A parsed RRULE: rrule's options and how UNTIL was written. */
export interface Recurrence {
  /** The rule's options as rrule parsed them (no DTSTART: that is the correction's start). */
  options: Partial<Options>;
  /**
   * UNTIL as written: `utc` (`…T…Z`, an instant), `local` (a wall-clock date-time of the zone)
   * or `date` (a date: that whole local day is included).
   */
  until?: 'utc' | 'local' | 'date';
}

/** Why a rule cannot be used, as a code and values the frontend translates. */
export type RecurrenceIssue =
  | { code: 'empty' }
  | { code: 'unreadable'; detail: string }
  | { code: 'unsupportedPart'; part: string }
  | { code: 'freqRequired' }
  | { code: 'freqUnsupported'; freq: string }
  | { code: 'badNumber'; part: string; min: number; max: number }
  | { code: 'badDay'; day: string }
  | { code: 'ordinalDay'; day: string }
  | { code: 'countAndUntil' }
  | { code: 'badUntil' };

export type RecurrenceResult =
  | { ok: true; recurrence: Recurrence }
  | { ok: false; issue: RecurrenceIssue; message: string };

/** The English message of an issue (the API's 400 answers and logs). */
export function recurrenceIssueMessage(issue: RecurrenceIssue): string {
  const text = (() => {
    switch (issue.code) {
      case 'empty':
        return 'is empty';
      case 'unreadable':
        return `cannot be read (${issue.detail})`;
      case 'unsupportedPart':
        return `${issue.part} is not supported here`;
      case 'freqRequired':
        return `FREQ is required (${CORRECTION_FREQUENCIES.join(', ')})`;
      case 'freqUnsupported':
        return `FREQ=${issue.freq} is not supported (${CORRECTION_FREQUENCIES.join(', ')})`;
      case 'badNumber':
        return `${issue.part} must be a whole number from ${issue.min} to ${issue.max}`;
      case 'badDay':
        return `BYDAY: "${issue.day}" is not one of MO, TU, WE, TH, FR, SA, SU`;
      case 'ordinalDay':
        return `BYDAY: "${issue.day}" (a numbered weekday) needs FREQ=MONTHLY or YEARLY`;
      case 'countAndUntil':
        return 'give COUNT or UNTIL, not both';
      case 'badUntil':
        return 'UNTIL must look like 20261231, 20261231T235959 or 20261231T235959Z';
      default:
        return 'is not valid';
    }
  })();
  return `rrule: ${text}`;
}

const NUMBER_PARTS: Array<[keyof Options, string, number, number]> = [
  ['interval', 'INTERVAL', 1, 366],
  ['count', 'COUNT', 1, 10000],
  ['byhour', 'BYHOUR', 0, 23],
  ['byminute', 'BYMINUTE', 0, 59],
  ['bysecond', 'BYSECOND', 0, 59],
  ['bymonth', 'BYMONTH', 1, 12],
  ['bymonthday', 'BYMONTHDAY', -31, 31],
  ['byyearday', 'BYYEARDAY', -366, 366],
  ['byweekno', 'BYWEEKNO', -53, 53],
  ['bysetpos', 'BYSETPOS', -366, 366],
];

/** The raw value of one part of the rule text (`UNTIL`, `BYDAY`), for what rrule's options lose. */
function rawPart(body: string, key: string): string | undefined {
  const part = body
    .split(';')
    .map(p => p.trim())
    .find(p => p.toUpperCase().startsWith(`${key}=`));
  return part?.slice(key.length + 1).trim();
}

/**
 * Reads an RRULE (`FREQ=WEEKLY;BYDAY=TU;BYHOUR=2`; an `RRULE:` prefix is fine) with rrule and
 * checks what a correction needs: a daily or slower frequency, numbers in range, known weekdays,
 * COUNT or UNTIL (not both). DTSTART and TZID do not belong in it: the correction's start and the
 * configured zone give them.
 */
export function parseRecurrence(text: string): RecurrenceResult {
  const fail = (issue: RecurrenceIssue): RecurrenceResult => ({
    ok: false,
    issue,
    message: recurrenceIssueMessage(issue),
  });
  const body = text.trim().replace(/^RRULE:/i, '');
  if (!body) return fail({ code: 'empty' });
  for (const key of ['DTSTART', 'TZID', 'EXDATE', 'RDATE']) {
    if (new RegExp(`(^|[;\\s])${key}[=:;]`, 'i').test(body)) {
      return fail({ code: 'unsupportedPart', part: key });
    }
  }
  if (/[\r\n]/.test(body)) return fail({ code: 'unreadable', detail: 'one line only' });
  let options: Partial<Options>;
  try {
    options = RRule.parseString(body);
  } catch (e) {
    const message = (e as Error).message;
    const unknown = /Unknown RRULE property '([^']*)'/.exec(message);
    if (unknown) return fail({ code: 'unsupportedPart', part: unknown[1] });
    if (/UNTIL/i.test(message)) return fail({ code: 'badUntil' });
    return fail({ code: 'unreadable', detail: message });
  }
  if (options.freq === undefined || options.freq === null) {
    return fail({ code: 'freqRequired' });
  }
  const freq = Frequency[options.freq] as string | undefined;
  if (!freq || !(CORRECTION_FREQUENCIES as readonly string[]).includes(freq)) {
    return fail({
      code: 'freqUnsupported',
      freq: freq ?? rawPart(body, 'FREQ') ?? '?',
    });
  }
  for (const [key, part, min, max] of NUMBER_PARTS) {
    const value = options[key] as number | number[] | null | undefined;
    if (value === undefined || value === null) continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0 || values.some(v => !Number.isInteger(v) || v < min || v > max || (v === 0 && min < 0))) {
      return fail({ code: 'badNumber', part, min, max });
    }
  }
  if (options.byweekday !== undefined && options.byweekday !== null) {
    const raw = (rawPart(body, 'BYDAY') ?? '').split(',');
    const days = Array.isArray(options.byweekday) ? options.byweekday : [options.byweekday];
    for (const [i, day] of days.entries()) {
      if (day === null || day === undefined) {
        return fail({ code: 'badDay', day: raw[i]?.trim() ?? '' });
      }
      const n = typeof day === 'object' ? day.n : undefined;
      if (n && freq !== 'MONTHLY' && freq !== 'YEARLY') {
        return fail({ code: 'ordinalDay', day: raw[i]?.trim() ?? '' });
      }
    }
  }
  if (options.count !== undefined && options.until) {
    return fail({ code: 'countAndUntil' });
  }
  const recurrence: Recurrence = { options };
  if (options.until) {
    const raw = rawPart(body, 'UNTIL') ?? '';
    if (!Number.isFinite(options.until.getTime())) return fail({ code: 'badUntil' });
    if (/Z$/i.test(raw)) recurrence.until = 'utc';
    else recurrence.until = /T/i.test(raw) ? 'local' : 'date';
  }
  return { ok: true, recurrence };
}

/** What a rule says, in plain fields, for putting it into words (the frontend's). */
export interface RecurrenceSummary {
  freq: (typeof CORRECTION_FREQUENCIES)[number];
  interval: number;
  /** Weekdays, 0 = Monday … 6 = Sunday (BYDAY without numbers). */
  days: number[];
  /** Numbered weekdays (`1SU`: n 1, weekday 6; `-1FR`: the last Friday). */
  nthDays: Array<{ n: number; weekday: number }>;
  monthDays: number[];
  months: number[];
  hours: number[];
  minutes: number[];
  count?: number;
  /** UNTIL as the wall-clock `YYYY-MM-DD` it names (a UTC UNTIL: its UTC date). */
  untilDate?: string;
  /** Parts beyond these (BYSETPOS, BYYEARDAY, BYWEEKNO, BYSECOND). */
  more: boolean;
}

const asList = (v: unknown): unknown[] => {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
};

export function summarizeRecurrence(recurrence: Recurrence): RecurrenceSummary {
  const o = recurrence.options;
  const days: number[] = [];
  const nthDays: RecurrenceSummary['nthDays'] = [];
  const more =
    asList(o.bysetpos).length > 0 ||
    asList(o.byyearday).length > 0 ||
    asList(o.byweekno).length > 0 ||
    asList(o.bysecond).length > 0;
  for (const d of asList(o.byweekday)) {
    if (typeof d === 'number') days.push(d);
    else if (d && typeof d === 'object' && 'weekday' in d) {
      const { n, weekday } = d as { n?: number; weekday: number };
      if (n) nthDays.push({ n, weekday });
      else days.push(weekday);
    }
  }
  return {
    freq: Frequency[o.freq!] as RecurrenceSummary['freq'],
    interval: o.interval ?? 1,
    days: [...new Set(days)].sort((a, b) => a - b),
    nthDays,
    monthDays: asList(o.bymonthday) as number[],
    months: asList(o.bymonth) as number[],
    hours: asList(o.byhour) as number[],
    minutes: asList(o.byminute) as number[],
    ...(o.count ? { count: o.count } : {}),
    ...(o.until ? { untilDate: o.until.toISOString().slice(0, 10) } : {}),
    more,
  };
}

/** A wall-clock time of the zone as a floating date (its UTC fields are the wall clock). */
function toFloating(sec: number, zone: string): Date {
  return DateTime.fromSeconds(sec, { zone }).setZone('UTC', { keepLocalTime: true }).toJSDate();
}

/** The instant of a floating date's wall-clock time in the zone (a time a DST jump skips moves on). */
function fromFloating(date: Date, zone: string): number {
  return DateTime.fromJSDate(date, { zone: 'UTC' }).setZone(zone, { keepLocalTime: true }).toSeconds();
}

/** At most this many occurrences are enumerated per correction (a daily rule over 27 years). */
const MAX_OCCURRENCES = 10_000;

/** The rrule of a correction in a zone: DTSTART is `start`'s wall-clock time there. */
function ruleOf(recurrence: Recurrence, start: number, zone: string): RRule {
  const { until } = recurrence;
  let untilDate = recurrence.options.until ?? null;
  if (untilDate && until === 'utc') {
    untilDate = toFloating(untilDate.getTime() / 1000, zone);
  } else if (untilDate && until === 'date') {
    // A date includes that whole local day.
    untilDate = new Date(untilDate.getTime() + DAY * 1000 - 1000);
  }
  return new RRule({
    ...recurrence.options,
    dtstart: toFloating(start, zone),
    tzid: null,
    until: untilDate,
  });
}

/**
 * The starts (epoch seconds) of a rule's occurrences from `start` on, in the zone, that begin
 * before `to` and end after `from` (each lasts `durationSec`); at most `limit`.
 */
export function occurrenceStarts(
  recurrence: Recurrence,
  start: number,
  durationSec: number,
  from: number,
  to: number,
  zone = DEFAULT_TIME_ZONE,
  limit = MAX_OCCURRENCES,
): number[] {
  const rule = ruleOf(recurrence, start, zone);
  // Floating bounds a day wider than the range: a zone's offset moves wall time by < 1 day.
  const after = toFloating(Math.max(start, from - durationSec) - DAY, zone);
  const before = toFloating(to + DAY, zone);
  const out: number[] = [];
  rule.between(after, before, true, date => {
    const s = fromFloating(date, zone);
    if (s >= start && s < to && s + durationSec > from) out.push(s);
    return out.length < limit;
  });
  return out;
}

/**
 * The periods `[start, end)` of a correction that overlap `[from, to)`, clipped to it, in order.
 * A recurring correction's occurrences are those its rule gives from `start` on, evaluated in
 * `zone`, each `end − start` long.
 */
export function correctionPeriods(
  correction: { start: number; end: number; recurrence?: Recurrence },
  from: number,
  to: number,
  zone = DEFAULT_TIME_ZONE,
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
  for (const s of occurrenceStarts(recurrence, start, duration, from, to, zone)) add(s);
  return out;
}

/** Sorts and merges overlapping periods, so nothing is excluded twice. */
export function mergePeriods(periods: Array<[number, number]>): Array<[number, number]> {
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
export function correctionIssues(input: { start: number; end: number; rrule?: string }): string[] {
  const out: string[] = [];
  if (!(input.end > input.start)) out.push('end must be after start');
  if (input.rrule !== undefined) {
    const parsed = parseRecurrence(input.rrule);
    if (!parsed.ok) out.push(parsed.message);
    if (input.end - input.start > MAX_RECURRING_SECONDS) {
      out.push('a recurring correction may last at most 24 hours per occurrence');
    }
  } else if (input.end - input.start > MAX_CORRECTION_SECONDS) {
    out.push('a correction may last at most 31 days');
  }
  return out;
}
