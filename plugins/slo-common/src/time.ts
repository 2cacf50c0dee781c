/**
 * Time arithmetic of SLO windows, in epoch seconds. Days, weeks (Monday first) and calendar
 * months are local ones of the configured IANA zone (`slo.timeZone`, default Asia/Tokyo), read
 * with luxon, so a zone with daylight saving gets its 23- and 25-hour days right.
 */
import { DateTime, IANAZone } from 'luxon';
import type { SloWindow } from './types';

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86400;

/** The company's zone, the default of `slo.timeZone`. */
export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

export const SLO_WINDOWS: readonly SloWindow[] = ['30d', '28d', '7d', 'calendar-month'];
export const DEFAULT_WINDOW: SloWindow = '30d';

const ROLLING_DAYS: Record<Exclude<SloWindow, 'calendar-month'>, number> = {
  '30d': 30,
  '28d': 28,
  '7d': 7,
};

export const floorTo = (sec: number, step: number) => Math.floor(sec / step) * step;

/** Whether `zone` is an IANA time zone this runtime knows (`Asia/Tokyo`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

const local = (sec: number, zone: string) => DateTime.fromSeconds(sec, { zone });

/*
 * Zone arithmetic through luxon costs tens of microseconds a call, and a fleet read asks the same
 * few instants (window starts, day starts) for every service on every request: the answers are
 * pure, so they are kept, at most MEMO_SIZE each (cleared when full).
 */
const MEMO_SIZE = 4096;
const dayStarts = new Map<string, number>();
const localDates = new Map<string, string>();
const nextDayStarts = new Map<string, number>();
function memo<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = compute();
  if (cache.size >= MEMO_SIZE) cache.clear();
  cache.set(key, value);
  return value;
}

/** Start of the local day that contains `sec`. */
export function dayStart(sec: number, zone = DEFAULT_TIME_ZONE): number {
  return memo(dayStarts, `${zone} ${sec}`, () => local(sec, zone).startOf('day').toSeconds());
}

/** Start of the local day after the one that contains `sec` (23, 24 or 25 hours on). */
export function nextDayStart(sec: number, zone = DEFAULT_TIME_ZONE): number {
  return memo(nextDayStarts, `${zone} ${sec}`, () => local(sec, zone).startOf('day').plus({ days: 1 }).toSeconds());
}

/** Start (epoch seconds) of the local calendar day `YYYY-MM-DD` in `zone`; NaN for a malformed date. */
export function dateStart(date: string, zone = DEFAULT_TIME_ZONE): number {
  const day = DateTime.fromISO(date, { zone });
  return day.isValid ? day.startOf('day').toSeconds() : NaN;
}

/** `YYYY-MM-DD` of the local day that contains `sec`. */
export function localDate(sec: number, zone = DEFAULT_TIME_ZONE): string {
  return memo(localDates, `${zone} ${sec}`, () => local(sec, zone).toISODate()!);
}

/** Start of the local week (Monday 00:00) that contains `sec`. */
export function weekStart(sec: number, zone = DEFAULT_TIME_ZONE): number {
  return local(sec, zone).startOf('week').toSeconds();
}

/** The local week starts `weeks` weeks after (negative: before) the week that starts at `sec`. */
export function addWeeks(sec: number, weeks: number, zone = DEFAULT_TIME_ZONE): number {
  return local(sec, zone).plus({ weeks }).toSeconds();
}

/** Start of the local calendar month that contains `sec`, and its length. */
export function calendarMonth(sec: number, zone = DEFAULT_TIME_ZONE): { start: number; lengthSec: number } {
  const start = local(sec, zone).startOf('month');
  const next = start.plus({ months: 1 });
  return {
    start: start.toSeconds(),
    lengthSec: next.toSeconds() - start.toSeconds(),
  };
}

export interface WindowBounds {
  /** First second of the window (inclusive). */
  start: number;
  /** End of the data (exclusive): the minute the counts were read. */
  end: number;
  /** Nominal length of the window (30, 28 or 7 days; the whole calendar month). */
  lengthSec: number;
}

/**
 * The window that ends at `asOf`. Rolling windows start on the hour, N days before the current
 * hour began (so they hold N days plus the minutes of the current hour); the calendar month
 * starts on the 1st, 00:00 local time of `zone`.
 */
export function windowBounds(window: SloWindow, asOf: number, zone = DEFAULT_TIME_ZONE): WindowBounds {
  if (window === 'calendar-month') {
    const { start, lengthSec } = calendarMonth(asOf, zone);
    return { start, end: asOf, lengthSec };
  }
  const lengthSec = ROLLING_DAYS[window] * DAY;
  return { start: floorTo(asOf, HOUR) - lengthSec, end: asOf, lengthSec };
}

/** How much a 30-day rule's burn-rate factors scale for this window (window length / 30 d). */
export function windowScale(lengthSec: number): number {
  return lengthSec / (30 * DAY);
}

export const iso = (sec: number) => new Date(sec * 1000).toISOString();

/**
 * A wall-clock date-time of the zone (`2026-12-01T10:00`, as a `datetime-local` input gives it)
 * as ISO 8601 with the zone's offset on that day (`2026-12-01T10:00:00.000+09:00`); undefined
 * when it is not a date-time. A time a DST jump skips moves forward, as clocks do.
 */
export function wallTimeToIso(value: string, zone = DEFAULT_TIME_ZONE): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return undefined;
  const t = DateTime.fromISO(value, { zone });
  return t.isValid ? t.toISO({ suppressMilliseconds: true })! : undefined;
}
