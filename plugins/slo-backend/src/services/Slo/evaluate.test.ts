import type { SloCorrection } from '@internal/plugin-slo-common';
import { seriesKey, type CountsTier, type WindowCounts } from '../SloCounts/types';
import { entityHistory, evaluateEntity, excludedPeriods, weeklyAttainment } from './evaluate';
import type { SloEntity } from './types';

const H = 3600;
const DAY = 86400;
// 2026-11-26 05:00 UTC (14:00 JST), on the hour.
const asOf = Date.UTC(2026, 10, 26, 5) / 1000;

const entity = (name: string, window: SloEntity['slo']['window'] = '7d'): SloEntity => ({
  entityRef: `component:default/${name}`,
  name,
  service: name,
  slo: {
    objective: 99.9,
    window,
    endpoints: [{ resource: 'GET /a' }, { resource: 'POST /b' }],
  },
});

/** 10 days of hourly counts: 1000 requests an hour per endpoint, 1 bad (a 0.1 % error rate). */
function counts(names: string[], bad: (endpoint: string, hourStart: number) => number): WindowCounts {
  const from = asOf - 10 * DAY;
  const hours = (asOf - from) / H;
  const series: CountsTier['series'] = {};
  for (const name of names) {
    for (const resource of ['GET /a', 'POST /b']) {
      series[seriesKey(name, resource)] = {
        total: Array.from({ length: hours }, () => 1000),
        bad: Array.from({ length: hours }, (_, i) => bad(resource, from + i * H)),
      };
    }
  }
  return {
    asOf,
    tiers: [{ from, to: asOf, interval: H, series }],
    freshness: { state: 'fresh' },
  };
}

describe('evaluateEntity', () => {
  it('computes SLI, budget and burn rates per endpoint and for the service', () => {
    // GET /a never fails; POST /b fails 1 in 1000 (exactly on budget), then 30 in 1000 for the
    // last 2 hours: 30x the budget rate.
    const data = counts(['svc'], (r, t) => {
      if (r === 'GET /a') return 0;
      return t >= asOf - 2 * H ? 30 : 1;
    });
    const slo = evaluateEntity(entity('svc'), data, []);
    expect(slo.windowStart).toBe('2026-11-19T05:00:00.000Z');
    expect(slo.windowEnd).toBe('2026-11-26T05:00:00.000Z');
    const [a, b] = slo.endpoints;
    expect(a).toMatchObject({
      total: 168_000,
      bad: 0,
      good: 168_000,
      sli: 1,
      alertState: 'ok',
    });
    expect(a.budget).toEqual({
      allowedBad: 168,
      consumedBad: 0,
      remainingRatio: 1,
    });
    // 7 days x 24 hours: 166 hours with 1 bad, 2 hours with 30.
    expect(b).toMatchObject({
      total: 168_000,
      bad: 166 + 60,
      alertState: 'page',
    });
    expect(b.budget.remainingRatio).toBeCloseTo(1 - 226 / 168, 9);
    expect(b.burnRates['1h']).toBeCloseTo(30, 6);
    expect(b.burnRates['5m']).toBeCloseTo(30, 6);
    // The service: both endpoints together; the page makes it at risk, not yet exhausted.
    expect(slo).toMatchObject({
      total: 336_000,
      bad: 226,
      alertState: 'page',
      policy: 'at-risk',
    });
    expect(slo.budget.remainingRatio).toBeCloseTo(1 - 226 / 336, 9);
    expect(slo.burnRates['1h']).toBeCloseTo(15, 6);
    // 7-day window: the page factor is 14.4 x 7/30 = 3.36.
    expect(slo.alerts[0]).toMatchObject({ factor: 3.36, firing: true });
  });

  it("excludes the entity's own corrections only", () => {
    const data = counts(['svc', 'other'], (_r, t) => (t >= asOf - 3 * H ? 500 : 0));
    const correction: SloCorrection = {
      id: '1',
      entityRef: 'component:default/svc',
      start: new Date((asOf - 3 * H) * 1000).toISOString(),
      end: new Date(asOf * 1000).toISOString(),
      reason: 'Planned failover',
      author: 'user:default/guest',
      createdAt: new Date().toISOString(),
    };
    const svc = evaluateEntity(entity('svc'), data, [correction]);
    const other = evaluateEntity(entity('other'), data, [correction]);
    expect(svc).toMatchObject({
      total: 336_000 - 6000,
      bad: 0,
      alertState: 'ok',
      policy: 'healthy',
    });
    expect(svc.corrections).toEqual([correction]);
    expect(other).toMatchObject({
      total: 336_000,
      bad: 3000,
      alertState: 'page',
      policy: 'exhausted',
    });
    expect(other.corrections).toEqual([]);

    // A weekly correction every Thursday 11:00–14:00 JST removes the same hours from this week.
    const weekly = {
      ...correction,
      start: '2026-11-26T11:00:00+09:00',
      end: '2026-11-26T14:00:00+09:00',
      rrule: 'FREQ=WEEKLY;BYDAY=TH',
    };
    expect(evaluateEntity(entity('svc'), data, [weekly])).toMatchObject({
      bad: 0,
      alertState: 'ok',
    });
  });
});

describe('evaluateEntity without data', () => {
  it('is no data, never healthy, when the endpoints match no series', () => {
    // Datadog answered, but with series of other services only.
    const slo = evaluateEntity(
      entity('ghost'),
      counts(['svc'], () => 0),
      [],
    );
    expect(slo).toMatchObject({
      total: 0,
      policy: 'no-data',
      alertState: 'no-data',
      noData: { code: 'no-series' },
    });
    expect(slo.noData!.reason).toContain('service:ghost');
    expect(slo.endpoints.map(e => [e.matchedSeries, e.noData?.code, e.alertState])).toEqual([
      [0, 'no-series', 'no-data'],
      [0, 'no-series', 'no-data'],
    ]);
    expect(slo.endpoints[1].noData!.reason).toBe(
      'Datadog has no series for service:ghost resource_name:post_/b — check the resource name.',
    );
  });

  it('is no data when the series have not one request in the window', () => {
    const data = counts(['svc'], () => 0);
    for (const t of data.tiers)
      for (const v of Object.values(t.series)) {
        v.total.fill(0);
        v.statuses = [200, 500];
      }
    const slo = evaluateEntity(entity('svc'), data, []);
    expect(slo).toMatchObject({ policy: 'no-data', noData: { code: 'no-traffic' } });
    expect(slo.endpoints[0]).toMatchObject({ matchedSeries: 2, noData: { code: 'no-traffic' } });
  });

  it('is no data when no counts could be read', () => {
    const slo = evaluateEntity(
      entity('svc'),
      { asOf, tiers: [], freshness: { state: 'unavailable', error: 'Datadog: 503' } },
      [],
    );
    expect(slo).toMatchObject({ policy: 'no-data', noData: { code: 'no-counts' } });
    expect(slo.noData!.reason).toContain('Datadog: 503');
    expect(slo.endpoints[0].matchedSeries).toBeUndefined();
  });

  /** Counts of only the last two days (the 32-day tier missing), which hold an outage of 3 hours. */
  const lastTwoDaysOfAnOutage = () => {
    const data = counts(['svc'], (_r, t) => (t >= asOf - 3 * H ? 500 : 0));
    data.tiers = data.tiers.map(t => {
      const from = asOf - 2 * DAY;
      const skip = (from - t.from) / H;
      return {
        ...t,
        from,
        series: Object.fromEntries(
          Object.entries(t.series).map(([k, v]) => [k, { total: v.total.slice(skip), bad: v.bad.slice(skip) }]),
        ),
      };
    });
    return data;
  };

  it('is no data, not exhausted, when the counts of most of the window could not be read', () => {
    // Only the last two days arrived (the 32-day tier failed); those days hold an outage. Judged on
    // them alone, the 30-day budget would read as spent many times over.
    const data = lastTwoDaysOfAnOutage();
    data.freshness = {
      state: 'unavailable',
      error: 'hourly counts of the 32 days before today: Datadog 429',
    };
    const slo = evaluateEntity(entity('svc', '30d'), data, []);
    expect(slo).toMatchObject({ policy: 'no-data', alertState: 'no-data', noData: { code: 'no-counts' } });
    expect(slo.noData!.reason).toMatch(
      /only part of the .* window \(hourly counts of the 32 days before today: Datadog 429\)/,
    );
    expect(slo.endpoints.every(e => e.noData?.code === 'no-counts')).toBe(true);
    // The same counts, complete and fresh, are judged.
    const whole = evaluateEntity(
      entity('svc', '30d'),
      counts(['svc'], () => 0),
      [],
    );
    expect(whole.policy).toBe('healthy');
  });

  it('is no data, loading, while the counts are still being read for the first time', () => {
    const cold = evaluateEntity(entity('svc'), { asOf, tiers: [], freshness: { state: 'loading' } }, []);
    expect(cold).toMatchObject({ policy: 'no-data', alertState: 'no-data', noData: { code: 'loading' } });
    expect(cold.endpoints.every(e => e.noData?.code === 'loading')).toBe(true);
    // Only the last two days in (the 32-day tier still loading, no error): not judged on them.
    const data = lastTwoDaysOfAnOutage();
    data.freshness = { state: 'loading' };
    const partial = evaluateEntity(entity('svc', '30d'), data, []);
    expect(partial).toMatchObject({ policy: 'no-data', noData: { code: 'loading' } });
  });

  it('keeps the endpoints with traffic judged and marks the one without series', () => {
    const data = counts(['svc'], () => 0);
    for (const t of data.tiers) delete t.series[seriesKey('svc', 'POST /b')];
    const slo = evaluateEntity(entity('svc'), data, []);
    expect(slo.policy).toBe('healthy');
    expect(slo.noData).toBeUndefined();
    expect(slo.endpoints.map(e => e.noData?.code)).toEqual([undefined, 'no-series']);
  });
});

describe('entityHistory and weeklyAttainment', () => {
  it('gives JST days with the burn-down of the window budget', () => {
    const data = counts(['svc'], () => 1);
    const history = entityHistory(entity('svc'), data, []);
    // 19 Nov 14:00 JST … 26 Nov 14:00 JST: 8 JST days, the first and last partial.
    expect(history.days.map(d => d.date)).toEqual([
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
    ]);
    expect(history.days[0]).toMatchObject({
      total: 20_000,
      bad: 20,
      corrected: false,
    });
    expect(history.days[1]).toMatchObject({
      total: 48_000,
      bad: 48,
      sli: 0.999,
    });
    expect(history.days[7].total).toBe(28_000);
    expect(history.days[0].budgetRemainingRatio).toBeCloseTo(1 - 20 / 336, 9);
    expect(history.days[7].budgetRemainingRatio).toBeCloseTo(0, 9);

    const weekStart = Date.UTC(2026, 10, 15, 15) / 1000; // Monday 16 Nov 00:00 JST
    expect(weeklyAttainment(entity('svc'), data.tiers[0], [weekStart - 7 * DAY, weekStart], [])).toEqual([null, 0.999]);
  });
});

describe('recurring corrections in the configured time zone', () => {
  const weeklyAt2 = (start: string, end: string): SloCorrection => ({
    id: 'tue',
    entityRef: 'component:default/svc',
    start,
    end,
    rrule: 'FREQ=WEEKLY;BYDAY=TU;BYHOUR=2',
    reason: 'Tuesday 02:00 maintenance',
    author: 'user:default/guest',
    createdAt: '2026-10-01T00:00:00.000Z',
  });
  const at = (iso: string) => Date.parse(iso) / 1000;
  const excluded = (c: SloCorrection, from: string, to: string, zone: string) =>
    excludedPeriods('component:default/svc', [c], at(from), at(to), zone).map(([a, b]) => [
      new Date(a * 1000).toISOString(),
      new Date(b * 1000).toISOString(),
    ]);
  const minutes = (periods: string[][]) =>
    periods.reduce((n, [a, b]) => n + (Date.parse(b) - Date.parse(a)) / 60_000, 0);

  it('An SLO correction `FREQ=WEEKLY;BYDAY=TU;BYHOUR=2` in Asia/Tokyo and in America/Los_Angeles across a DST change excludes exactly the right minutes', () => {
    // Tokyo has no DST: 02:00-03:00 JST on Tuesday is 17:00-18:00 UTC on Monday, every week,
    // also across the US change of Sunday 1 November 2026.
    const tokyo = weeklyAt2('2026-10-20T02:00:00+09:00', '2026-10-20T03:00:00+09:00');
    const inTokyo = excluded(tokyo, '2026-10-19T00:00:00Z', '2026-11-12T00:00:00Z', 'Asia/Tokyo');
    expect(inTokyo).toEqual([
      ['2026-10-19T17:00:00.000Z', '2026-10-19T18:00:00.000Z'],
      ['2026-10-26T17:00:00.000Z', '2026-10-26T18:00:00.000Z'],
      ['2026-11-02T17:00:00.000Z', '2026-11-02T18:00:00.000Z'],
      ['2026-11-09T17:00:00.000Z', '2026-11-09T18:00:00.000Z'],
    ]);
    expect(minutes(inTokyo)).toBe(4 * 60);

    // Los Angeles: 02:00 PDT (UTC-7) is 09:00 UTC until PDT ends on Sunday 1 November 2026;
    // from Tuesday 3 November 02:00 PST (UTC-8) is 10:00 UTC. A fixed offset would keep 09:00.
    const la = weeklyAt2('2026-10-20T02:00:00-07:00', '2026-10-20T03:00:00-07:00');
    const autumn = excluded(la, '2026-10-19T00:00:00Z', '2026-11-12T00:00:00Z', 'America/Los_Angeles');
    expect(autumn).toEqual([
      ['2026-10-20T09:00:00.000Z', '2026-10-20T10:00:00.000Z'],
      ['2026-10-27T09:00:00.000Z', '2026-10-27T10:00:00.000Z'],
      ['2026-11-03T10:00:00.000Z', '2026-11-03T11:00:00.000Z'],
      ['2026-11-10T10:00:00.000Z', '2026-11-10T11:00:00.000Z'],
    ]);
    expect(minutes(autumn)).toBe(4 * 60);
    // ... and back when PDT starts again on Sunday 14 March 2027.
    const spring = excluded(la, '2027-03-01T00:00:00Z', '2027-03-24T00:00:00Z', 'America/Los_Angeles');
    expect(spring).toEqual([
      ['2027-03-02T10:00:00.000Z', '2027-03-02T11:00:00.000Z'],
      ['2027-03-09T10:00:00.000Z', '2027-03-09T11:00:00.000Z'],
      ['2027-03-16T09:00:00.000Z', '2027-03-16T10:00:00.000Z'],
      ['2027-03-23T09:00:00.000Z', '2027-03-23T10:00:00.000Z'],
    ]);
    // A range that cuts an occurrence excludes only its minutes inside the range.
    expect(excluded(la, '2026-11-03T10:30:00Z', '2026-11-03T10:45:00Z', 'America/Los_Angeles')).toEqual([
      ['2026-11-03T10:30:00.000Z', '2026-11-03T10:45:00.000Z'],
    ]);
  });
});
