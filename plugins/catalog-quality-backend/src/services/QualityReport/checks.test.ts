import type { Entity } from '@backstage/catalog-model';
import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import type { UnprocessedEntity } from '@backstage/plugin-catalog-unprocessed-entities-common';
import { entityTargets, type KubeWorkload } from '@internal/plugin-infra-node';
import {
  annotationFindings,
  buildReport,
  driftFindings,
  failedEntityFindings,
  orphanFindings,
  ownerFindings,
  processingErrorFindings,
  sortFindings,
  type ClusterWorkloads,
} from './checks';

function component(
  name: string,
  options: {
    type?: string;
    lifecycle?: string;
    owner?: string | null;
    annotations?: Record<string, string>;
    spec?: Record<string, unknown>;
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: options.annotations ?? {},
    },
    spec: {
      type: options.type ?? 'service',
      lifecycle: options.lifecycle ?? 'production',
      ...(options.owner === null ? {} : { owner: options.owner ?? 'team-a' }),
      ...options.spec,
    },
  };
}

const wired = (name: string, extra: Record<string, string> = {}) => ({
  'backstage.io/kubernetes-id': name,
  'backstage.io/kubernetes-namespace': 'apps',
  'pagerduty.com/service-id': 'PABC123',
  ...extra,
});

const slo = { endpoints: [{ method: 'GET', route: '/v1/status' }] };

function workload(name: string, namespace = 'apps', labels?: Record<string, string>): KubeWorkload {
  return {
    kind: 'Deployment',
    name,
    namespace,
    labels: labels ?? { 'backstage.io/kubernetes-id': name },
    annotations: {},
    replicas: 1,
    readyReplicas: 1,
    updatedReplicas: 1,
    availableReplicas: 1,
    podLabels: {},
    selector: {},
    containers: [],
    conditions: [],
  };
}

const fresh = { state: 'fresh' as const, ageSeconds: 0 };

describe('processingErrorFindings', () => {
  it('reports the error items of an entity status, not the warnings', () => {
    const entity: AlphaEntity = {
      ...component('broken'),
      status: {
        items: [
          {
            type: 'backstage.io/catalog-processing',
            level: 'error',
            message: 'InputError: Policy check failed',
            error: {
              name: 'InputError',
              message: 'Policy check failed for component:default/broken',
            },
          },
          {
            type: 'backstage.io/catalog-processing',
            level: 'warning',
            message: 'just a warning',
          },
        ],
      },
    };
    expect(processingErrorFindings([entity, component('fine')])).toEqual([
      {
        problem: 'processing-error',
        severity: 'error',
        entityRef: 'component:default/broken',
        kind: 'Component',
        name: 'broken',
        owner: 'group:default/team-a',
        detail: 'Policy check failed for component:default/broken',
      },
    ]);
  });
});

describe('failedEntityFindings', () => {
  const failed = (ref: string, entity: Entity): UnprocessedEntity => ({
    entity_id: ref,
    entity_ref: ref,
    unprocessed_entity: entity,
    next_update_at: '',
    last_discovery_at: '',
    location_key: 'file:/examples/broken.yaml',
    errors: [
      {
        name: 'InputError',
        message: 'spec.type must be a string',
        cause: {} as any,
      },
    ],
  });

  it('reports entities that never made it into the catalog, with their location and error', () => {
    const findings = failedEntityFindings(
      [failed('component:default/ghost', component('ghost', { owner: 'team-b' }))],
      new Set(),
    );
    expect(findings).toEqual([
      {
        problem: 'processing-error',
        severity: 'error',
        kind: 'Component',
        name: 'ghost',
        owner: 'group:default/team-b',
        location: 'file:/examples/broken.yaml',
        detail: 'spec.type must be a string',
      },
    ]);
    // No entityRef: there is no entity page to link to.
    expect(findings[0].entityRef).toBeUndefined();
  });

  it('skips entities that are in the catalog (their status errors are reported instead)', () => {
    expect(
      failedEntityFindings(
        [failed('component:default/ghost', component('ghost'))],
        new Set(['component:default/ghost']),
      ),
    ).toEqual([]);
  });

  it('reads rows of the pending list: without an entity_ref, once, and only with errors', () => {
    // What the module's `pending` list returns for an entity that failed its first run.
    const pending = {
      ...failed('', component('half-registered')),
      entity_id: null,
      entity_ref: null,
    } as unknown as UnprocessedEntity;
    const waiting = {
      ...failed('', component('not-yet')),
      errors: '',
    } as unknown as UnprocessedEntity;
    const findings = failedEntityFindings([pending, { ...pending }, waiting], new Set());
    expect(findings.map(f => [f.kind, f.name, f.detail])).toEqual([
      ['Component', 'half-registered', 'spec.type must be a string'],
    ]);
  });
});

describe('ownerFindings', () => {
  const known = new Set(['group:default/team-a', 'user:default/sato']);

  it('reports a missing owner, an owner not in the catalog and an invalid owner reference', () => {
    const findings = ownerFindings(
      [
        component('ok'),
        component('by-user', { owner: 'user:sato' }),
        component('nobody', { owner: null }),
        component('ghost-team', { owner: 'team-ghost' }),
        component('bad-ref', { owner: 'group:' }),
      ],
      known,
    );
    expect(findings.map(f => [f.problem, f.name, f.owner])).toEqual([
      ['missing-owner', 'nobody', undefined],
      ['unknown-owner', 'ghost-team', 'group:default/team-ghost'],
      ['unknown-owner', 'bad-ref', 'group:'],
    ]);
    expect(findings.every(f => f.severity === 'error')).toBe(true);
  });

  it('does not ask an owner of kinds that have none', () => {
    const user: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'x' },
      spec: {},
    };
    expect(ownerFindings([user], known)).toEqual([]);
  });
});

describe('annotationFindings', () => {
  it('asks services, websites and workers for Kubernetes, PagerDuty (production) and an SLO', () => {
    const findings = annotationFindings(
      [
        component('complete', {
          annotations: wired('complete'),
          spec: { slo },
        }),
        component('bare-service'),
        // The placeholder annotation and the old spec.slos no longer count as an SLO.
        component('old-style', {
          annotations: {
            ...wired('old-style'),
            'platform-portal.io/slo-endpoints': 'GET /v1/status',
          },
          spec: { slos: [{ name: 'availability' }] },
        }),
        component('experimental-worker', {
          type: 'worker',
          lifecycle: 'experimental',
        }),
        component('slo-in-spec', {
          type: 'website',
          annotations: {
            'backstage.io/kubernetes-label-selector': 'app=web',
            'pagerduty.com/service-id': 'P1',
          },
          spec: {
            slo: { objective: 99.5, endpoints: [{ resource: 'GET /' }] },
          },
        }),
        component('a-library', { type: 'library' }),
        component('a-job', { type: 'batch-job' }),
      ],
      entityTargets,
    );
    expect(findings.map(f => [f.name, f.annotation, f.severity])).toEqual([
      ['bare-service', 'backstage.io/kubernetes-id', 'warning'],
      ['bare-service', 'pagerduty.com/service-id', 'error'],
      ['bare-service', 'platform-portal.io/slo-endpoints', 'info'],
      ['old-style', 'platform-portal.io/slo-endpoints', 'info'],
      ['experimental-worker', 'backstage.io/kubernetes-id', 'warning'],
      ['experimental-worker', 'platform-portal.io/slo-endpoints', 'info'],
    ]);
    expect(findings.every(f => f.problem === 'missing-annotation')).toBe(true);
    expect(findings.find(f => f.name === 'bare-service' && f.severity === 'info')!.detail).toBe(
      'No SLO declared (spec.slo)',
    );
  });
});

describe('orphanFindings', () => {
  it('reports entities marked as orphans', () => {
    const orphan = component('left-behind', {
      annotations: { 'backstage.io/orphan': 'true' },
    });
    expect(orphanFindings([orphan, component('fine')]).map(f => [f.problem, f.name, f.severity])).toEqual([
      ['orphan', 'left-behind', 'warning'],
    ]);
  });
});

describe('driftFindings', () => {
  const entities = [
    component('web', { annotations: wired('web') }),
    component('api', {
      annotations: wired('api', {
        'platform-portal.io/kubernetes-clusters': 'east',
      }),
    }),
    component('gone', { annotations: wired('gone') }),
    component('nightly', { type: 'batch-job', annotations: wired('nightly') }),
    component('selector', {
      annotations: {
        'backstage.io/kubernetes-label-selector': 'app in (shop, shop-canary),tier!=db',
      },
    }),
  ];

  it('reports workloads that no entity claims and entities with no workload', () => {
    const clusters: ClusterWorkloads[] = [
      {
        cluster: 'east',
        freshness: fresh,
        workloads: [
          workload('web'),
          workload('api'),
          workload('stray', 'apps'),
          // Right labels, wrong namespace: not the entity's.
          workload('web', 'sandbox'),
          workload('shop', 'apps', { app: 'shop-canary', tier: 'frontend' }),
        ],
      },
      // `api` only looks in east: its copy in west is nobody's.
      {
        cluster: 'west',
        freshness: { state: 'stale', ageSeconds: 120 },
        workloads: [workload('api')],
      },
    ];
    const findings = driftFindings(entities, clusters, entityTargets);
    expect(findings.map(f => [f.problem, f.kind, f.name, f.cluster, f.namespace])).toEqual([
      ['workload-without-entity', 'Deployment', 'stray', 'east', 'apps'],
      ['workload-without-entity', 'Deployment', 'web', 'east', 'sandbox'],
      ['workload-without-entity', 'Deployment', 'api', 'west', 'apps'],
      // Not the batch job: it runs as a Job.
      ['no-running-workload', 'Component', 'gone', undefined, 'apps'],
    ]);
    expect(findings[2].detail).toMatch(/120 s old/);
    expect(findings[3].detail).toMatch(/in east, west/);
  });

  it('says nothing about missing workloads when a cluster the entity looks in is unavailable', () => {
    const clusters: ClusterWorkloads[] = [
      { cluster: 'east', freshness: fresh, workloads: [workload('web')] },
      {
        cluster: 'west',
        freshness: { state: 'unavailable', error: 'connect ECONNREFUSED' },
      },
    ];
    const findings = driftFindings(entities, clusters, entityTargets);
    // `api` looks only in east (readable): still reported. The others also look in west.
    expect(findings.filter(f => f.problem === 'no-running-workload').map(f => [f.name, f.cluster])).toEqual([
      ['api', 'east'],
    ]);
  });

  it('reports an entity whose clusters are all unknown, and an invalid selector', () => {
    const findings = driftFindings(
      [
        component('elsewhere', {
          annotations: wired('elsewhere', {
            'platform-portal.io/kubernetes-clusters': 'mars',
          }),
        }),
        component('broken', {
          annotations: {
            'backstage.io/kubernetes-label-selector': 'app in (unclosed',
          },
        }),
      ],
      [{ cluster: 'east', freshness: fresh, workloads: [] }],
      entityTargets,
    );
    expect(findings.map(f => [f.problem, f.name])).toEqual([
      ['missing-annotation', 'broken'],
      ['no-running-workload', 'elsewhere'],
    ]);
    expect(findings[1].detail).toMatch(/none of its clusters \(mars\) is configured/);
  });
});

describe('buildReport', () => {
  it('sorts by severity, counts every problem and keeps the worst cluster freshness', () => {
    const report = buildReport({
      entities: [
        {
          ...component('nobody', {
            owner: null,
            annotations: wired('nobody'),
            spec: { slo },
          }),
        },
        component('left-behind', {
          type: 'library',
          annotations: { 'backstage.io/orphan': 'true' },
        }),
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'team-a' },
          spec: {},
        },
      ],
      unprocessed: {
        error: 'Could not read the entities that failed processing: 404',
      },
      clusters: [
        {
          cluster: 'east',
          freshness: {
            state: 'stale',
            ageSeconds: 30,
            fetchedAt: '2026-01-01T00:00:00.000Z',
          },
          workloads: [workload('nobody')],
        },
      ],
      targets: entityTargets,
      sandbox: true,
      now: new Date('2026-01-01T00:00:30.000Z'),
    });
    expect(report.generatedAt).toBe('2026-01-01T00:00:30.000Z');
    expect(report.findings.map(f => [f.severity, f.problem])).toEqual([
      ['error', 'missing-owner'],
      ['warning', 'orphan'],
    ]);
    expect(report.counts).toEqual({
      'processing-error': 0,
      'missing-owner': 1,
      'unknown-owner': 0,
      'missing-annotation': 0,
      orphan: 1,
      'workload-without-entity': 0,
      'no-running-workload': 0,
    });
    expect(report.kubernetesFreshness).toMatchObject({
      state: 'stale',
      ageSeconds: 30,
    });
    expect(report.kubernetesFreshness.clusters).toEqual([
      {
        cluster: 'east',
        freshness: {
          state: 'stale',
          ageSeconds: 30,
          fetchedAt: '2026-01-01T00:00:00.000Z',
        },
      },
    ]);
    expect(report.unprocessedEntities.state).toBe('unavailable');
  });

  it('sortFindings keeps errors before warnings before infos', () => {
    const sorted = sortFindings([
      { problem: 'missing-annotation', severity: 'info', detail: '' },
      { problem: 'orphan', severity: 'warning', detail: '' },
      { problem: 'unknown-owner', severity: 'error', detail: '' },
    ]);
    expect(sorted.map(f => f.severity)).toEqual(['error', 'warning', 'info']);
  });
});
