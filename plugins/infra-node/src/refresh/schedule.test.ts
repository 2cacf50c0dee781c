import { coreServices, createBackendPlugin, createServiceFactory } from '@backstage/backend-plugin-api';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { TestDatabases, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { startSandbox, type Sandbox } from '@internal/sandbox';
import { readInfraConfig } from '../config';
import { DefaultInfraService } from '../service/DefaultInfraService';
import { infraServiceRef } from '../service/InfraService';
import { readRefreshConfig } from './config';
import { scheduleInfraRefresh } from './schedule';

jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const INTERVAL_SECONDS = 2;

/**
 * Two replicas of the portal: two infra services on one shared cache, each with the real
 * Backstage scheduler on one shared database. The refresh of a snapshot family is a global task:
 * it runs once per interval across both, and page views on either replica read what it stored.
 */
describe('fleet snapshot refresh across two replicas', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'], disableDocker: true });
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0] },
    });
  });
  afterAll(() => sandbox.stop());

  it('runs the Datadog refresh once per interval, and both replicas serve its snapshot', async () => {
    const knex = await databases.init('SQLITE_3');
    const data = {
      backend: { cache: { store: 'memory' } },
      infra: {
        datadog: { ...sandbox.infraConfig().datadog, cacheTtlSeconds: INTERVAL_SECONDS * 3 },
        refresh: { intervalSeconds: INTERVAL_SECONDS },
      },
    };
    const config = new ConfigReader(data);
    // One cache for both (what Redis is in production).
    const cache = CacheManager.fromConfig(config).forPlugin('infra');
    const infraConfig = readInfraConfig(config);
    const refresh = readRefreshConfig(config, infraConfig);
    const services = [0, 1].map(() => new DefaultInfraService(infraConfig, cache, mockServices.logger.mock(), refresh));
    const runs = services.map(s => jest.spyOn(s, 'refreshSnapshots'));

    const replica = (infra: DefaultInfraService) =>
      startTestBackend({
        features: [
          schedulerServiceFactory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({ data }),
          createServiceFactory({ service: infraServiceRef, deps: {}, factory: () => infra }),
          createBackendPlugin({
            pluginId: 'infra',
            register(env) {
              env.registerInit({
                deps: {
                  scheduler: coreServices.scheduler,
                  infra: infraServiceRef,
                  logger: coreServices.logger,
                  config: coreServices.rootConfig,
                },
                async init(deps) {
                  await scheduleInfraRefresh(deps);
                },
              });
            },
          }),
        ],
      });
    const [a, b] = services;
    await replica(a);
    await replica(b);

    // A first view on replica A: no snapshot yet, so it lists once and marks the listing as read.
    sandbox.faults.resetCounts();
    const first = await a.monitors();
    expect(first.freshness.state).toBe('fresh');
    // Replica B has never listed anything: it reads A's snapshot from the shared cache.
    const fromB = await b.monitors();
    expect(fromB.freshness.state).toBe('fresh');
    expect(fromB.data).toEqual(first.data);

    const monitorCalls = () =>
      (sandbox.faults.requestLog.get('datadog') ?? []).filter(l => l.startsWith('GET /api/v1/monitor?')).length;
    const totalRuns = () => runs.reduce((n, r) => n + r.mock.calls.length, 0);
    // Let the tasks settle into their rhythm, then watch six intervals with viewers on both.
    await sleep(INTERVAL_SECONDS * 1000 + 500);
    const runsBefore = totalRuns();
    const callsBefore = monitorCalls();
    const windowMs = INTERVAL_SECONDS * 6 * 1000;
    const until = Date.now() + windowMs;
    while (Date.now() < until) {
      for (const s of services) expect((await s.monitors()).freshness.state).toBe('fresh');
      await sleep(200);
    }
    const ran = totalRuns() - runsBefore;
    const calls = monitorCalls() - callsBefore;
    // Once per interval across both replicas: about 6 (scheduler polling jitter allowed); running
    // on each replica would give about 12.
    expect(ran).toBeGreaterThanOrEqual(4);
    expect(ran).toBeLessThanOrEqual(8);
    // Both replicas took turns or one did all: either way, the refresh is the only caller of
    // Datadog's monitor listing — viewers add nothing.
    expect(runs.every(r => r.mock.calls.every(([family]) => family === 'datadog'))).toBe(true);
    expect(Math.abs(calls - ran)).toBeLessThanOrEqual(1);
  });
});
