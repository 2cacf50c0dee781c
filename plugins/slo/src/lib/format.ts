/**
 * Numbers, percentages and dates of the SLO views, with Intl in the app's language. Pure: the
 * language comes from the caller (see hooks/useFormatters).
 */

const DASH = '—';

import { DEFAULT_TIME_ZONE } from '@internal/plugin-slo-common';

/** RFC 5545 weekday codes, Monday first (the company's week starts on Monday). */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Objectives and attainments as ratios. Objectives travel as percentages (`99.9`, as in
 * `spec.slo.objective`), SLIs and attainments as ratios (`0.999`); anything above 1 is read as a
 * percentage, so the views stay right whichever a field uses. No real objective or weekly
 * attainment is at or below 1 %.
 */
export function toRatio(value: number): number {
  // toPrecision drops the binary noise of the division (99.9 / 100 is 0.9990000000000001).
  return value > 1 ? Number((value / 100).toPrecision(12)) : value;
}

export interface SloFormatters {
  language: string;
  /** An SLI: a percentage with 3–4 decimals, never rounded up ("99.9512%"). */
  sli(ratio: number | undefined | null): string;
  /** A weekly attainment, 2–3 decimals, never rounded up; takes a ratio or a percentage. */
  attainment(value: number | undefined | null): string;
  /** An objective ("99.9%", "99.95%"); takes a ratio or a percentage. */
  objective(value: number | undefined): string;
  /** A share such as the budget remaining ("42.3%", "-12%"). */
  percent(ratio: number | undefined): string;
  /** A burn rate ("2.4×"). */
  burnRate(rate: number | undefined): string;
  number(value: number | undefined): string;
  /** A `YYYY-MM-DD` day ("Nov 3, 2026" / "2026/11/03"). */
  day(date: string): string;
  /** A `YYYY-MM-DD` day, short ("11/3"). */
  shortDay(date: string): string;
  /** An instant, date and time, in the user's time zone ("Nov 3, 2026, 2:05 PM"). */
  dateTime(time: string | undefined): string;
  /** The IANA zone of SLO windows and corrections (`slo.timeZone`, default Asia/Tokyo). */
  timeZone: string;
  /** An instant in the SLO zone, that of SLO windows and corrections ("Nov 3, 2026, 2:05 PM"). */
  zoneDateTime(time: string | undefined): string;
  /** The time of day of an instant in the SLO zone ("2:00 AM" / "2:00"). */
  zoneTime(time: string | undefined): string;
  /** "in 3 days" / "3 日後", "2 hours ago" / "2 時間前". */
  relative(time: string | undefined, now?: number): string;
  /** Short weekday names, by RFC 5545 code ("Tue" / "火"). */
  weekday(day: Weekday): string;
  /** "Tue and Thu" / "火、木". */
  list(values: string[]): string;
}

/** `YYYY-MM-DD` as midnight UTC, so formatting it in UTC gives back the same calendar day. */
function dayToMillis(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function formatInstant(format: Intl.DateTimeFormat, time: string | undefined): string {
  const ms = time === undefined ? NaN : Date.parse(time);
  return Number.isNaN(ms) ? DASH : format.format(ms);
}

const RELATIVE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86400],
  ['month', 30 * 86400],
  ['week', 7 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

export function createSloFormatters(language: string, timeZone: string = DEFAULT_TIME_ZONE): SloFormatters {
  const sliFormat = new Intl.NumberFormat(language, {
    style: 'percent',
    minimumFractionDigits: 3,
    maximumFractionDigits: 4,
    roundingMode: 'floor',
  });
  const attainmentFormat = new Intl.NumberFormat(language, {
    style: 'percent',
    minimumFractionDigits: 2,
    maximumFractionDigits: 3,
    roundingMode: 'floor',
  });
  const objectiveFormat = new Intl.NumberFormat(language, {
    style: 'percent',
    maximumFractionDigits: 3,
  });
  const percentFormat = new Intl.NumberFormat(language, {
    style: 'percent',
    maximumFractionDigits: 1,
  });
  const rateFormat = new Intl.NumberFormat(language, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 2,
  });
  const numberFormat = new Intl.NumberFormat(language);
  const dayFormat = new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeZone: 'UTC',
  });
  const shortDayFormat = new Intl.DateTimeFormat(language, {
    month: 'numeric',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const dateTimeFormat = new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const zoneFormat = new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  });
  const zoneTimeFormat = new Intl.DateTimeFormat(language, {
    timeStyle: 'short',
    timeZone,
  });
  const weekdayFormat = new Intl.DateTimeFormat(language, {
    weekday: 'short',
    timeZone: 'UTC',
  });
  const relativeFormat = new Intl.RelativeTimeFormat(language, {
    numeric: 'auto',
  });
  const listFormat = new Intl.ListFormat(language, {
    style: 'long',
    type: 'conjunction',
  });
  const finite = (v: number | undefined | null): v is number => typeof v === 'number' && Number.isFinite(v);

  return {
    language,
    sli: ratio => (finite(ratio) ? sliFormat.format(ratio) : DASH),
    attainment: value => (finite(value) ? attainmentFormat.format(toRatio(value)) : DASH),
    objective: value => (finite(value) ? objectiveFormat.format(toRatio(value)) : DASH),
    percent: ratio => (finite(ratio) ? percentFormat.format(ratio) : DASH),
    burnRate: rate => (finite(rate) ? `${rateFormat.format(rate)}×` : DASH),
    number: value => (finite(value) ? numberFormat.format(value) : DASH),
    day: date => {
      const ms = dayToMillis(date);
      return Number.isNaN(ms) ? date : dayFormat.format(ms);
    },
    shortDay: date => {
      const ms = dayToMillis(date);
      return Number.isNaN(ms) ? date : shortDayFormat.format(ms);
    },
    dateTime: time => formatInstant(dateTimeFormat, time),
    timeZone,
    zoneDateTime: time => formatInstant(zoneFormat, time),
    zoneTime: time => formatInstant(zoneTimeFormat, time),
    relative: (time, now = Date.now()) => {
      const ms = time === undefined ? NaN : Date.parse(time);
      if (Number.isNaN(ms)) return DASH;
      const seconds = (ms - now) / 1000;
      const step = RELATIVE_STEPS.find(([, size]) => Math.abs(seconds) >= size);
      const [unit, size] = step ?? ['second', 1];
      const value = seconds / size;
      // Half away from zero, so the past and the future round alike.
      return relativeFormat.format(Math.sign(value) * Math.round(Math.abs(value)), unit);
    },
    weekday: day =>
      // 2024-01-01 was a Monday.
      weekdayFormat.format(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(day))),
    list: values => listFormat.format(values),
  };
}
