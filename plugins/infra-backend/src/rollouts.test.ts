import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { CacheManager } from '@backstage/backend-defaults/cache';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { EntityDeploys } from '@internal/plugin-infra-common';
import { DefaultInfraService, readInfraConfig, readRefreshConfig } from '@internal/plugin-infra-node';
import { loadContract, startSandbox, type Sandbox } from '@internal/sandbox';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { RolloutStore } from './database/RolloutStore';
import { infraPlugin } from './plugin';
import { RolloutWatcher } from './services/RolloutWatcher';

jest.setTimeout(180_000);

/**
 * Deploys visible to on-call (issue 16): a rollout in the sandbox cluster, seen by two replicas of
 * the portal on one database, becomes exactly one PagerDuty change event per PagerDuty service of
 * the entity, and a deploy of the entity in `GET /api/infra/deploys`. First sight sends nothing.
 */
const examples = path.resolve(__dirname, '../../../examples/components.yaml');
const entities = parseAllDocuments(fs.readFileSync(examples, 'utf8')).map(d => d.toJS() as Entity);
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'], disableDocker: true });

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0] },
  });
});
afterAll(() => sandbox.stop());
beforeEach(() => {
  sandbox.rollouts.clear();
  sandbox.pagerDutyChanges.clear();
  sandbox.faults.clear();
});

const cart = () => sandbox.world.services.find(s => s.name === 'cart-service')!;
const cartEntity = () => entities.find(e => e.metadata.name === 'cart-service')!;

function config(rollouts: { [key: string]: number | boolean } = {}) {
  const infra = sandbox.infraConfig();
  return {
    backend: { cache: { store: 'memory' } },
    app: { baseUrl: 'https://portal.example.com' },
    infra: {
      ...infra,
      // Each replica lists the clusters again within a second: both see the rollout.
      kubernetes: { ...infra.kubernetes, cacheTtlSeconds: 1 },
      resilience: { timeoutMs: 2000, deadlineMs: 4000, retries: 1, backoffMs: 50 },
      rollouts,
    },
  };
}

/** Rolls cart-service out in its first cluster, as `kubectl set image` would. */
async function rollOut(version: string) {
  const cluster = cart().clusters[0];
  const r = await fetch(`${sandbox.urls.admin}/kubernetes/${cluster}/deployments/checkout/cart-service/rollout`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ version }),
  });
  expect(r.status).toBe(201);
  return (await r.json()) as { revision: number; at: number };
}

/** The change events the sandbox's PagerDuty received for cart-service's service. */
async function changeEvents() {
  const serviceId = cartEntity().metadata.annotations!['pagerduty.com/service-id'];
  const r = await fetch(`${sandbox.urls.admin}/pagerduty/change-events?service_id=${serviceId}`);
  return ((await r.json()) as { change_events: any[] }).change_events;
}

function expectContractBodies() {
  const contract = loadContract('pagerduty-events');
  if (!contract) return;
  for (const c of sandbox.pagerDutyChanges.items) {
    expect(contract.validateRequestBody('POST', '/change/enqueue', c.body)).toEqual([]);
  }
}

describe.each(databases.eachSupportedId())('rollouts on %p', (databaseId: TestDatabaseId) => {
  /** A replica: its own infra service and cache (its own snapshots), the shared database. */
  async function watchers(count: number) {
    const knex = await databases.init(databaseId);
    const database = mockServices.database({ knex });
    const reader = new ConfigReader(config());
    const infraConfig = readInfraConfig(reader);
    const catalog = catalogServiceMock({ entities });
    const replicas = [];
    // Started one after the other, as replicas are rolled out.
    for (let i = 0; i < count; i++) {
      replicas.push(
        await (async () => {
          const infra = new DefaultInfraService(
            infraConfig,
            CacheManager.fromConfig(reader).forPlugin('infra'),
            mockServices.logger.mock(),
            readRefreshConfig(reader, infraConfig),
          );
          const store = await RolloutStore.create({ database });
          return {
            infra,
            store,
            watcher: new RolloutWatcher({
              store,
              infra,
              catalog,
              auth: mockServices.auth(),
              logger: mockServices.logger.mock(),
              options: {
                changeEvents: true,
                maxAttempts: 3,
                retryDelayMs: 0,
                leaseMs: 60_000,
                appBaseUrl: 'https://portal.example.com',
              },
            }),
          };
        })(),
      );
    }
    return replicas;
  }

  it('sends one change event for a rollout that two replicas see at the same time, none on first sight', async () => {
    const [a, b] = await watchers(2);
    // First sight, on both replicas at once: every Deployment recorded, nothing announced.
    const first = await Promise.all([a.watcher.run(), b.watcher.run()]);
    expect(first[0].firstSight + first[1].firstSight).toBeGreaterThan(10);
    expect(first.every(r => r.rollouts === 0 && r.sent === 0)).toBe(true);
    expect(await changeEvents()).toEqual([]);
    expect(sandbox.pagerDutyChanges.items).toEqual([]);

    const rolled = await rollOut('v1.99.0');
    await sleep(1100);
    // Both replicas list the cluster anew and see the new revision; both run together, until the
    // event went out (a busy machine may serve a run the older snapshot), then twice more.
    const runs: Awaited<ReturnType<typeof a.watcher.run>>[] = [];
    const until = Date.now() + 30_000;
    while (Date.now() < until && !runs.some(r => r.sent > 0)) {
      runs.push(...(await Promise.all([a.watcher.run(), b.watcher.run()])));
      if (!runs.some(r => r.sent > 0)) await sleep(500);
    }
    for (let i = 0; i < 2; i++) runs.push(...(await Promise.all([a.watcher.run(), b.watcher.run()])));
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect(runs.reduce((n, r) => n + r.rollouts, 0)).toBeGreaterThanOrEqual(1);
    const events = await changeEvents();
    expect(events).toHaveLength(1);
    expect(sandbox.pagerDutyChanges.items).toHaveLength(1);
    expect(events[0]).toMatchObject({
      summary: `Deployed cart-service v1.99.0 to ${cart().clusters[0]} (checkout, revision ${rolled.revision})`,
      source: `kubernetes/${cart().clusters[0]}/checkout/deployments/cart-service`,
      customDetails: {
        deployment: 'cart-service',
        revision: rolled.revision,
        previous_revision: rolled.revision - 1,
        images: ['registry.example.com/checkout/cart-service:v1.99.0'],
        entities: ['component:default/cart-service'],
      },
      links: [
        {
          href: 'https://portal.example.com/catalog/default/component/cart-service',
          text: 'cart-service in the portal',
        },
      ],
    });
    expect(Date.parse(events[0].timestamp)).toBe(rolled.at * 1000);
    expectContractBodies();

    // Recorded once, with the event's outcome.
    const listed = await a.store.forEntity(
      'component:default/cart-service',
      '2000-01-01T00:00:00.000Z',
      '2100-01-01T00:00:00.000Z',
      10,
    );
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ revision: rolled.revision, version: 'v1.99.0' });
    expect(listed.items[0].changeEvents).toEqual([
      expect.objectContaining({
        serviceId: cartEntity().metadata.annotations!['pagerduty.com/service-id'],
        status: 'sent',
        attempts: 1,
      }),
    ]);
  });

  it('tries a refused change event again (429, 5xx), a bounded number of times', async () => {
    const [a] = await watchers(1);
    await a.watcher.run();
    // PagerDuty's Events API answers 503 to everything.
    sandbox.faults.set('pagerduty', { status: 503, path: '^/v2/change/enqueue' });
    await rollOut('v1.98.0');
    await sleep(1100);
    const failing = await a.watcher.run();
    expect(failing.rollouts).toBe(1);
    expect(failing.sent).toBe(0);
    const pending = (
      await a.store.forEntity(
        'component:default/cart-service',
        '2000-01-01T00:00:00.000Z',
        '2100-01-01T00:00:00.000Z',
        10,
      )
    ).items[0];
    expect(pending.changeEvents[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending.changeEvents[0].error).toMatch(/503/);
    // PagerDuty is back: the next run sends it, once.
    sandbox.faults.clear();
    expect((await a.watcher.run()).sent).toBe(1);
    expect((await a.watcher.run()).sent).toBe(0);
    expect(await changeEvents()).toHaveLength(1);
  });
});

describe('rollouts through the plugin', () => {
  it('two replicas on one database announce a rollout once and list it as a deploy', async () => {
    const knex = await databases.init('SQLITE_3');
    const data = config({ intervalSeconds: 1 });
    const replica = () =>
      startTestBackend({
        features: [
          infraPlugin,
          schedulerServiceFactory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({ data }),
          catalogServiceMock.factory({ entities }),
          mockServices.permissions.factory(),
          // Requests without a token are anonymous.
          mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        ],
      });
    const a = await replica();
    const b = await replica();
    const deploysOf = async (server: any, query: string) =>
      request(server).get(`/api/infra/deploys?${query}`).set('Authorization', mockCredentials.user.header());

    // Both replicas have recorded the clusters' Deployments (first sight): no change event.
    await sleep(4000);
    expect(await changeEvents()).toEqual([]);
    const none = await deploysOf(b.server, 'entity=component:default/cart-service');
    expect(none.status).toBe(200);
    expect((none.body as EntityDeploys).deploys).toEqual([]);

    const rolled = await rollOut('v1.97.0');
    const until = Date.now() + 30_000;
    while (Date.now() < until && (await changeEvents()).length === 0) await sleep(250);
    // A few more intervals on both replicas: still one.
    await sleep(4000);
    expect(await changeEvents()).toHaveLength(1);
    expectContractBodies();

    const res = await deploysOf(b.server, 'entity=component:default/cart-service');
    expect(res.status).toBe(200);
    const body = res.body as EntityDeploys;
    expect(body.entityRef).toBe('component:default/cart-service');
    expect(body.truncated).toBe(false);
    expect(body.deploys).toHaveLength(1);
    expect(body.deploys[0]).toMatchObject({
      title: `Deployed cart-service v1.97.0 to ${cart().clusters[0]} (checkout, revision ${rolled.revision})`,
      at: new Date(rolled.at * 1000).toISOString(),
      cluster: cart().clusters[0],
      namespace: 'checkout',
      deployment: 'cart-service',
      revision: rolled.revision,
      previousRevision: rolled.revision - 1,
      version: 'v1.97.0',
      changeEvents: [expect.objectContaining({ status: 'sent' })],
    });
    // Another entity has none; the window bounds what is listed; bad queries are 400, unknown entities 404.
    expect((await deploysOf(a.server, 'entity=component:default/checkout-service')).body.deploys).toEqual([]);
    const before = new Date(rolled.at * 1000 - 3600_000).toISOString();
    const window = await deploysOf(
      a.server,
      `entity=component:default/cart-service&from=${encodeURIComponent(before)}&to=${encodeURIComponent(
        new Date(rolled.at * 1000).toISOString(),
      )}`,
    );
    expect(window.body.deploys).toEqual([]);
    expect(
      (
        await deploysOf(
          a.server,
          'entity=component:default/cart-service&from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z',
        )
      ).status,
    ).toBe(400);
    expect((await deploysOf(a.server, 'entity=component:default/cart-service&limit=5000')).status).toBe(400);
    expect((await deploysOf(a.server, 'entity=component:default/no-such-service')).status).toBe(404);
    expect((await request(a.server).get('/api/infra/deploys?entity=component:default/cart-service')).status).toBe(401);

    await a.stop();
    await b.stop();
  });
});
