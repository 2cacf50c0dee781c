import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startSandbox, type Sandbox } from '@internal/sandbox';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { catalogQualityPlugin } from './plugin';
import type { QualityReport } from './services/QualityReport';

/**
 * The report over the example catalog and the sandbox's two Kubernetes clusters, read through the
 * real infra service (its default factory) and the real Kubernetes client.
 */
const repo = path.resolve(__dirname, '../../..');
const entities: Entity[] = [
  'catalog-info.yaml',
  'examples/org.yaml',
  'examples/systems.yaml',
  'examples/components.yaml',
  'examples/apis.yaml',
  'examples/resources.yaml',
].flatMap(file =>
  parseAllDocuments(fs.readFileSync(path.join(repo, file), 'utf8'))
    .map(d => d.toJS() as Entity)
    .filter(e => e?.kind)
    .map(e => ({ ...e, metadata: { namespace: 'default', ...e.metadata } })),
);

let sandbox: Sandbox;
beforeAll(async () => {
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
afterAll(() => sandbox.stop());

describe('catalog-quality backend against the sandbox', () => {
  it('reports the stray workloads and the worker without PagerDuty', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogQualityPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            backend: { cache: { store: 'memory' } },
            infra: sandbox.infraConfig(),
          },
        }),
      ],
    });
    const res = await request(server)
      .get('/api/catalog-quality/report')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const report = res.body as QualityReport;

    expect(report.sandbox).toBe(true);
    expect(report.kubernetesFreshness.state).toBe('fresh');
    expect(report.kubernetesFreshness.clusters.map(c => c.cluster)).toEqual(['aws-tokyo', 'gcp-osaka']);

    // Every Deployment and StatefulSet belongs to an entity, except the two strays.
    const strays = report.findings
      .filter(f => f.problem === 'workload-without-entity')
      .map(f => `${f.cluster}/${f.namespace}/${f.name}`)
      .sort();
    expect(strays).toEqual(['aws-tokyo/checkout/debug-toolbox', 'gcp-osaka/data/legacy-csv-exporter']);

    const pagerDuty = report.findings.filter(
      f => f.problem === 'missing-annotation' && f.annotation === 'pagerduty.com/service-id',
    );
    expect(pagerDuty.map(f => [f.entityRef, f.severity, f.owner])).toEqual([
      ['component:default/email-worker', 'error', 'group:default/team-data'],
    ]);

    // Batch jobs run as Jobs: no Deployment is expected of them.
    expect(report.counts['no-running-workload']).toBe(0);
    // The services, websites and workers without spec.slo (info only).
    const slo = report.findings.filter(f => f.annotation === 'platform-portal.io/slo-endpoints');
    expect(slo.map(f => f.name).sort()).toEqual([
      'admin-console',
      'deploy-bot',
      'email-worker',
      'mobile-bff',
      'platform-gateway',
      'platform-portal',
      'session-service',
    ]);
    expect(slo.every(f => f.severity === 'info')).toBe(true);
    expect(report.counts).toEqual({
      'processing-error': 0,
      'missing-owner': 0,
      'unknown-owner': 0,
      'missing-annotation': 8,
      orphan: 0,
      'workload-without-entity': 2,
      'no-running-workload': 0,
    });
    // No catalog backend runs here, so the failed entities could not be read; the report says so.
    expect(report.unprocessedEntities.state).toBe('unavailable');
  });
});
