import { classifyStatusCounts, DEFAULT_SLI_RULE, isBadStatus, sliFigures, sliRuleIssues } from './sli';
import {
  alertRulesFor,
  alertStateOf,
  allowedErrorRate,
  burnRate,
  errorBudget,
  evaluateAlerts,
  policyStateOf,
} from './budget';
import { DAY, windowBounds, windowScale } from './time';

describe('the SLI arithmetic', () => {
  it('counts 5xx and 405 as bad and every other status (400, 404, 2xx) as good', () => {
    // An hour of one endpoint, counted by hand:
    //   total = 9400 + 150 + 60 + 12 + 20 + 5 + 3 + 7 = 9657
    //   bad   = 405 (12) + 500 (20) + 502 (5) + 503 (3) = 40; 429 and 404/400 stay good
    //   good  = 9657 − 40 = 9617
    const counts = {
      200: 9400,
      404: 150,
      400: 60,
      405: 12,
      500: 20,
      502: 5,
      503: 3,
      429: 7,
    };
    const figures = classifyStatusCounts(counts);
    expect(figures).toEqual({
      total: 9657,
      good: 9617,
      bad: 40,
      sli: 9617 / 9657,
    });
    expect(figures.sli).toBeCloseTo(0.995858, 6);
    expect(isBadStatus(405)).toBe(true);
    expect(isBadStatus(404)).toBe(false);
    expect(isBadStatus(400)).toBe(false);
    expect(isBadStatus(599)).toBe(true);
    expect(isBadStatus(201)).toBe(false);
  });

  it('follows a configured rule', () => {
    const rule = { badStatusClasses: ['5xx'], badStatusCodes: [405, 429] };
    expect(classifyStatusCounts({ 200: 90, 429: 7, 405: 2, 503: 1 }, rule)).toMatchObject({ total: 100, bad: 10 });
    expect(
      classifyStatusCounts({ 200: 90, 429: 7, 405: 2, 503: 1 }, { badStatusClasses: ['5xx'], badStatusCodes: [] }),
    ).toMatchObject({ bad: 1 });
    expect(sliRuleIssues(DEFAULT_SLI_RULE)).toEqual([]);
    expect(sliRuleIssues({ badStatusClasses: ['5XX', '9xx'], badStatusCodes: [42] })).toEqual([
      'badStatusClasses: "5XX" is not a status class like 5xx',
      'badStatusClasses: "9xx" is not a status class like 5xx',
      'badStatusCodes: 42 is not an HTTP status code',
    ]);
  });

  it('calls no traffic a perfect SLI', () => {
    expect(sliFigures(0, 0)).toEqual({ total: 0, good: 0, bad: 0, sli: 1 });
  });
});

describe('error budget and burn rate', () => {
  it('derives the budget from the counts', () => {
    // 30 days, 99.9 %: 1 000 000 requests allow 1000 bad; 400 bad leave 60 %.
    const budget = errorBudget({
      total: 1_000_000,
      bad: 400,
      objective: 99.9,
      burnRate1h: 2,
      windowLengthSec: 30 * DAY,
      asOf: Date.UTC(2026, 10, 26, 0, 0) / 1000,
    });
    expect(budget.allowedBad).toBeCloseTo(1000, 9);
    expect(budget.consumedBad).toBe(400);
    expect(budget.remainingRatio).toBeCloseTo(0.6, 12);
    // At 2x, a whole budget lasts 15 days, so 60 % of it lasts 9 days.
    expect(budget.exhaustionAt).toBe('2026-12-05T00:00:00.000Z');
  });

  it('has no exhaustion time when not burning or already exhausted', () => {
    const base = {
      total: 1000,
      objective: 99,
      windowLengthSec: 30 * DAY,
      asOf: 0,
    };
    expect(errorBudget({ ...base, bad: 1, burnRate1h: 0 }).exhaustionAt).toBeUndefined();
    const over = errorBudget({ ...base, bad: 25, burnRate1h: 3 });
    expect(over.remainingRatio).toBeCloseTo(-1.5, 12);
    expect(over.exhaustionAt).toBeUndefined();
    expect(errorBudget({ ...base, total: 0, bad: 0, burnRate1h: 0 }).remainingRatio).toBe(1);
  });

  it('measures burn rate against the allowed error rate', () => {
    expect(allowedErrorRate(99.9)).toBe(0.001);
    expect(allowedErrorRate(99.5)).toBe(0.005);
    expect(burnRate(30, 1000, 99.9)).toBeCloseTo(30, 9); // 3 % failing against 0.1 %
    expect(burnRate(5, 1000, 99.5)).toBeCloseTo(1, 9);
    expect(burnRate(0, 0, 99.9)).toBe(0);
  });
});

describe('multi-window multi-burn-rate alerts', () => {
  it('uses the SRE Workbook table for 30 days and scales it by window length / 30 d', () => {
    expect(alertRulesFor(30 * DAY).map(r => [r.severity, r.factor, r.longWindow, r.shortWindow])).toEqual([
      ['page', 14.4, '1h', '5m'],
      ['page', 6, '6h', '30m'],
      ['ticket', 3, '24h', '2h'],
      ['ticket', 1, '3d', '6h'],
    ]);
    expect(alertRulesFor(7 * DAY).map(r => r.factor)).toEqual([3.36, 1.4, 0.7, 0.233333]);
    expect(alertRulesFor(28 * DAY).map(r => r.factor)).toEqual([13.44, 5.6, 2.8, 0.933333]);
    // A calendar month is scaled by its own length (December: 31 days).
    const december = windowBounds('calendar-month', Date.UTC(2026, 11, 10) / 1000);
    expect(windowScale(december.lengthSec)).toBeCloseTo(31 / 30, 12);
  });

  it('fires only when both windows burn faster than the factor', () => {
    const rules = alertRulesFor(30 * DAY);
    const fast = evaluateAlerts(
      {
        '5m': 30,
        '1h': 20,
        '30m': 25,
        '6h': 4,
        '24h': 1.2,
        '2h': 10,
        '3d': 0.8,
      },
      rules,
    );
    expect(fast.map(a => a.firing)).toEqual([true, false, false, false]);
    expect(alertStateOf(fast)).toBe('page');
    // Recovered: the long window still burns, the short one no longer does.
    const recovered = evaluateAlerts(
      {
        '5m': 0.5,
        '1h': 20,
        '30m': 5,
        '6h': 7,
        '24h': 3.5,
        '2h': 3.2,
        '3d': 0.9,
      },
      rules,
    );
    expect(recovered.map(a => a.firing)).toEqual([false, false, true, false]);
    expect(alertStateOf(recovered)).toBe('ticket');
    expect(alertStateOf(evaluateAlerts({}, rules))).toBe('ok');
  });
});

describe('error-budget policy', () => {
  it('is exhausted at or below zero, at risk under 25 % or with a page, healthy otherwise', () => {
    expect(policyStateOf(0, false)).toBe('exhausted');
    expect(policyStateOf(-0.4, true)).toBe('exhausted');
    expect(policyStateOf(0.2, false)).toBe('at-risk');
    expect(policyStateOf(0.9, true)).toBe('at-risk');
    expect(policyStateOf(0.25, false)).toBe('healthy');
  });
});
