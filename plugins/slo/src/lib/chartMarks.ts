/**
 * What the SLO charts mark on their time axis: the days corrections left out (shaded bands) and
 * the deploys (vertical markers). Pure, so it is tested without a DOM.
 */
import {
  correctionPeriods,
  dateStart,
  DEFAULT_TIME_ZONE,
  localDate,
  dayStart,
  nextDayStart,
  parseRecurrence,
  type DailySli,
  type SloCorrection,
} from '@internal/plugin-slo-common';

/**
 * Midnight of a `YYYY-MM-DD` day in the SLO zone (`slo.timeZone`, default Asia/Tokyo), in epoch
 * milliseconds: where the day starts on the axis.
 */
export function dayStartMs(date: string, zone = DEFAULT_TIME_ZONE): number {
  return dateStart(date, zone) * 1000;
}

/** Midnight after the day `date` in `zone` (23, 24 or 25 hours on, across a DST change). */
export function dayEndMs(date: string, zone = DEFAULT_TIME_ZONE): number {
  return nextDayStart(dayStartMs(date, zone) / 1000, zone) * 1000;
}

/** The middle of a local day, where that day's value is drawn. */
export function dayMiddleMs(date: string, zone = DEFAULT_TIME_ZONE): number {
  const start = dayStartMs(date, zone);
  return start + (dayEndMs(date, zone) - start) / 2;
}

/** A run of consecutive corrected days, drawn as one shaded band. */
export interface CorrectionBand {
  /** Start of the first day (epoch ms). */
  x1: number;
  /** End of the last day (epoch ms). */
  x2: number;
  firstDay: string;
  lastDay: string;
  /** The reasons of the corrections that touch these days (empty when the history marks the days but the list has no match). */
  reasons: string[];
}

/**
 * The reasons of the corrections that touch each local day (in `zone`) of `days`, keyed by `YYYY-MM-DD`.
 * Recurring corrections are expanded with the same rule evaluation the backend uses; a day the
 * history marks as corrected is included even when no listed correction matches it.
 */
export function correctedDays(
  days: readonly DailySli[],
  corrections: readonly SloCorrection[],
  zone = DEFAULT_TIME_ZONE,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (days.length === 0) return out;
  const inWindow = new Set(days.map(d => d.date));
  const from = dayStartMs(days[0].date, zone) / 1000;
  const to = dayEndMs(days[days.length - 1].date, zone) / 1000;
  for (const c of corrections) {
    const parsed = c.rrule ? parseRecurrence(c.rrule) : undefined;
    if (parsed && !parsed.ok) continue;
    const periods = correctionPeriods(
      {
        start: Date.parse(c.start) / 1000,
        end: Date.parse(c.end) / 1000,
        recurrence: parsed?.ok ? parsed.recurrence : undefined,
      },
      from,
      to,
      zone,
    );
    for (const [a, b] of periods) {
      for (let day = dayStart(a, zone); day < b; day = nextDayStart(day, zone)) {
        const key = localDate(day, zone);
        if (!inWindow.has(key)) continue;
        const reasons = out.get(key) ?? [];
        if (!reasons.includes(c.reason)) reasons.push(c.reason);
        out.set(key, reasons);
      }
    }
  }
  for (const d of days) {
    if (d.corrected && !out.has(d.date)) out.set(d.date, []);
  }
  return out;
}

/** Consecutive corrected days of the window merged into bands, in order. */
export function correctionBands(
  days: readonly DailySli[],
  byDay: ReadonlyMap<string, string[]>,
  zone = DEFAULT_TIME_ZONE,
): CorrectionBand[] {
  const bands: CorrectionBand[] = [];
  let previous: string | undefined;
  for (const d of days) {
    const reasons = byDay.get(d.date);
    if (!reasons) {
      previous = undefined;
      continue;
    }
    const last = bands[bands.length - 1];
    if (last && previous !== undefined) {
      last.x2 = dayEndMs(d.date, zone);
      last.lastDay = d.date;
      for (const r of reasons) if (!last.reasons.includes(r)) last.reasons.push(r);
    } else {
      bands.push({
        x1: dayStartMs(d.date, zone),
        x2: dayEndMs(d.date, zone),
        firstDay: d.date,
        lastDay: d.date,
        reasons: [...reasons],
      });
    }
    previous = d.date;
  }
  return bands;
}

/** A deploy, as the charts mark it. */
export interface DeployMark {
  id: string;
  /** Epoch ms. */
  x: number;
  at: string;
  /** The version, or else the event's title. */
  label: string;
}

/** The deploys that happened within `[from, to)` (epoch ms), oldest first. */
export function deployMarks(
  deploys: ReadonlyArray<{ id: string; at: string; title: string; version?: string }>,
  from: number,
  to: number,
): DeployMark[] {
  return deploys
    .map(d => ({ id: d.id, x: Date.parse(d.at), at: d.at, label: d.version ?? d.title }))
    .filter(d => Number.isFinite(d.x) && d.x >= from && d.x < to)
    .sort((a, b) => a.x - b.x);
}

/** A deploy as the charts receive it: a recorded rollout or a Datadog deploy event. */
export interface DeployInput {
  id: string;
  at: string;
  title: string;
  version?: string;
  cluster?: string;
}

/**
 * The deploys of the chart: every rollout the portal recorded in the window, and the Datadog
 * deploy events that are not one of them (the same version in the same cluster, or in any
 * cluster when the event names none). Oldest first.
 */
export function mergeDeploys(recorded: readonly DeployInput[], events: readonly DeployInput[]): DeployInput[] {
  const same = (e: DeployInput, r: DeployInput) =>
    e.version !== undefined && e.version === r.version && (!e.cluster || !r.cluster || e.cluster === r.cluster);
  return [...recorded, ...events.filter(e => !recorded.some(r => same(e, r)))].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at),
  );
}

/** The chart window of the daily history: from the start of its first day to the end of its last, in `zone` (ISO 8601). */
export function historyWindow(
  days: readonly DailySli[],
  zone = DEFAULT_TIME_ZONE,
): { from: string; to: string } | undefined {
  if (days.length === 0) return undefined;
  return {
    from: new Date(dayStartMs(days[0].date, zone)).toISOString(),
    to: new Date(dayEndMs(days[days.length - 1].date, zone)).toISOString(),
  };
}

/** The local day (`YYYY-MM-DD`, in `zone`) an instant falls on. */
export function localDay(ms: number, zone = DEFAULT_TIME_ZONE): string {
  return localDate(Math.floor(ms / 1000), zone);
}
