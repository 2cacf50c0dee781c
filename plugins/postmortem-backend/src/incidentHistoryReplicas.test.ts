import { createServiceFactory } from '@backstage/backend-plugin-api';
// The real scheduler (global tasks locked in the shared database); hoisted from the backend package.
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockCredentials, mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { startSandbox, type Sandbox } from '@internal/sandbox';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { postmortemPlugin } from './plugin';

jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const INTERVAL_SECONDS = 2;

const entities: Entity[] = ['components.yaml', 'org.yaml'].flatMap(f =>
  parseAllDocuments(fs.readFileSync(path.resolve(__dirname, `../../../examples/${f}`), 'utf8')).map(
    d => d.toJS() as Entity,
  ),
);

const notifications = createServiceFactory({
  service: notificationService,
  deps: {},
  factory: () => ({ async send() {} }),
});

/**
 * Two replicas of the portal on one database, each with the real Backstage scheduler: the incident
 * history refresh is a global task, so PagerDuty's incident list is read once per interval across
 * both (not once per replica), and both answer MTTA/MTTR from the same history.
 */
describe('incident history refresh across two replicas', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'], disableDocker: true });
  let sandbox: Sandbox;
  const stops: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0] },
    });
  });
  afterAll(async () => {
    for (const stop of stops) await stop();
    await sandbox?.stop();
  });

  it('lists PagerDuty incidents once per interval across both, and both serve the history', async () => {
    const knex = await databases.init('SQLITE_3');
    const data = {
      backend: { cache: { store: 'memory' } },
      infra: {
        ...sandbox.infraConfig(),
        // Nothing cached in either replica: every run's listing reaches PagerDuty.
        pagerduty: { ...sandbox.infraConfig().pagerduty, cacheTtlSeconds: 0 },
        resilience: { timeoutMs: 15_000, deadlineMs: 30_000, retries: 1 },
      },
      postmortem: {
        sloImpact: { enabled: false },
        metrics: { refreshMinutes: INTERVAL_SECONDS / 60, initialDelaySeconds: 0.2 },
      },
    };
    const replica = async () => {
      const backend = await startTestBackend({
        features: [
          postmortemPlugin,
          schedulerServiceFactory,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities }),
          mockServices.rootConfig.factory({ data }),
          notifications,
          mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        ],
      });
      stops.push(() => backend.stop());
      return backend.server;
    };
    const servers = [await replica(), await replica()];
    const metrics = (server: any) =>
      request(server)
        .get('/api/postmortem/metrics')
        .set('Authorization', mockCredentials.user.header('user:default/outsider'));

    // The first run comes soon after start-up; until then the answer is loading, never an error.
    const first = Date.now();
    for (;;) {
      const res = await metrics(servers[0]);
      expect(res.status).toBe(200);
      if (res.body.freshness.state === 'fresh') break;
      expect(res.body.freshness.state).toBe('loading');
      expect(Date.now() - first).toBeLessThan(20_000);
      await sleep(200);
    }

    const listings = () =>
      (sandbox.faults.requestLog.get('pagerduty') ?? []).filter(
        l => l.startsWith('GET /incidents?') && !/[?&]offset=[1-9]/.test(l),
      ).length;
    await sleep(INTERVAL_SECONDS * 1000);
    sandbox.faults.resetCounts();
    const windowMs = INTERVAL_SECONDS * 6 * 1000;
    const until = Date.now() + windowMs;
    while (Date.now() < until) {
      const [a, b] = await Promise.all(servers.map(metrics));
      expect(a.body.freshness.state).toBe('fresh');
      expect(b.body.services).toEqual(a.body.services);
      await sleep(250);
    }
    // Once per interval across both replicas: about 6 (scheduler polling jitter allowed); a task
    // per replica would list about 12 times.
    const n = listings();
    expect(n).toBeGreaterThanOrEqual(3);
    expect(n).toBeLessThanOrEqual(8);
  });
});
