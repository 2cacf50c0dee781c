/**
 * Business-hours arithmetic on a calendar: a time zone, working hours, working days and
 * holidays. Pure (no clock): every function takes instants as epoch milliseconds.
 *
 * Local days and wall-clock times come from luxon in the calendar's IANA zone (so DST days are
 * 23 or 25 hours long where the zone has them); Japanese national holidays come from
 * `@holiday-jp/holiday_jp`, the list its community keeps up as the law and the equinoxes are
 * announced, so no year is left without holidays by a table someone forgot to extend.
 */
import holidayJp from '@holiday-jp/holiday_jp';
import { DateTime, IANAZone } from 'luxon';

export interface BusinessCalendar {
  /** IANA time zone, e.g. `Asia/Tokyo`. */
  timeZone: string;
  /** Start and end of the working day, `HH:MM` local time (end after start). */
  start: string;
  end: string;
  /** Working days, 0 = Sunday … 6 = Saturday. */
  workDays: number[];
  /**
   * Public holidays that are days off: `JP` = the Japanese national holidays (国民の祝日,
   * 振替休日, 国民の休日) from `@holiday-jp/holiday_jp`. Absent: none.
   */
  publicHolidays?: 'JP';
  /** Further local dates (`YYYY-MM-DD`) that are not working days, e.g. company closures. */
  holidays: string[];
  /** Days off every year, as `MM-DD` (e.g. a new-year closure `12-29` … `01-03`). */
  annualHolidays?: string[];
}

export const DEFAULT_CALENDAR: BusinessCalendar = {
  timeZone: 'Asia/Tokyo',
  start: '09:00',
  end: '18:00',
  workDays: [1, 2, 3, 4, 5],
  publicHolidays: 'JP',
  holidays: [],
};

/** Whether a local date (`YYYY-MM-DD`) is a Japanese national holiday. */
export function isJapaneseHoliday(date: string): boolean {
  return Object.prototype.hasOwnProperty.call(holidayJp.holidays, date);
}

/** The Japanese national holidays of a year, `YYYY-MM-DD` with their names (ja, en). */
export function japaneseHolidays(year: number): Array<{ date: string; name: string; nameEn: string }> {
  return Object.values(holidayJp.holidays as Record<string, { date: string; name: string; name_en: string }>)
    .filter(h => h.date.startsWith(`${year}-`))
    .map(h => ({ date: h.date, name: h.name, nameEn: h.name_en }));
}

const MINUTE_MS = 60_000;
const MAX_DAYS = 3 * 366;

/** The instant of a local wall-clock time (minutes after local midnight) on a local date. */
export function zonedTime(y: number, m: number, d: number, minuteOfDay: number, timeZone: string): number {
  return wallTime(DateTime.fromObject({ year: y, month: m, day: d }, { zone: timeZone }), minuteOfDay);
}

/**
 * `minuteOfDay` minutes of wall-clock time after the start of a local day (24:00 is the next
 * day's start). A wall time that a DST jump skips is moved forward by luxon, as clocks are.
 */
function wallTime(day: DateTime, minuteOfDay: number): number {
  const days = Math.floor(minuteOfDay / 1440);
  const rest = minuteOfDay - days * 1440;
  return day
    .plus({ days })
    .set({ hour: Math.floor(rest / 60), minute: rest % 60, second: 0, millisecond: 0 })
    .toMillis();
}

/** The instant a local date (`YYYY-MM-DD`) begins in a zone, `days` whole local days later. */
export function localDayStart(date: string, timeZone: string, days = 0): number {
  return DateTime.fromISO(date, { zone: timeZone }).startOf('day').plus({ days }).toMillis();
}

/** `YYYY-MM-DD` of the local day that contains an instant. */
export function localDate(ms: number, timeZone: string): string {
  return DateTime.fromMillis(ms, { zone: timeZone }).toISODate()!;
}

/** `YYYY-MM` of the local month that contains an instant. */
export function localMonth(ms: number, timeZone: string): string {
  return DateTime.fromMillis(ms, { zone: timeZone }).toFormat('yyyy-MM');
}

function parseClock(text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) throw new Error(`Invalid time of day "${text}" (expected HH:MM)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Problems of a calendar, as messages naming the setting (empty when it is usable). */
export function calendarIssues(cal: BusinessCalendar): string[] {
  const issues: string[] = [];
  if (!IANAZone.isValidZone(cal.timeZone)) {
    issues.push(`timeZone: unknown time zone "${cal.timeZone}"`);
  }
  let start = 0;
  let end = 0;
  try {
    start = parseClock(cal.start);
  } catch (e) {
    issues.push(`start: ${(e as Error).message}`);
  }
  try {
    end = parseClock(cal.end);
  } catch (e) {
    issues.push(`end: ${(e as Error).message}`);
  }
  if (end <= start || end > 24 * 60) issues.push('end: must be after start and at most 24:00');
  if (!cal.workDays.length || cal.workDays.some(d => !Number.isInteger(d) || d < 0 || d > 6)) {
    issues.push('workDays: must list days 0 (Sunday) to 6 (Saturday)');
  }
  if (cal.publicHolidays !== undefined && cal.publicHolidays !== 'JP') {
    issues.push(`publicHolidays: "${cal.publicHolidays}" is not supported (JP, or none)`);
  }
  for (const h of cal.holidays) {
    if (!DateTime.fromISO(h, { zone: 'UTC' }).isValid || !/^\d{4}-\d{2}-\d{2}$/.test(h)) {
      issues.push(`holidays: "${h}" is not YYYY-MM-DD`);
    }
  }
  for (const h of cal.annualHolidays ?? []) {
    if (!DateTime.fromFormat(`2000-${h}`, 'yyyy-MM-dd', { zone: 'UTC' }).isValid) {
      issues.push(`annualHolidays: "${h}" is not MM-DD`);
    }
  }
  return issues;
}

/** Compiled calendar: parsed hours and holiday sets. */
class Calendar {
  readonly startMin: number;
  readonly endMin: number;
  readonly holidays: Set<string>;
  readonly annual: Set<string>;
  readonly workDays: Set<number>;
  constructor(readonly cal: BusinessCalendar) {
    this.startMin = parseClock(cal.start);
    this.endMin = parseClock(cal.end);
    this.holidays = new Set(cal.holidays);
    this.annual = new Set(cal.annualHolidays ?? []);
    this.workDays = new Set(cal.workDays);
  }
  isWorkingDay(day: DateTime) {
    // luxon weekdays are 1 = Monday … 7 = Sunday; the calendar's are 0 = Sunday … 6 = Saturday.
    if (!this.workDays.has(day.weekday % 7)) return false;
    const date = day.toISODate()!;
    if (this.holidays.has(date) || this.annual.has(date.slice(5))) return false;
    return !(this.cal.publicHolidays === 'JP' && isJapaneseHoliday(date));
  }
  window(day: DateTime): [number, number] {
    return [wallTime(day, this.startMin), wallTime(day, this.endMin)];
  }
  /** The start of the local day that contains `ms`. */
  dayOf(ms: number): DateTime {
    return DateTime.fromMillis(ms, { zone: this.cal.timeZone }).startOf('day');
  }
}

const nextDay = (day: DateTime) => day.plus({ days: 1 });

const compiled = new WeakMap<BusinessCalendar, Calendar>();
function compile(cal: BusinessCalendar): Calendar {
  let c = compiled.get(cal);
  if (!c) {
    c = new Calendar(cal);
    compiled.set(cal, c);
  }
  return c;
}

/** Whether an instant falls inside working hours. */
export function isBusinessTime(ms: number, cal: BusinessCalendar): boolean {
  const c = compile(cal);
  const day = c.dayOf(ms);
  if (!c.isWorkingDay(day)) return false;
  const [open, close] = c.window(day);
  return ms >= open && ms < close;
}

/** Business milliseconds between two instants (0 when `end` is not after `start`). */
export function businessMsBetween(start: number, end: number, cal: BusinessCalendar): number {
  if (!(end > start)) return 0;
  const c = compile(cal);
  let day = c.dayOf(start);
  const last = c.dayOf(end).toMillis();
  let total = 0;
  for (let i = 0; i < MAX_DAYS * 10; i++) {
    if (c.isWorkingDay(day)) {
      const [open, close] = c.window(day);
      const overlap = Math.min(close, end) - Math.max(open, start);
      if (overlap > 0) total += overlap;
    }
    if (day.toMillis() >= last) break;
    day = nextDay(day);
  }
  return total;
}

/** Business minutes between two instants. */
export function businessMinutesBetween(start: number, end: number, cal: BusinessCalendar): number {
  return businessMsBetween(start, end, cal) / MINUTE_MS;
}

/**
 * The instant when `ms` business milliseconds have passed after `start`; undefined when no
 * working time exists within three years (a calendar without working days).
 */
export function addBusinessMs(start: number, ms: number, cal: BusinessCalendar): number | undefined {
  const c = compile(cal);
  let remaining = Math.max(0, ms);
  let day = c.dayOf(start);
  for (let i = 0; i < MAX_DAYS; i++) {
    if (c.isWorkingDay(day)) {
      const [open, close] = c.window(day);
      const from = Math.max(open, start);
      const available = close - from;
      if (available > 0) {
        if (remaining <= available) return from + remaining;
        remaining -= available;
      }
    }
    day = nextDay(day);
  }
  return undefined;
}

export interface Interval {
  from: number;
  /** Open-ended (still running) when absent. */
  to?: number;
}

/**
 * Business milliseconds of `[start, end)` outside the pauses (pauses may overlap each other;
 * open pauses run until `end`).
 */
export function activeBusinessMs(start: number, end: number, pauses: Interval[], cal: BusinessCalendar): number {
  if (!(end > start)) return 0;
  const clipped = pauses
    .map(p => ({ from: Math.max(start, p.from), to: Math.min(end, p.to ?? end) }))
    .filter(p => p.to > p.from)
    .sort((a, b) => a.from - b.from);
  const merged: Array<{ from: number; to: number }> = [];
  for (const p of clipped) {
    const last = merged[merged.length - 1];
    if (last && p.from <= last.to) last.to = Math.max(last.to, p.to);
    else merged.push({ ...p });
  }
  let paused = 0;
  for (const p of merged) paused += businessMsBetween(p.from, p.to, cal);
  return businessMsBetween(start, end, cal) - paused;
}

/** `30m`, `4h`, `1h30m` or a number of minutes, as minutes. */
export function parseDurationMinutes(value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) throw new Error(`Invalid duration ${value}`);
    return value;
  }
  const match = /^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*$/.exec(value);
  if (!match || (!match[1] && !match[2])) {
    throw new Error(`Invalid duration "${value}" (expected e.g. 30m, 4h or 1h30m)`);
  }
  const minutes = Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
  if (minutes <= 0) throw new Error(`Invalid duration "${value}"`);
  return minutes;
}

/** Minutes as `1h 30m`, `45m`, `2h`. */
export function formatMinutes(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (!h) return `${rest}m`;
  return rest ? `${h}h ${rest}m` : `${h}h`;
}
