import { mockServices } from '@backstage/backend-test-utils';
import type { CacheService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { DEFAULT_UPSTREAM_OPTIONS, Upstream, type InfraService } from '@internal/plugin-infra-node';
import { readSloConfig } from '../../config';
import { DatadogCountsReader } from './DatadogCountsReader';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * The reader over a real resilience layer (Upstream with an in-memory cache) whose Datadog
 * answers every query after `latencyMs` with one series of 10 requests a bucket.
 */
function setup() {
  // The shared cache, in memory (what the memory store does, without its expiry).
  const values = new Map<string, any>();
  const cache: CacheService = {
    get: async key => values.get(key),
    set: async (key, value) => void values.set(key, value),
    delete: async key => void values.delete(key),
    withOptions: () => cache,
  };
  const upstream = new Upstream('datadog', 'datadog', cache, mockServices.logger.mock(), DEFAULT_UPSTREAM_OPTIONS);
  const state = { latencyMs: 0, queries: [] as Array<{ from: number; to: number; interval: number }> };
  const infra = {
    metricTimeseries: (key: string, ttlMs: number, request: any, reduce: any, options: any) =>
      upstream.get(
        key,
        ttlMs,
        async () => {
          state.queries.push({ from: request.from, to: request.to, interval: request.interval });
          await sleep(state.latencyMs);
          const times = [];
          for (let t = request.from; t < request.to; t += request.interval) times.push(t * 1000);
          return reduce({
            series: [{ groupTags: ['service:cart', 'resource_name:get_/a', 'http.status_code:200'] }],
            times,
            values: [times.map(() => 10)],
          });
        },
        options,
      ),
  } as unknown as InfraService;
  // Counts live 1 s; a page waits at most 100 ms for new ones.
  const config = {
    ...readSloConfig(new ConfigReader({ slo: { cacheTtlSeconds: 1 } })),
    pageWaitMs: 100,
  };
  const reader = new DatadogCountsReader(infra, config, mockServices.logger.mock());
  const fleet = reader.forFleet([{ service: 'cart', resources: ['GET /a'] }]);
  const recentReads = () => state.queries.filter(q => q.interval === 60).length;
  return { state, fleet, recentReads, upstream };
}

describe('DatadogCountsReader', () => {
  it('re-reads the per-minute counts in the background once they are 40 % of their ttl old, so pages find them fresh', async () => {
    const { fleet, recentReads } = setup();
    expect((await fleet.window('cart')).freshness.state).toBe('fresh');
    expect(recentReads()).toBe(1);
    // Younger than 40 % of the ttl: the refresh leaves them.
    await fleet.refresh();
    expect(recentReads()).toBe(1);
    await sleep(600);
    await fleet.refresh();
    expect(recentReads()).toBe(2);
    // 1.1 s after the first read, 0.5 s after the refresh: a page reads them fresh, no query.
    await sleep(500);
    expect((await fleet.window('cart')).freshness.state).toBe('fresh');
    expect(recentReads()).toBe(2);
  });

  it('re-reads them on every run of the task (every half ttl), even a run a little early', async () => {
    const { fleet, recentReads } = setup();
    await fleet.window('cart');
    expect(recentReads()).toBe(1);
    // The scheduler's next run comes a few milliseconds before half the ttl (1 s here).
    await sleep(450);
    await fleet.refresh();
    expect(recentReads()).toBe(2);
  });

  it('answers a page with the old counts, stale, when Datadog takes longer than the page wait', async () => {
    const { state, fleet, recentReads } = setup();
    await fleet.window('cart');
    await sleep(1100);
    state.latencyMs = 700;
    const started = Date.now();
    const page = await fleet.window('cart');
    expect(Date.now() - started).toBeLessThan(400);
    expect(page.freshness.state).toBe('stale');
    expect(page.tiers.length).toBeGreaterThan(0);
    // The read went on and is there for the next page.
    await sleep(800);
    expect((await fleet.window('cart')).freshness.state).toBe('fresh');
    expect(recentReads()).toBe(2);
  });

  it('answers a page on a cold start within the page wait, loading, and has the counts for the next page', async () => {
    const { state, fleet, recentReads } = setup();
    state.latencyMs = 700;
    const started = Date.now();
    const cold = await fleet.window('cart');
    // Before: the page waited for the whole read (700 ms here; seconds at company scale).
    expect(Date.now() - started).toBeLessThan(400);
    expect(cold.freshness.state).toBe('loading');
    expect(cold.tiers).toEqual([]);
    // The tiers' reads go on, a few at a time (maxConcurrentQueries); pages ask again meanwhile.
    let next = cold;
    for (let i = 0; i < 40 && next.freshness.state !== 'fresh'; i++) {
      await sleep(100);
      next = await fleet.window('cart');
    }
    expect(next.freshness.state).toBe('fresh');
    expect(next.tiers.length).toBeGreaterThan(0);
    expect(recentReads()).toBe(1);
  });

  it("waits for a cold read where the figure is stored (a postmortem's SLO impact), not answering loading", async () => {
    const { state, fleet } = setup();
    state.latencyMs = 400;
    const window = await fleet.window('cart', 'complete');
    expect(window.freshness.state).toBe('fresh');
    expect(window.tiers.length).toBeGreaterThan(0);
  });

  it("reads a slow but working query to the end instead of cutting it at a page's 1.2 s", async () => {
    const { state, fleet, upstream } = setup();
    state.latencyMs = 1600;
    // The page answers `loading` meanwhile; the reads go on.
    let cold = await fleet.window('cart');
    expect(cold.freshness.state).toBe('loading');
    for (let i = 0; i < 60 && cold.freshness.state !== 'fresh'; i++) {
      await sleep(100);
      cold = await fleet.window('cart');
    }
    expect(cold.freshness.state).toBe('fresh');
    expect(cold.tiers.length).toBeGreaterThan(0);
    expect(upstream.health()).toMatchObject({ breaker: 'closed', failures: 0, status: 'healthy' });
    // One query per hourly tier, none cut and asked again: the 32 days before today and, after
    // 03:00 JST (when the per-minute tier no longer starts at midnight), today's hours. (The
    // per-minute counts live 1 s here, so the polling above may read them twice.)
    const hourly = state.queries.filter(q => q.interval === 3600).length;
    expect(hourly).toBeGreaterThanOrEqual(1);
    expect(hourly).toBe(cold.tiers.filter(t => t.interval === 3600).length);
  });

  it('reads the hourly tiers once per hour and day, not again on every page (their ttl is in milliseconds)', async () => {
    // Only Date is faked: 14:30 JST, so today's hourly tier exists beside the 32 days before it.
    jest.useFakeTimers({
      doNotFake: [
        'nextTick',
        'setImmediate',
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'queueMicrotask',
      ],
    });
    try {
      const t0 = Date.UTC(2026, 10, 26, 5, 30);
      jest.setSystemTime(t0);
      const { state, fleet } = setup();
      const hourly = () => state.queries.filter(q => q.interval === 3600).length;
      await fleet.window('cart');
      expect(hourly()).toBe(2);
      for (const minutes of [1, 5, 20]) {
        jest.setSystemTime(t0 + minutes * 60_000);
        expect((await fleet.window('cart')).freshness.state).toBe('fresh');
        await fleet.refresh();
      }
      // The per-minute counts were read again; the hourly ones were not.
      expect(state.queries.filter(q => q.interval === 60).length).toBeGreaterThanOrEqual(4);
      expect(hourly()).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });
});
