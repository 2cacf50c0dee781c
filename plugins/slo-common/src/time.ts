/**
 * Time arithmetic of SLO windows, in epoch seconds. The company's time zone is JST (UTC+9, no
 * daylight saving), so days, weeks and months are JST ones and a fixed offset is exact.
 */
import type { SloWindow } from './types';

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86400;
export const JST_OFFSET = 9 * HOUR;

export const SLO_WINDOWS: readonly SloWindow[] = [
  '30d',
  '28d',
  '7d',
  'calendar-month',
];
export const DEFAULT_WINDOW: SloWindow = '30d';

const ROLLING_DAYS: Record<Exclude<SloWindow, 'calendar-month'>, number> = {
  '30d': 30,
  '28d': 28,
  '7d': 7,
};

export const floorTo = (sec: number, step: number) =>
  Math.floor(sec / step) * step;

/** Start of the JST day that contains `sec`. */
export function jstDayStart(sec: number): number {
  return floorTo(sec + JST_OFFSET, DAY) - JST_OFFSET;
}

/** `YYYY-MM-DD` of the JST day that contains `sec`. */
export function jstDate(sec: number): string {
  return new Date((sec + JST_OFFSET) * 1000).toISOString().slice(0, 10);
}

/** Start of the JST week (Monday 00:00 JST) that contains `sec`. */
export function jstWeekStart(sec: number): number {
  const day = jstDayStart(sec);
  const weekday = new Date((day + JST_OFFSET) * 1000).getUTCDay(); // 0 = Sunday
  return day - ((weekday + 6) % 7) * DAY;
}

/** Start of the JST calendar month that contains `sec`, and its length. */
export function jstMonth(sec: number): { start: number; lengthSec: number } {
  const local = new Date((sec + JST_OFFSET) * 1000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const start = Date.UTC(y, m, 1) / 1000 - JST_OFFSET;
  const next = Date.UTC(y, m + 1, 1) / 1000 - JST_OFFSET;
  return { start, lengthSec: next - start };
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
 * starts on the 1st, 00:00 JST.
 */
export function windowBounds(window: SloWindow, asOf: number): WindowBounds {
  if (window === 'calendar-month') {
    const { start, lengthSec } = jstMonth(asOf);
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
