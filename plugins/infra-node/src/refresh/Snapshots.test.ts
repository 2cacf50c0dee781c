import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readInfraConfig } from '../config';
import { DefaultInfraService } from '../service/DefaultInfraService';
import { readRefreshConfig } from './config';

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** A listing the test controls: each call waits until the test releases it. */
function controlledListing() {
  const pending: Array<{ resolve: (value: string[]) => void; reject: (e: Error) => void }> = [];
  let calls = 0;
  return {
    fetch: () => {
      calls += 1;
      return new Promise<string[]>((resolve, reject) => pending.push({ resolve, reject }));
    },
    release: (value: string[]) => pending.splice(0).forEach(p => p.resolve(value)),
    fail: (e: Error) => pending.splice(0).forEach(p => p.reject(e)),
    get calls() {
      return calls;
    },
  };
}

/**
 * The hook other plugins use for families of their own (e.g. SLO counts, incident history for
 * MTTA/MTTR): register, read through `snapshot`, refresh with `refreshSnapshots` from a task.
 */
describe('registered snapshots (stale-while-revalidate)', () => {
  function makeService(pageWaitMs = 200) {
    const config = new ConfigReader({
      backend: { cache: { store: 'memory' } },
      infra: { refresh: { pageWaitMs } },
    });
    const infraConfig = readInfraConfig(config);
    const cache = CacheManager.fromConfig(config).forPlugin('infra-snapshots-test');
    return new DefaultInfraService(
      infraConfig,
      cache,
      mockServices.logger.mock(),
      readRefreshConfig(config, infraConfig),
    );
  }

  it('answers loading at once on a cold start, then fresh after one refresh; the family gets its task', async () => {
    const infra = makeService();
    const listing = controlledListing();
    infra.registerSnapshot({
      family: 'slo-counts',
      key: 'slo:counts',
      ttlMs: 60_000,
      intervalMs: 30_000,
      fetch: listing.fetch,
    });
    expect(infra.snapshotFamilies()).toContainEqual({ family: 'slo-counts', intervalMs: 30_000 });

    const started = Date.now();
    const cold = await infra.snapshot<string[]>('slo:counts');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(cold).toEqual({ freshness: { state: 'loading' } });
    // A second view joins the running listing: no second call.
    expect((await infra.snapshot('slo:counts')).freshness.state).toBe('loading');
    expect(listing.calls).toBe(1);

    const run = infra.refreshSnapshots('slo-counts');
    listing.release(['a', 'b']);
    const report = await run;
    expect(report).toMatchObject({ family: 'slo-counts', refreshed: ['slo:counts'], failed: [] });

    const warm = await infra.snapshot<string[]>('slo:counts');
    expect(warm.freshness.state).toBe('fresh');
    expect(warm.data).toEqual(['a', 'b']);
    expect(warm.freshness.ageSeconds).toBe(0);
  });

  it('serves an expired snapshot stale, with its age, while the refresh runs; a failed refresh keeps it', async () => {
    const infra = makeService();
    const listing = controlledListing();
    infra.registerSnapshot({
      family: 'history',
      key: 'incidents:year',
      ttlMs: 300,
      intervalMs: 1000,
      fetch: listing.fetch,
    });
    const first = infra.snapshot<string[]>('incidents:year');
    await sleep(20);
    listing.release(['old']);
    expect((await first).data).toEqual(['old']);

    await sleep(1100); // past the ttl
    const stale = await infra.snapshot<string[]>('incidents:year');
    expect(stale.freshness.state).toBe('stale');
    expect(stale.freshness.ageSeconds).toBeGreaterThanOrEqual(1);
    expect(stale.freshness.error).toBeUndefined();
    expect(stale.data).toEqual(['old']);

    expect(listing.calls).toBe(2);

    // That refresh fails: the old snapshot stays, and a view that sees the failure says why.
    listing.fail(new Error('PagerDuty 503'));
    await sleep(10);
    const view = infra.snapshot<string[]>('incidents:year');
    await sleep(20);
    listing.fail(new Error('PagerDuty 503'));
    const failed = await view;
    expect(listing.calls).toBe(3);
    expect(failed.freshness).toMatchObject({ state: 'stale', error: 'PagerDuty 503' });
    expect(failed.data).toEqual(['old']);
  });

  it('refreshes only what was read within the idle window', async () => {
    const infra = makeService();
    const read = controlledListing();
    const unread = controlledListing();
    infra.registerSnapshot({ family: 'f', key: 'read', ttlMs: 60_000, intervalMs: 1000, fetch: read.fetch });
    infra.registerSnapshot({ family: 'f', key: 'unread', ttlMs: 60_000, intervalMs: 1000, fetch: unread.fetch });
    const view = infra.snapshot('read');
    await sleep(20);
    read.release(['x']);
    expect((await view).freshness.state).toBe('fresh');
    const run = infra.refreshSnapshots('f');
    await sleep(10);
    read.release(['y']);
    expect(await run).toMatchObject({ refreshed: ['read'], idle: ['unread'] });
    expect(unread.calls).toBe(0);
  });
});
