/**
 * Error budget, burn rates, the multi-window multi-burn-rate alert rules of the SRE Workbook and
 * the error-budget policy state. Pure functions of counts and time.
 */
import { HOUR, DAY, MINUTE, iso, windowScale } from './time';
import type { AlertSeverity, BurnRateAlert, ErrorBudget, PolicyState } from './types';

export const DEFAULT_OBJECTIVE = 99.9;

/** The windows burn rates are measured over, in seconds. */
export const BURN_WINDOWS: Record<string, number> = {
  '5m': 5 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': HOUR,
  '2h': 2 * HOUR,
  '6h': 6 * HOUR,
  '24h': DAY,
  '3d': 3 * DAY,
};

export interface AlertRule {
  severity: AlertSeverity;
  /** Burn-rate threshold for a 30-day window. */
  factor: number;
  longWindow: string;
  shortWindow: string;
}

/**
 * SRE Workbook, chapter 5 (multiwindow, multi-burn-rate alerts), for a 30-day window: each rule
 * fires when both its long and its short window burn faster than the factor.
 */
export const ALERT_RULES_30D: readonly AlertRule[] = [
  { severity: 'page', factor: 14.4, longWindow: '1h', shortWindow: '5m' },
  { severity: 'page', factor: 6, longWindow: '6h', shortWindow: '30m' },
  { severity: 'ticket', factor: 3, longWindow: '24h', shortWindow: '2h' },
  { severity: 'ticket', factor: 1, longWindow: '3d', shortWindow: '6h' },
];

/** Share of a policy's budget below which a service is at risk. */
export const AT_RISK_REMAINING = 0.25;

const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The rules with their factors scaled by window length / 30 days (a 7-day window: × 7/30). */
export function alertRulesFor(windowLengthSec: number): AlertRule[] {
  const scale = windowScale(windowLengthSec);
  return ALERT_RULES_30D.map(r => ({ ...r, factor: round(r.factor * scale) }));
}

/** The share of requests the objective allows to fail (99.9 → 0.001). */
export const allowedErrorRate = (objective: number) => round(1 - objective / 100, 12);

/** How many times faster than "exactly on budget" the service fails: (bad/total) / (1 − objective). */
export function burnRate(bad: number, total: number, objective: number): number {
  if (total <= 0) return 0;
  return bad / total / allowedErrorRate(objective);
}

/** Evaluates each rule against burn rates keyed by window (`{ '1h': 15.2, '5m': 20.1, ... }`). */
export function evaluateAlerts(burnRates: Record<string, number>, rules: AlertRule[]): BurnRateAlert[] {
  return rules.map(r => {
    const longBurnRate = burnRates[r.longWindow] ?? 0;
    const shortBurnRate = burnRates[r.shortWindow] ?? 0;
    return {
      severity: r.severity,
      factor: r.factor,
      longWindow: r.longWindow,
      shortWindow: r.shortWindow,
      longBurnRate,
      shortBurnRate,
      firing: longBurnRate > r.factor && shortBurnRate > r.factor,
    };
  });
}

/** `page` when a page rule fires, else `ticket` when a ticket rule fires, else `ok`. */
export function alertStateOf(alerts: BurnRateAlert[]): 'ok' | 'ticket' | 'page' {
  if (alerts.some(a => a.firing && a.severity === 'page')) return 'page';
  if (alerts.some(a => a.firing)) return 'ticket';
  return 'ok';
}

/**
 * The budget over the window so far: allowed bad = (1 − objective) × total; remaining =
 * 1 − consumed/allowed. At a burn rate b, a whole window's budget lasts window/b, so what remains
 * runs out after remaining × window / b.
 */
export function errorBudget(options: {
  total: number;
  bad: number;
  objective: number;
  /** Burn rate over the last hour. */
  burnRate1h: number;
  windowLengthSec: number;
  /** Epoch seconds the counts end at. */
  asOf: number;
}): ErrorBudget {
  const { total, bad, objective, burnRate1h, windowLengthSec, asOf } = options;
  const allowedBad = allowedErrorRate(objective) * total;
  const remainingRatio = allowedBad > 0 ? 1 - bad / allowedBad : 1;
  const budget: ErrorBudget = { allowedBad, consumedBad: bad, remainingRatio };
  if (remainingRatio > 0 && burnRate1h > 0) {
    budget.exhaustionAt = iso(Math.round(asOf + (remainingRatio * windowLengthSec) / burnRate1h));
  }
  return budget;
}

/**
 * The error-budget policy: exhausted when nothing remains; at risk when less than 25 % remains or
 * a page alert fires; healthy otherwise.
 */
export function policyStateOf(remainingRatio: number, pageFiring: boolean): PolicyState {
  if (remainingRatio <= 0) return 'exhausted';
  if (remainingRatio < AT_RISK_REMAINING || pageFiring) return 'at-risk';
  return 'healthy';
}
