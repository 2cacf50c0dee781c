import { createServiceFactory } from '@backstage/backend-plugin-api';
import { TestDatabases, mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { EntityPrr, HistoryEntry } from '@internal/plugin-prr-common';
import { startSandbox, type Sandbox } from '@internal/sandbox';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { prrPlugin } from './plugin';

/**
 * Two backend processes share one database (PostgreSQL when available, and SQLite): a PDB is
 * deleted, both evaluate at the same time, and the review drifts once with one notification.
 */
jest.setTimeout(180_000);

const entities: Entity[] = parseAllDocuments(
  fs.readFileSync(path.resolve(__dirname, '../../../examples/components.yaml'), 'utf8'),
)
  .map(d => d.toJS() as Entity)
  .filter(e => e?.kind);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0] },
  });
});
afterAll(() => sandbox.stop());
afterEach(() => sandbox.deletions.restoreAll());

describe.each(databases.eachSupportedId())('two backends on %p', databaseId => {
  it('drift is detected once across both', async () => {
    const knex = await databases.init(databaseId);
    const sent: any[] = [];
    const infra = sandbox.infraConfig();
    const start = () =>
      startTestBackend({
        features: [
          prrPlugin,
          catalogServiceMock.factory({ entities }),
          mockServices.database.factory({ knex }),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send: async (o: any) => void sent.push(o) }),
          }),
          mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
          mockServices.rootConfig.factory({
            data: {
              backend: { cache: { store: 'memory' } },
              infra: { ...infra, kubernetes: { ...infra.kubernetes, cacheTtlSeconds: 0 } },
              prr: { schedule: { initialDelaySeconds: 3600 } },
            },
          }),
        ],
      });
    const one = await start();
    const two = await start();
    const url = '/api/prr/entities/component/default/inventory-service';
    const as = (user: string) => mockCredentials.user.header(user);
    const post = (server: any, p: string, user: string) =>
      request(server).post(`${url}${p}`).set('Authorization', as(user)).send({});

    expect((await post(one.server, '/review', 'user:default/dave')).status).toBe(201);
    const prr = (await request(two.server).get(url).set('Authorization', as('user:default/dave'))).body as EntityPrr;
    for (const i of prr.sections.flatMap(s => s.items).filter(x => x.kind === 'manual' && x.applies)) {
      const res = await request(i.id.length % 2 ? one.server : two.server)
        .put(`${url}/items/${i.id}`)
        .set('Authorization', as('user:default/dave'))
        .send({ state: 'not-applicable', reason: 'test' });
      expect(res.status).toBe(200);
    }
    expect((await post(two.server, '/review/submit', 'user:default/dave')).status).toBe(200);
    // Both try to approve at once: exactly one succeeds, the other gets a conflict.
    const approvals = await Promise.all([
      post(one.server, '/review/approve', 'user:default/alice'),
      post(two.server, '/review/approve', 'user:default/bob'),
    ]);
    expect(approvals.map(a => a.status).sort()).toEqual([200, 409]);

    const service = sandbox.world.services.find(s => s.name === 'inventory-service')!;
    sandbox.deletions.delete(service.clusters[0], 'poddisruptionbudgets', service.namespace, 'inventory-service');
    const results = await Promise.all([
      post(one.server, '/evaluate', 'user:default/dave'),
      post(two.server, '/evaluate', 'user:default/dave'),
      post(one.server, '/evaluate', 'user:default/dave'),
    ]);
    expect(results.map(r => r.status)).toEqual([200, 200, 200]);
    expect(results.map(r => (r.body as EntityPrr).review!.status)).toEqual(['drifted', 'drifted', 'drifted']);
    expect(sent).toHaveLength(1);
    const history = (await request(one.server).get(`${url}/history`).set('Authorization', as('user:default/dave'))).body
      .history as HistoryEntry[];
    expect(history.filter(h => h.action === 'drifted')).toHaveLength(1);
    expect(history.filter(h => h.action === 'approved')).toHaveLength(1);
    await one.stop();
    await two.stop();
  });
});
