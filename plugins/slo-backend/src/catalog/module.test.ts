import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import unprocessedModule from '@backstage/plugin-catalog-backend-module-unprocessed';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import catalogModule from '../catalog';

/**
 * The real catalog backend with this module: the example files (15 SLOs) are ingested without an
 * error, and a component with an invalid spec.slo is rejected with the field named.
 */
jest.setTimeout(120_000);

const root = path.resolve(__dirname, '../../../..');
const exampleFiles = [
  'catalog-info.yaml',
  'examples/org.yaml',
  'examples/systems.yaml',
  'examples/components.yaml',
  'examples/apis.yaml',
  'examples/resources.yaml',
].map(f => path.join(root, f));

const invalid = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: typo-service
spec:
  type: service
  lifecycle: production
  owner: team-data
  slo:
    objective: 100
    window: 90d
    endpoints:
      - method: GET
        route: /v1/status
      - resource: ''
`;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-catalog-'));
  fs.writeFileSync(path.join(tmp, 'typo.yaml'), invalid);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

it('ingests the examples and rejects an invalid spec.slo with a processing error naming the field', async () => {
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      unprocessedModule,
      catalogModule,
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [
              {
                allow: ['Component', 'System', 'API', 'Resource', 'Location', 'Group', 'User'],
              },
            ],
            processingInterval: { seconds: 1 },
            locations: [...exampleFiles, path.join(tmp, 'typo.yaml')].map(target => ({ type: 'file', target })),
          },
        },
      }),
    ],
  });
  const server = backend.server;
  const auth = mockCredentials.user.header();
  const deadline = Date.now() + 90_000;
  let failed: Array<{
    unprocessed_entity: Entity;
    errors?: Array<{ name: string; message: string }>;
  }> = [];
  let components: Entity[] = [];
  for (;;) {
    // A new entity that never processed is "pending" (with its errors); a known one turns "failed".
    failed = [];
    for (const reason of ['failed', 'pending']) {
      const res = await request(server).get(`/api/catalog/entities/unprocessed/${reason}`).set('Authorization', auth);
      expect(res.status).toBe(200);
      failed.push(...res.body.entities.filter((e: { errors?: unknown[] }) => e.errors?.length));
    }
    const list = await request(server).get('/api/catalog/entities?filter=kind=component').set('Authorization', auth);
    components = list.body;
    // Ingestion is eventually consistent: under load the last entities arrive a moment later.
    if (failed.length >= 1 && components.length >= 24 && components.filter(c => c.spec?.slo).length >= 15) break;
    if (Date.now() > deadline)
      throw new Error(`catalog not ready: ${failed.length} failed, ${components.length} components`);
    await new Promise(r => setTimeout(r, 500));
  }

  expect(failed.map(f => f.unprocessed_entity.metadata.name)).toEqual(['typo-service']);
  const messages = (failed[0].errors ?? []).map(e => `${e.name}: ${e.message}`);
  expect(messages).toEqual([
    'InputError: Invalid spec.slo of component:default/typo-service: ' +
      'spec.slo.objective: must be a percentage greater than 0 and less than 100, e.g. 99.9 (got 100); ' +
      'spec.slo.window: must be one of 30d, 28d, 7d, calendar-month (got "90d"); ' +
      'spec.slo.endpoints[1].resource: must be a Datadog resource name like "GET /v1/orders/{orderId}" (got "")',
  ]);
  const byName = await request(server)
    .get('/api/catalog/entities/by-name/component/default/typo-service')
    .set('Authorization', auth);
  expect(byName.status).toBe(404);

  // Every example with an SLO made it in, its definition intact.
  const withSlo = components.filter(c => c.spec?.slo);
  expect(withSlo).toHaveLength(15);
  expect(components.find(c => c.metadata.name === 'search-service')!.spec!.slo).toMatchObject({ window: '7d' });
  await backend.stop();
});
