import { coreServices, createBackendPlugin, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { UnprocessedEntity } from '@backstage/plugin-catalog-unprocessed-entities-common';
import type { Sourced } from '@internal/plugin-infra-common';
import { entityTargets, infraServiceRef, type InfraService, type KubeWorkload } from '@internal/plugin-infra-node';
import Router from 'express-promise-router';
import request from 'supertest';
import { catalogQualityPlugin } from './plugin';
import type { QualityReport } from './services/QualityReport';

/**
 * The plugin in a test backend: the catalog mock with an entity for every problem, a mocked infra
 * service with two clusters, and a stand-in for the catalog's unprocessed-entities route.
 */

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

function service(name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-id': name,
        'backstage.io/kubernetes-namespace': 'shop',
        'pagerduty.com/service-id': 'PSHOP01',
        ...annotations,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'team-shop',
      slo: { endpoints: [{ method: 'GET', route: '/' }] },
      ...spec,
    },
  };
}

const entities: AlphaEntity[] = [
  group('team-shop'),
  service('healthy', {}),
  {
    ...service('broken', {}),
    status: {
      items: [
        {
          type: 'backstage.io/catalog-processing',
          level: 'error',
          message: 'InputError: Processor failed',
          error: {
            name: 'InputError',
            message: 'Processor PlacementProcessor threw',
          },
        },
      ],
    },
  },
  service('nobody', { owner: undefined }),
  service('lost', { owner: 'team-ghost' }),
  {
    ...service('bare', { slo: undefined }),
    metadata: { name: 'bare', namespace: 'default' },
  },
  service('left-behind', {}, { 'backstage.io/orphan': 'true' }),
  service('gone', {}),
  service('nightly', { type: 'batch-job' }),
];

const failed: UnprocessedEntity[] = [
  {
    entity_id: 'e-ghost',
    entity_ref: 'component:default/ghost',
    unprocessed_entity: service('ghost', {}),
    next_update_at: '2026-01-01T00:00:00Z',
    last_discovery_at: '2026-01-01T00:00:00Z',
    location_key: 'file:/catalog/ghost.yaml',
    errors: [
      {
        name: 'InputError',
        message: 'Malformed envelope',
        cause: { name: '', message: '', stack: '' },
      },
    ],
  },
];

/** An entity that failed its first run stays "pending" (with errors, without an entity_ref). */
const pending = [
  {
    entity_id: null,
    entity_ref: null,
    unprocessed_entity: service('half-registered', { type: undefined }),
    next_update_at: '2026-01-01T00:00:00Z',
    last_discovery_at: '2026-01-01T00:00:00Z',
    location_key: 'file:/catalog/half.yaml',
    errors: [
      {
        name: 'InputError',
        message: "/spec must have required property 'type'",
        cause: { name: '', message: '', stack: '' },
      },
    ],
  },
  // Not processed yet: not a finding.
  {
    entity_id: 'e-queued',
    entity_ref: 'component:default/queued',
    unprocessed_entity: service('queued', {}),
    next_update_at: '2026-01-01T00:00:00Z',
    last_discovery_at: '2026-01-01T00:00:00Z',
  },
];

const workload = (name: string, namespace = 'shop'): KubeWorkload => ({
  kind: 'Deployment',
  name,
  namespace,
  labels: { 'backstage.io/kubernetes-id': name },
  annotations: {},
  replicas: 2,
  readyReplicas: 2,
  updatedReplicas: 2,
  availableReplicas: 2,
  podLabels: {},
  selector: {},
  containers: [],
  conditions: [],
});

type Snapshots = Record<string, Sourced<KubeWorkload[]>>;

const liveClusters: Snapshots = {
  east: {
    freshness: { state: 'fresh', ageSeconds: 3 },
    data: ['healthy', 'broken', 'nobody', 'lost', 'left-behind', 'bare'].map(n => workload(n)),
  },
  west: {
    freshness: { state: 'stale', ageSeconds: 600, error: 'timed out' },
    data: [workload('shell-debug', 'ops')],
  },
};

function infraMock(clusters: Snapshots) {
  const infra: Partial<InfraService> = {
    sandbox: false,
    clusterNames: () => Object.keys(clusters),
    targets: entityTargets,
    kubernetesResources: (async (cluster: string) => clusters[cluster]) as InfraService['kubernetesResources'],
  };
  return createServiceFactory({
    service: infraServiceRef,
    deps: {},
    factory: () => infra as InfraService,
  });
}

/** What the catalog's unprocessed-entities module serves, behind the same authentication. */
const unprocessedRoute = createBackendPlugin({
  pluginId: 'catalog',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({ httpRouter, httpAuth }) {
        const router = Router();
        router.get('/entities/unprocessed/failed', async (req, res) => {
          await httpAuth.credentials(req, { allow: ['service'] });
          res.json({ type: 'failed', entities: failed });
        });
        router.get('/entities/unprocessed/pending', async (req, res) => {
          await httpAuth.credentials(req, { allow: ['service'] });
          res.json({ type: 'pending', entities: pending });
        });
        httpRouter.use(router);
      },
    });
  },
});

async function start(options: { clusters?: Snapshots; unprocessed?: boolean } = {}) {
  const { server } = await startTestBackend({
    features: [
      catalogQualityPlugin,
      catalogServiceMock.factory({ entities }),
      infraMock(options.clusters ?? liveClusters),
      ...(options.unprocessed === false ? [] : [unprocessedRoute]),
      // Requests without a token are anonymous (the default test identity is a signed-in user).
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });
  return server;
}

const asUser = mockCredentials.user.header();
const getReport = async (server: any, query = '') => {
  const res = await request(server).get(`/api/catalog-quality/report${query}`).set('Authorization', asUser);
  expect(res.status).toBe(200);
  return res.body as QualityReport;
};
const summary = (report: QualityReport) =>
  report.findings.map(f => [f.problem, f.severity, f.name, f.annotation ?? f.cluster ?? null]);

describe('catalog-quality backend', () => {
  it('requires authentication', async () => {
    const server = await start();
    const res = await request(server).get('/api/catalog-quality/report');
    expect(res.status).toBe(401);
  });

  it('accepts users and services', async () => {
    const server = await start();
    expect((await request(server).get('/api/catalog-quality/report').set('Authorization', asUser)).status).toBe(200);
    const asService = mockCredentials.service.header();
    expect((await request(server).get('/api/catalog-quality/report').set('Authorization', asService)).status).toBe(200);
  });

  it('reports every kind of problem, most severe first', async () => {
    const server = await start();
    const report = await getReport(server);
    expect(summary(report)).toEqual([
      ['processing-error', 'error', 'ghost', null],
      ['processing-error', 'error', 'half-registered', null],
      ['processing-error', 'error', 'broken', null],
      ['missing-owner', 'error', 'nobody', null],
      ['unknown-owner', 'error', 'lost', null],
      ['missing-annotation', 'error', 'bare', 'pagerduty.com/service-id'],
      ['missing-annotation', 'warning', 'bare', 'backstage.io/kubernetes-id'],
      ['orphan', 'warning', 'left-behind', null],
      ['workload-without-entity', 'warning', 'bare', 'east'],
      ['workload-without-entity', 'warning', 'shell-debug', 'west'],
      ['no-running-workload', 'warning', 'gone', null],
      ['missing-annotation', 'info', 'bare', 'platform-portal.io/slo-endpoints'],
    ]);
    expect(report.counts).toEqual({
      'processing-error': 3,
      'missing-owner': 1,
      'unknown-owner': 1,
      'missing-annotation': 3,
      orphan: 1,
      'workload-without-entity': 2,
      'no-running-workload': 1,
    });

    const byName = (problem: string, name: string) =>
      report.findings.find(f => f.problem === problem && f.name === name)!;
    expect(byName('processing-error', 'broken')).toMatchObject({
      entityRef: 'component:default/broken',
      kind: 'Component',
      owner: 'group:default/team-shop',
      detail: 'Processor PlacementProcessor threw',
    });
    // Never in the catalog: no link, but where it came from.
    expect(byName('processing-error', 'ghost').entityRef).toBeUndefined();
    expect(byName('processing-error', 'ghost')).toMatchObject({
      kind: 'Component',
      location: 'file:/catalog/ghost.yaml',
      detail: expect.stringContaining('Malformed envelope'),
    });
    expect(byName('processing-error', 'half-registered')).toMatchObject({
      location: 'file:/catalog/half.yaml',
      detail: "/spec must have required property 'type'",
    });
    expect(byName('unknown-owner', 'lost')).toMatchObject({
      owner: 'group:default/team-ghost',
    });
    expect(byName('workload-without-entity', 'shell-debug')).toMatchObject({
      kind: 'Deployment',
      cluster: 'west',
      namespace: 'ops',
      detail: expect.stringContaining('600 s old'),
    });
    expect(byName('no-running-workload', 'gone')).toMatchObject({
      entityRef: 'component:default/gone',
      namespace: 'shop',
    });
    expect(report.kubernetesFreshness).toMatchObject({
      state: 'stale',
      ageSeconds: 600,
      clusters: [
        { cluster: 'east', freshness: { state: 'fresh' } },
        { cluster: 'west', freshness: { state: 'stale' } },
      ],
    });
    expect(report.unprocessedEntities).toEqual({ state: 'fresh' });
    expect(report.sandbox).toBe(false);
    expect(Date.parse(report.generatedAt)).not.toBeNaN();
  });

  it('filters the findings by problem and severity, keeping the counts of the whole report', async () => {
    const server = await start();
    const orphans = await getReport(server, '?problem=orphan');
    expect(summary(orphans)).toEqual([['orphan', 'warning', 'left-behind', null]]);
    expect(orphans.counts['missing-annotation']).toBe(3);
    const infos = await getReport(server, '?severity=info');
    expect(infos.findings.map(f => f.annotation)).toEqual(['platform-portal.io/slo-endpoints']);

    const bad = await request(server).get('/api/catalog-quality/report?problem=typo').set('Authorization', asUser);
    expect(bad.status).toBe(400);
    expect(bad.body.error.name).toBe('InputError');
    expect(bad.body.error.message).toMatch(/problem/);
  });

  it('does not report missing workloads when a cluster cannot be read', async () => {
    const server = await start({
      clusters: {
        east: liveClusters.east,
        west: {
          freshness: { state: 'unavailable', error: 'connect ECONNREFUSED' },
        },
      },
    });
    const report = await getReport(server);
    expect(report.counts['no-running-workload']).toBe(0);
    expect(report.counts['workload-without-entity']).toBe(1);
    expect(report.kubernetesFreshness.state).toBe('unavailable');
    expect(report.kubernetesFreshness.error).toBe('connect ECONNREFUSED');
  });

  it('still answers, and says so, when the unprocessed-entities module is not installed', async () => {
    const server = await start({ unprocessed: false });
    const report = await getReport(server);
    expect(report.counts['processing-error']).toBe(1);
    expect(report.unprocessedEntities.state).toBe('unavailable');
    expect(report.unprocessedEntities.error).toMatch(/404|Not Found/);
  });
});
