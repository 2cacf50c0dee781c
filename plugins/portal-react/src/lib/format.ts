/**
 * Dates, numbers and lists in the app's language, with Intl. Pure: the language comes from the
 * caller (see hooks/useFormatters).
 */

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

export interface Formatters {
  language: string;
  /** "5 minutes ago" / "5 分前", "in 3 hours" / "3 時間後". */
  relative(time: string | number | Date | undefined, now?: number): string;
  /** The same from an age in seconds ("stale for 90 s" is "2 minutes ago"). */
  relativeFromAge(ageSeconds: number): string;
  /** Date and time, short ("Jun 3, 2025, 14:05" / "2025/06/03 14:05"). */
  dateTime(time: string | number | Date | undefined): string;
  number(value: number | undefined): string;
  percent(value: number | undefined): string;
  /** "alice, bob and carol" / "alice、bob、carol". */
  list(values: string[]): string;
}

function toMillis(time: string | number | Date): number {
  return time instanceof Date ? time.getTime() : new Date(time).getTime();
}

/** Rounds half away from zero, so 90 s ago is "2 minutes ago" like 90 s ahead is "in 2 minutes". */
const round = (n: number) => Math.sign(n) * Math.round(Math.abs(n));

function pickUnit(seconds: number): [number, Intl.RelativeTimeFormatUnit] {
  const abs = Math.abs(seconds);
  for (const [unit, size] of UNITS) {
    if (abs >= size) return [round(seconds / size), unit];
  }
  return [round(seconds), 'second'];
}

export function createFormatters(language: string): Formatters {
  const rtf = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const dtf = new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const nf = new Intl.NumberFormat(language);
  const pf = new Intl.NumberFormat(language, {
    style: 'percent',
    maximumFractionDigits: 0,
  });
  const lf = new Intl.ListFormat(language, {
    style: 'long',
    type: 'conjunction',
  });
  const dash = '—';

  const relativeSeconds = (seconds: number) => {
    const [value, unit] = pickUnit(seconds);
    return rtf.format(value, unit);
  };

  return {
    language,
    relative(time, now = Date.now()) {
      if (time === undefined) return dash;
      const ms = toMillis(time);
      if (Number.isNaN(ms)) return dash;
      return relativeSeconds((ms - now) / 1000);
    },
    relativeFromAge(ageSeconds) {
      return relativeSeconds(-Math.max(0, ageSeconds));
    },
    dateTime(time) {
      if (time === undefined) return dash;
      const ms = toMillis(time);
      return Number.isNaN(ms) ? dash : dtf.format(ms);
    },
    number(value) {
      return value === undefined ? dash : nf.format(value);
    },
    percent(value) {
      return value === undefined ? dash : pf.format(value);
    },
    list(values) {
      return lf.format(values);
    },
  };
}
