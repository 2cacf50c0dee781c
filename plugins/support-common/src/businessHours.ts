/**
 * Business-hours arithmetic on a calendar: a time zone, working hours, working days and
 * holidays. Pure (no clock): every function takes instants as epoch milliseconds.
 */

export interface BusinessCalendar {
  /** IANA time zone, e.g. `Asia/Tokyo`. */
  timeZone: string;
  /** Start and end of the working day, `HH:MM` local time (end after start). */
  start: string;
  end: string;
  /** Working days, 0 = Sunday … 6 = Saturday. */
  workDays: number[];
  /** Local dates (`YYYY-MM-DD`) that are not working days. */
  holidays: string[];
}

/** Japanese public holidays (国民の祝日 and 振替休日/国民の休日) of 2026 and 2027. */
export const JAPAN_HOLIDAYS_2026_2027: readonly string[] = [
  '2026-01-01', '2026-01-12', '2026-02-11', '2026-02-23', '2026-03-20', '2026-04-29',
  '2026-05-03', '2026-05-04', '2026-05-05', '2026-05-06', '2026-07-20', '2026-08-11',
  '2026-09-21', '2026-09-22', '2026-09-23', '2026-10-12', '2026-11-03', '2026-11-23',
  '2027-01-01', '2027-01-11', '2027-02-11', '2027-02-23', '2027-03-21', '2027-03-22',
  '2027-04-29', '2027-05-03', '2027-05-04', '2027-05-05', '2027-07-19', '2027-08-11',
  '2027-09-20', '2027-09-23', '2027-10-11', '2027-11-03', '2027-11-23',
];

export const DEFAULT_CALENDAR: BusinessCalendar = {
  timeZone: 'Asia/Tokyo',
  start: '09:00',
  end: '18:00',
  workDays: [1, 2, 3, 4, 5],
  holidays: [...JAPAN_HOLIDAYS_2026_2027],
};

const MINUTE_MS = 60_000;
const MAX_DAYS = 3 * 366;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface LocalTime {
  y: number;
  m: number;
  d: number;
  h: number;
  min: number;
  s: number;
}

function localTime(ms: number, timeZone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return { y: parts.year, m: parts.month, d: parts.day, h: parts.hour % 24, min: parts.minute, s: parts.second };
}

/** Offset of the zone from UTC at an instant, in ms (positive east of Greenwich). */
function offsetMs(ms: number, timeZone: string): number {
  const l = localTime(ms, timeZone);
  const asUtc = Date.UTC(l.y, l.m - 1, l.d, l.h, l.min, l.s);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The instant of a local wall-clock time (minutes after local midnight) on a local date. */
export function zonedTime(y: number, m: number, d: number, minuteOfDay: number, timeZone: string): number {
  const guess = Date.UTC(y, m - 1, d, 0, minuteOfDay);
  const first = guess - offsetMs(guess, timeZone);
  const second = guess - offsetMs(first, timeZone);
  return second;
}

function parseClock(text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) throw new Error(`Invalid time of day "${text}" (expected HH:MM)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Problems of a calendar, as messages naming the setting (empty when it is usable). */
export function calendarIssues(cal: BusinessCalendar): string[] {
  const issues: string[] = [];
  try {
    formatter(cal.timeZone);
  } catch {
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
  for (const h of cal.holidays) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(h)) issues.push(`holidays: "${h}" is not YYYY-MM-DD`);
  }
  return issues;
}

interface Day {
  y: number;
  m: number;
  d: number;
}

function nextDay(day: Day): Day {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

const dayKey = (day: Day) => `${day.y}-${pad(day.m)}-${pad(day.d)}`;
const weekday = (day: Day) => new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay();

/** Compiled calendar: parsed hours and a holiday set. */
class Calendar {
  readonly startMin: number;
  readonly endMin: number;
  readonly holidays: Set<string>;
  readonly workDays: Set<number>;
  constructor(readonly cal: BusinessCalendar) {
    this.startMin = parseClock(cal.start);
    this.endMin = parseClock(cal.end);
    this.holidays = new Set(cal.holidays);
    this.workDays = new Set(cal.workDays);
  }
  isWorkingDay(day: Day) {
    return this.workDays.has(weekday(day)) && !this.holidays.has(dayKey(day));
  }
  window(day: Day): [number, number] {
    return [
      zonedTime(day.y, day.m, day.d, this.startMin, this.cal.timeZone),
      zonedTime(day.y, day.m, day.d, this.endMin, this.cal.timeZone),
    ];
  }
  dayOf(ms: number): Day {
    const l = localTime(ms, this.cal.timeZone);
    return { y: l.y, m: l.m, d: l.d };
  }
}

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
  const last = dayKey(c.dayOf(end));
  let total = 0;
  for (let i = 0; i < MAX_DAYS * 10; i++) {
    if (c.isWorkingDay(day)) {
      const [open, close] = c.window(day);
      const overlap = Math.min(close, end) - Math.max(open, start);
      if (overlap > 0) total += overlap;
    }
    if (dayKey(day) === last) break;
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
