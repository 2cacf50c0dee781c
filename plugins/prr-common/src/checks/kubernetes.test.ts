import fs from 'node:fs';
import path from 'node:path';
// The root workspace's yaml: tests only, so prr-common keeps no runtime dependency on it.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { parseAllDocuments } from 'yaml';
import { formatEvidence } from '../evidence';
import {
  gracefulShutdownCheck,
  imageTag,
  imageTagCheck,
  kubeObjectSetOf,
  livenessProbeCheck,
  nonRootCheck,
  parseQuantity,
  pdbCheck,
  readinessProbeCheck,
  replicasCheck,
  resourcesCheck,
  rollingUpdateCheck,
  runKubernetesChecks,
  secretRefsCheck,
  selectorMatches,
  type KubeObject,
} from './kubernetes';

const container = (extra: object = {}) => ({
  name: 'app',
  image: 'registry.example.com/payments/api:v1.2.3',
  readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
  livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
  resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
  securityContext: { runAsNonRoot: true },
  ...extra,
});

function deployment(
  options: { replicas?: number; containers?: object[]; strategy?: object; podSecurity?: object } = {},
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'payments', labels: { app: 'api' } },
    spec: {
      replicas: options.replicas ?? 3,
      selector: { matchLabels: { app: 'api' } },
      ...(options.strategy ? { strategy: options.strategy } : {}),
      template: {
        metadata: { labels: { app: 'api', tier: 'backend' } },
        spec: {
          containers: options.containers ?? [container()],
          ...(options.podSecurity ? { securityContext: options.podSecurity } : {}),
        },
      },
    },
  };
}

const pdb = (spec: object, selector: object = { matchLabels: { app: 'api' } }): KubeObject => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'api', namespace: 'payments' },
  spec: { selector, ...spec },
});

const hpa = (minReplicas: number): KubeObject => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'api', namespace: 'payments' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, minReplicas, maxReplicas: 10 },
});

const set = (...objects: KubeObject[]) => kubeObjectSetOf(objects);

describe('probes', () => {
  it('fails a container without a readinessProbe, naming the object and container', () => {
    const r = readinessProbeCheck(set(deployment({ containers: [container({ readinessProbe: undefined })] })));
    expect(r).toEqual({
      status: 'fail',
      evidence: ['Deployment payments/api, container app: no readinessProbe'],
      evidenceCodes: [
        {
          code: 'prr.k8s.probeMissing',
          params: { object: 'Deployment payments/api', container: 'app', field: 'readinessProbe' },
        },
      ],
    });
    expect(formatEvidence(r.evidenceCodes![0], 'ja', r.evidence[0])).toBe(
      'Deployment payments/api のコンテナ app: readinessProbe がありません',
    );
  });
  it('passes with the probe kind as evidence', () => {
    expect(livenessProbeCheck(set(deployment()))).toEqual({
      status: 'pass',
      evidence: ['Deployment payments/api, container app: livenessProbe (httpGet /healthz)'],
      evidenceCodes: [
        {
          code: 'prr.k8s.probeSet',
          params: {
            object: 'Deployment payments/api',
            container: 'app',
            field: 'livenessProbe',
            how: 'httpGet /healthz',
          },
        },
      ],
    });
  });
  it('is not applicable without workloads', () => {
    expect(readinessProbeCheck(set()).status).toBe('not-applicable');
  });
});

describe('resources', () => {
  it('names each missing request and limit', () => {
    const r = resourcesCheck(set(deployment({ containers: [container({ resources: { requests: { cpu: '1' } } })] })));
    expect(r.status).toBe('fail');
    expect(r.evidence[0]).toBe(
      'Deployment payments/api, container app: no resources.requests.memory, resources.limits.cpu, resources.limits.memory',
    );
  });
  it('fails when the memory request differs from the limit, comparing quantities', () => {
    const differs = resourcesCheck(
      set(
        deployment({
          containers: [
            container({
              resources: { requests: { cpu: '1', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
            }),
          ],
        }),
      ),
    );
    expect(differs.status).toBe('fail');
    expect(differs.evidence[0]).toContain('resources.requests.memory 256Mi differs from resources.limits.memory 512Mi');
    const same = resourcesCheck(
      set(
        deployment({
          containers: [
            container({ resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1024Mi' } } }),
          ],
        }),
      ),
    );
    expect(same.status).toBe('pass');
  });
  it('parses quantities', () => {
    expect(parseQuantity('512Mi')).toBe(512 * 2 ** 20);
    expect(parseQuantity('250m')).toBeCloseTo(0.25);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('1G')).toBe(1e9);
    expect(parseQuantity('abc')).toBeNaN();
  });
});

describe('replicas', () => {
  it('passes at 3 replicas, fails at 2 without an HPA', () => {
    expect(replicasCheck(set(deployment({ replicas: 3 }))).status).toBe('pass');
    expect(replicasCheck(set(deployment({ replicas: 2 })))).toEqual({
      status: 'fail',
      evidence: ['Deployment payments/api: spec.replicas 2 < 3 and no HorizontalPodAutoscaler'],
      evidenceCodes: [
        { code: 'prr.k8s.replicasLow', params: { object: 'Deployment payments/api', replicas: 2, min: 3 } },
      ],
    });
  });
  it('reads the HPA minimum when there is one', () => {
    expect(replicasCheck(set(deployment({ replicas: 1 }), hpa(3))).status).toBe('pass');
    expect(replicasCheck(set(deployment({ replicas: 5 }), hpa(2))).evidence[0]).toBe(
      'HorizontalPodAutoscaler payments/api: spec.minReplicas 2 < 3 for Deployment payments/api',
    );
  });
  it('defaults an absent spec.replicas to 1', () => {
    const d = deployment();
    delete d.spec.replicas;
    expect(replicasCheck(set(d)).evidence[0]).toContain('spec.replicas 1 < 3');
  });
});

describe('PodDisruptionBudget', () => {
  it('fails without a PDB selecting the pods', () => {
    expect(pdbCheck(set(deployment()))).toEqual({
      status: 'fail',
      evidence: ['Deployment payments/api: no PodDisruptionBudget selects its pods'],
      evidenceCodes: [{ code: 'prr.k8s.pdbMissing', params: { object: 'Deployment payments/api' } }],
    });
    expect(pdbCheck(set(deployment(), pdb({ maxUnavailable: 1 }, { matchLabels: { app: 'other' } }))).status).toBe(
      'fail',
    );
  });
  it('fails a PDB that blocks every voluntary eviction', () => {
    const cases: Array<[object, number]> = [
      [{ minAvailable: 3 }, 3],
      [{ minAvailable: 4 }, 3],
      [{ minAvailable: '100%' }, 3],
      [{ maxUnavailable: 0 }, 3],
      [{ maxUnavailable: '0%' }, 3],
      [{ minAvailable: 1 }, 1],
      [{}, 1],
    ];
    for (const [spec, replicas] of cases) {
      const r = pdbCheck(set(deployment({ replicas }), pdb(spec)));
      expect({ spec, status: r.status }).toEqual({ spec, status: 'fail' });
      expect(r.evidence[0]).toMatch(/^PodDisruptionBudget payments\/api: .* blocks every voluntary eviction$/);
    }
  });
  it('passes a PDB that allows at least one disruption', () => {
    for (const spec of [
      { minAvailable: 2 },
      { minAvailable: '50%' },
      { maxUnavailable: 1 },
      { maxUnavailable: '34%' },
      {},
    ]) {
      const r = pdbCheck(set(deployment({ replicas: 3 }), pdb(spec)));
      expect({ spec, status: r.status }).toEqual({ spec, status: 'pass' });
    }
    expect(pdbCheck(set(deployment({ replicas: 3 }), pdb({ minAvailable: 2 }))).evidence[0]).toBe(
      'PodDisruptionBudget payments/api: spec.minAvailable 2 with 3 replica(s) of Deployment payments/api allows 1 disruption(s)',
    );
    const allows = pdbCheck(set(deployment({ replicas: 3 }), pdb({ maxUnavailable: 1 })));
    expect(allows.evidenceCodes).toEqual([
      {
        code: 'prr.k8s.pdbAllows',
        params: {
          pdb: 'PodDisruptionBudget payments/api',
          field: 'spec.maxUnavailable 1',
          replicas: 3,
          object: 'Deployment payments/api',
          allowed: 1,
        },
      },
    ]);
    expect(formatEvidence(allows.evidenceCodes![0], 'ja', allows.evidence[0])).toBe(
      'PodDisruptionBudget payments/api: Deployment payments/api のレプリカ 3 個に対して spec.maxUnavailable 1 で、同時に 1 個まで中断できます',
    );
    // Neither field set: its own code, so that no English is left in the Japanese line.
    expect(pdbCheck(set(deployment({ replicas: 3 }), pdb({}))).evidenceCodes![0].code).toBe('prr.k8s.pdbAllowsDefault');
  });
  it('measures against the HPA minimum when it is lower than the replicas', () => {
    expect(pdbCheck(set(deployment({ replicas: 4 }), hpa(2), pdb({ minAvailable: 2 }))).status).toBe('fail');
  });
  it('matches matchExpressions selectors', () => {
    expect(
      selectorMatches(
        { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] },
        { tier: 'backend' },
      ),
    ).toBe(true);
    expect(
      selectorMatches(
        { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }] },
        { tier: 'backend' },
      ),
    ).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] }, { tier: 'backend' })).toBe(
      true,
    );
    expect(selectorMatches({ matchExpressions: [{ key: 'x', operator: 'Bogus' }] }, {})).toBe(false);
  });
});

describe('the other container checks', () => {
  it('graceful shutdown needs a preStop hook', () => {
    expect(
      gracefulShutdownCheck(set(deployment({ containers: [container({ lifecycle: undefined })] }))).evidence[0],
    ).toBe('Deployment payments/api, container app: no lifecycle.preStop');
    expect(gracefulShutdownCheck(set(deployment())).status).toBe('pass');
  });
  it('non-root reads the pod and container securityContext', () => {
    expect(nonRootCheck(set(deployment({ containers: [container({ securityContext: undefined })] }))).status).toBe(
      'fail',
    );
    expect(
      nonRootCheck(
        set(deployment({ containers: [container({ securityContext: undefined })], podSecurity: { runAsUser: 1000 } })),
      ).status,
    ).toBe('pass');
    expect(
      nonRootCheck(set(deployment({ containers: [container({ securityContext: { runAsUser: 0 } })] }))).evidence[0],
    ).toContain('runAsUser 0 (root)');
  });
  it('image tags: latest and untagged fail, versions and digests pass', () => {
    expect(imageTag('registry:5000/team/app')).toEqual({ tag: undefined, digest: undefined });
    expect(imageTag('registry:5000/team/app:v1')).toEqual({ tag: 'v1', digest: undefined });
    const check = (image: string) => imageTagCheck(set(deployment({ containers: [container({ image })] }))).status;
    expect(check('nginx:latest')).toBe('fail');
    expect(check('registry:5000/team/app')).toBe('fail');
    expect(check('nginx:1.27')).toBe('pass');
    expect(check('nginx@sha256:0123')).toBe('pass');
  });
  it('secrets must come from Secret references', () => {
    const literal = secretRefsCheck(
      set(deployment({ containers: [container({ env: [{ name: 'DB_PASSWORD', value: 'hunter2' }] })] })),
    );
    expect(literal).toEqual({
      status: 'fail',
      evidence: [
        'Deployment payments/api, container app: env DB_PASSWORD set by a literal value instead of valueFrom.secretKeyRef',
      ],
      evidenceCodes: [
        {
          code: 'prr.k8s.secretLiteral',
          params: { object: 'Deployment payments/api', container: 'app', names: 'DB_PASSWORD' },
        },
      ],
    });
    const ref = secretRefsCheck(
      set(
        deployment({
          containers: [
            container({ env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] }),
          ],
        }),
      ),
    );
    expect(ref.status).toBe('pass');
    expect(ref.evidence[0]).toContain('env DB_PASSWORD (secretKeyRef db)');
  });
  it('rolling update: Recreate fails, the default passes', () => {
    expect(rollingUpdateCheck(set(deployment({ strategy: { type: 'Recreate' } })))).toEqual({
      status: 'fail',
      evidence: ['Deployment payments/api: spec.strategy.type Recreate'],
      evidenceCodes: [{ code: 'prr.k8s.strategy', params: { object: 'Deployment payments/api', type: 'Recreate' } }],
    });
    expect(rollingUpdateCheck(set(deployment())).status).toBe('pass');
    expect(
      rollingUpdateCheck(
        set(deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '100%' } } })),
      ).status,
    ).toBe('fail');
  });
});

describe('objects parsed from YAML', () => {
  it('runs over the portal’s own manifests in docker/kubernetes', () => {
    const dir = path.resolve(__dirname, '../../../../docker/kubernetes');
    const docs = fs
      .readdirSync(dir)
      .filter(f => f.endsWith('.yaml'))
      .flatMap(f => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map(d => d.toJS()));
    const objects = kubeObjectSetOf(docs);
    expect(objects.workloads.map(w => `${w.kind} ${w.metadata?.name}`).sort()).toEqual([
      'Deployment platform-portal',
      'StatefulSet platform-portal-postgres',
    ]);
    const results = runKubernetesChecks(objects);
    expect(Object.keys(results)).toHaveLength(10);
    for (const [id, r] of Object.entries(results)) {
      expect({ id, ok: ['pass', 'fail', 'not-applicable'].includes(r.status) }).toEqual({ id, ok: true });
      expect(
        r.evidence.some(e =>
          /(Deployment|StatefulSet|PodDisruptionBudget|HorizontalPodAutoscaler) platform-portal\//.test(e),
        ),
      ).toBe(true);
    }
  });
  it('reads List objects and ignores other kinds', () => {
    const objects = kubeObjectSetOf([
      { kind: 'List', items: [deployment(), pdb({ maxUnavailable: 1 })] },
      { kind: 'ConfigMap' },
      null,
      'x',
    ]);
    expect(objects.workloads).toHaveLength(1);
    expect(objects.pdbs).toHaveLength(1);
  });
});
