/**
 * What the SLO charts mark on their time axis: the days corrections left out (shaded bands) and
 * the deploys (vertical markers). Pure, so it is tested without a DOM.
 */
import {
  correctionPeriods,
  DAY,
  localDate,
  dayStart,
  parseRecurrence,
  type DailySli,
  type SloCorrection,
} from '@internal/plugin-slo-common';

const DAY_MS = DAY * 1000;

/** Midnight JST of a `YYYY-MM-DD` (JST) day, in epoch milliseconds: where the day starts on the axis. */
export function dayStartMs(date: string): number {
  return Date.parse(`${date}T00:00:00+09:00`);
}

/** The middle of a JST day, where that day's value is drawn. */
export function dayMiddleMs(date: string): number {
  return dayStartMs(date) + DAY_MS / 2;
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
 * The reasons of the corrections that touch each JST day of `days`, keyed by `YYYY-MM-DD`.
 * Recurring corrections are expanded with the same rule evaluation the backend uses; a day the
 * history marks as corrected is included even when no listed correction matches it.
 */
export function correctedDays(
  days: readonly DailySli[],
  corrections: readonly SloCorrection[],
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (days.length === 0) return out;
  const inWindow = new Set(days.map(d => d.date));
  const from = dayStartMs(days[0].date) / 1000;
  const to = dayStartMs(days[days.length - 1].date) / 1000 + DAY;
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
    );
    for (const [a, b] of periods) {
      for (let day = dayStart(a); day < b; day += DAY) {
        const key = localDate(day);
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
      last.x2 = dayStartMs(d.date) + DAY_MS;
      last.lastDay = d.date;
      for (const r of reasons) if (!last.reasons.includes(r)) last.reasons.push(r);
    } else {
      bands.push({
        x1: dayStartMs(d.date),
        x2: dayStartMs(d.date) + DAY_MS,
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
export function mergeDeploys(
  recorded: readonly DeployInput[],
  events: readonly DeployInput[],
): DeployInput[] {
  const same = (e: DeployInput, r: DeployInput) =>
    e.version !== undefined &&
    e.version === r.version &&
    (!e.cluster || !r.cluster || e.cluster === r.cluster);
  return [...recorded, ...events.filter(e => !recorded.some(r => same(e, r)))].sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at),
  );
}

/** The chart window of the daily history: from the start of its first day to the end of its last (ISO 8601). */
export function historyWindow(days: readonly DailySli[]): { from: string; to: string } | undefined {
  if (days.length === 0) return undefined;
  return {
    from: new Date(dayStartMs(days[0].date)).toISOString(),
    to: new Date(dayStartMs(days[days.length - 1].date) + DAY_MS).toISOString(),
  };
}

/** The JST day (`YYYY-MM-DD`) an instant falls on. */
export function jstDay(ms: number): string {
  return localDate(Math.floor(ms / 1000));
}
