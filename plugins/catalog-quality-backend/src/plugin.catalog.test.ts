import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import unprocessedModule from '@backstage/plugin-catalog-backend-module-unprocessed';
import { startSandbox, type Sandbox } from '@internal/sandbox';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { catalogQualityPlugin } from './plugin';
import type { QualityReport } from './services/QualityReport';

/**
 * The whole chain as in packages/backend: the real catalog backend ingesting the example files
 * plus one broken file, its unprocessed-entities module (read with this plugin's service token),
 * the real infra service against the sandbox, and the catalog-quality plugin.
 */
const root = path.resolve(__dirname, '../../..');
const exampleFiles = [
  'catalog-info.yaml',
  'examples/org.yaml',
  'examples/systems.yaml',
  'examples/components.yaml',
  'examples/apis.yaml',
  'examples/resources.yaml',
].map(f => path.join(root, f));

// A Component without spec.type fails validation: it never reaches the catalog.
const brokenYaml = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: half-registered
spec:
  lifecycle: production
  owner: team-data
`;

jest.setTimeout(120_000);

let sandbox: Sandbox;
let tmp: string;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-quality-'));
  fs.writeFileSync(path.join(tmp, 'broken.yaml'), brokenYaml);
  sandbox = await startSandbox({
    ports: {
      admin: 0,
      datadog: 0,
      pagerduty: 0,
      pagerdutyEvents: 0,
      kubernetes: [0, 0],
    },
  });
});
afterAll(async () => {
  await sandbox.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('catalog-quality with the real catalog backend', () => {
  it('reports the entity that failed processing, read from the unprocessed-entities module', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        unprocessedModule,
        catalogQualityPlugin,
        mockServices.rootConfig.factory({
          data: {
            backend: { cache: { store: 'memory' } },
            infra: sandbox.infraConfig(),
            catalog: {
              rules: [
                {
                  allow: ['Component', 'System', 'API', 'Resource', 'Location', 'Group', 'User'],
                },
              ],
              processingInterval: { seconds: 1 },
              locations: [...exampleFiles, path.join(tmp, 'broken.yaml')].map(target => ({
                type: 'file',
                target,
              })),
            },
          },
        }),
      ],
    });

    const auth = mockCredentials.user.header();
    let report: QualityReport | undefined;
    const deadline = Date.now() + 90_000;
    for (;;) {
      const res = await request(server).get('/api/catalog-quality/report').set('Authorization', auth);
      expect(res.status).toBe(200);
      report = res.body as QualityReport;
      const strays = report.counts['workload-without-entity'];
      // Groups are ingested after some components on a busy machine: until then their owners read
      // as unknown. Ready means the broken file is reported and every owner has arrived.
      const ownersIn = report.counts['unknown-owner'] === 0;
      if (report.counts['processing-error'] >= 1 && strays === 2 && ownersIn) break;
      if (Date.now() > deadline) throw new Error(`catalog not ready: ${JSON.stringify(report.counts)}`);
      await new Promise(r => setTimeout(r, 1000));
    }

    expect(report.unprocessedEntities).toEqual({ state: 'fresh' });
    const failed = report.findings.filter(f => f.problem === 'processing-error');
    expect(failed).toEqual([
      expect.objectContaining({
        severity: 'error',
        kind: 'Component',
        name: 'half-registered',
        owner: 'group:default/team-data',
        location: expect.stringContaining('broken.yaml'),
        detail: expect.stringMatching(/type/),
      }),
    ]);
    expect(failed[0].entityRef).toBeUndefined();
    // The examples themselves are clean: only the deliberate gaps remain.
    expect(report.counts).toEqual({
      'processing-error': 1,
      'missing-owner': 0,
      'unknown-owner': 0,
      'missing-annotation': 8,
      orphan: 0,
      'workload-without-entity': 2,
      'no-running-workload': 0,
    });
  });
});
