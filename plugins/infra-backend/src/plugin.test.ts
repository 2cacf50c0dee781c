import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { EntityOverview, InfraHealth } from '@internal/plugin-infra-common';
import { startSandbox, type Sandbox } from '@internal/sandbox';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { infraPlugin } from './plugin';

/**
 * The infra backend against the sandbox simulators, through the real vendor clients.
 */
const examples = path.resolve(__dirname, '../../../examples/components.yaml');
const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-storefront', namespace: 'default' },
  spec: { type: 'team', children: [] },
};
/** Components a team-checkout member could register: their own, with hostile Kubernetes annotations. */
const hostile = (name: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-checkout' },
});
const SELECTOR = 'backstage.io/kubernetes-label-selector';
const NAMESPACE = 'backstage.io/kubernetes-namespace';
const hostileEntities = [
  hostile('negated', { [SELECTOR]: '!x' }),
  hostile('negated-in-own-namespace', { [SELECTOR]: '!x', [NAMESPACE]: 'checkout' }),
  hostile('empty-selector', { [SELECTOR]: '', [NAMESPACE]: 'checkout' }),
  hostile('blank-selector', { [SELECTOR]: ' ', [NAMESPACE]: 'checkout' }),
  hostile('notin', { [SELECTOR]: 'app notin (a)', [NAMESPACE]: 'checkout' }),
  hostile('not-equal', { [SELECTOR]: 'tier!=batch', [NAMESPACE]: 'checkout' }),
  hostile('exists-only', { [SELECTOR]: 'k8s-app', [NAMESPACE]: 'checkout' }),
  hostile('no-namespace', { [SELECTOR]: 'backstage.io/kubernetes-id=checkout-service' }),
  hostile('other-team', { [SELECTOR]: 'backstage.io/kubernetes-id=web-storefront', [NAMESPACE]: 'storefront' }),
  hostile('kube-system', { [SELECTOR]: 'k8s-app=kube-proxy', [NAMESPACE]: 'kube-system' }),
];
const entities = [
  team,
  ...hostileEntities,
  ...parseAllDocuments(fs.readFileSync(examples, 'utf8'))
    .map(d => d.toJS() as Entity)
    .map(e => ({
      ...e,
      // What the catalog adds when it stitches: the relation the team summary queries by.
      // (The hostile components are owned by team-checkout; they are not in any team summary test.)
      relations: [{ type: 'ownedBy', targetRef: `group:default/${e.spec!.owner}` }],
    })),
];

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0] },
  });
});
afterAll(() => sandbox.stop());
afterEach(() => {
  sandbox.faults.clear();
});

function infraConfig(overrides: Record<string, unknown> = {}) {
  const infra = sandbox.infraConfig();
  return {
    backend: { cache: { store: 'memory' } },
    portal: { platformGroups: ['group:default/team-platform'] },
    infra: {
      ...infra,
      // Short TTLs so a test can see data go stale; tight limits so failures are quick.
      datadog: { ...infra.datadog, cacheTtlSeconds: 1 },
      pagerduty: { ...infra.pagerduty, cacheTtlSeconds: 1 },
      resilience: { timeoutMs: 700, deadlineMs: 1500, retries: 1 },
      ...overrides,
    },
  };
}

/** Who belongs to which groups: what the sign-in resolver puts in a user's ownership claims. */
const OWNERSHIP: Record<string, string[]> = {
  // The default test user works on the catalog and checkout services.
  'user:default/mock': ['group:default/team-catalog', 'group:default/team-checkout'],
  'user:default/kato.minato': ['group:default/team-checkout'],
  'user:default/sato.yuki': ['group:default/team-platform'],
};
const userInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const userEntityRef = credentials.principal.userEntityRef as string;
      return { userEntityRef, ownershipEntityRefs: [userEntityRef, ...(OWNERSHIP[userEntityRef] ?? [])] };
    },
  }),
});

async function startInfra(options?: {
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  config?: ReturnType<typeof infraConfig>;
}) {
  const backend = await startTestBackend({
    features: [
      infraPlugin,
      catalogServiceMock.factory({ entities }),
      userInfo,
      mockServices.rootConfig.factory({ data: options?.config ?? infraConfig() }),
      mockServices.permissions.factory({ result: options?.permission ?? AuthorizeResult.ALLOW }),
      // Requests without a token are anonymous (the default test identity is a signed-in user).
      mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
    ],
  });
  return backend;
}

const auth = mockCredentials.user.header();
const overviewOf = (server: any, name: string) =>
  request(server).get(`/api/infra/entities/component/default/${name}/overview`).set('Authorization', auth);

describe('infra backend', () => {
  it('requires authentication on every route', async () => {
    const { server } = await startInfra();
    expect((await request(server).get('/api/infra/health')).status).toBe(401);
    expect((await request(server).get('/api/infra/entities/component/default/checkout-service/overview')).status).toBe(
      401,
    );
  });

  it('reports both clusters, Datadog and PagerDuty healthy against the sandbox', async () => {
    const { server } = await startInfra();
    const res = await request(server).get('/api/infra/health').set('Authorization', auth);
    expect(res.status).toBe(200);
    const health = res.body as InfraHealth;
    expect(health.sandbox).toBe(true);
    expect(health.status).toBe('healthy');
    expect(health.upstreams.map(u => [u.name, u.status, u.breaker])).toEqual([
      ['kubernetes/aws-tokyo', 'healthy', 'closed'],
      ['kubernetes/gcp-osaka', 'healthy', 'closed'],
      ['datadog', 'healthy', 'closed'],
      ['pagerduty', 'healthy', 'closed'],
    ]);
    for (const u of health.upstreams) expect(u.lastLatencyMs).toBeGreaterThanOrEqual(0);
  });

  it('answers 404 for an unknown entity', async () => {
    const { server } = await startInfra();
    const res = await overviewOf(server, 'no-such-service');
    expect(res.status).toBe(404);
  });

  it('joins workloads, on-call, incidents, monitors and deploys of a service', async () => {
    const { server } = await startInfra();
    const res = await overviewOf(server, 'checkout-service');
    expect(res.status).toBe(200);
    const o = res.body as EntityOverview;
    expect(o.entityRef).toBe('component:default/checkout-service');
    expect(o.kubernetes.freshness.state).toBe('fresh');
    const tokyo = o.kubernetes.data!.clusters.find(c => c.cluster === 'aws-tokyo')!;
    const osaka = o.kubernetes.data!.clusters.find(c => c.cluster === 'gcp-osaka')!;
    expect(tokyo.workloads.map(w => w.name)).toEqual(['checkout-service']);
    expect(tokyo.workloads[0].readyReplicas).toBe(tokyo.workloads[0].desiredReplicas);
    expect(osaka.workloads).toEqual([]);
    expect(o.oncall.freshness.state).toBe('fresh');
    expect(o.oncall.data!.map(e => e.level)).toEqual(expect.arrayContaining([1, 2]));
    expect(o.oncall.data![0].user.name).toBeTruthy();
    expect(o.monitors.data!.length).toBeGreaterThan(0);
    expect(o.monitors.data!.every(m => m.tags.includes('service:checkout-service'))).toBe(true);
    expect(o.deploys.data!.length).toBeGreaterThan(0);
    expect(o.incidents.freshness.state).toBe('fresh');
  });

  it('turns the seeded Kubernetes problems into hints', async () => {
    const { server } = await startInfra();
    const problems = async (name: string) => {
      const o = (await overviewOf(server, name)).body as EntityOverview;
      return o.kubernetes.data!.clusters.flatMap(c => c.workloads.flatMap(w => w.problems.map(p => p.code)));
    };
    expect(await problems('recommendation-service')).toContain('CrashLoopBackOff');
    expect(await problems('search-service')).toContain('OOMKilled');
    expect(await problems('admin-console')).toContain('ImagePullBackOff');
    expect(await problems('graphql-gateway')).toContain('HpaAtMax');
    expect(await problems('user-profile-service')).toContain('ReadinessFailing');
    expect(await problems('fraud-scoring')).toEqual(expect.arrayContaining(['NoProbes', 'NoPodDisruptionBudget']));
    expect(await problems('checkout-service')).toEqual([]);
  });

  it('shows open incidents of a service that is burning its budget', async () => {
    const { server } = await startInfra();
    const o = (await overviewOf(server, 'payment-service')).body as EntityOverview;
    expect(o.incidents.data!.open.length).toBeGreaterThan(0);
    expect(o.monitors.data!.some(m => m.state === 'Alert')).toBe(true);
  });

  it('still answers within 2 s with Datadog hanging (loading) and PagerDuty failing (cold cache)', async () => {
    const { server } = await startInfra();
    sandbox.faults.set('datadog', { hang: true });
    sandbox.faults.set('pagerduty', { status: 500 });
    const started = Date.now();
    const res = await overviewOf(server, 'checkout-service');
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    expect(elapsed).toBeLessThan(2000);
    const o = res.body as EntityOverview;
    expect(o.kubernetes.freshness.state).toBe('fresh');
    // Nothing cached and Datadog's listing still running in the background (with its own, longer
    // deadline): "loading", not an error.
    expect(o.monitors.freshness.state).toBe('loading');
    expect(o.deploys.freshness.state).toBe('loading');
    expect(o.oncall.freshness.state).toBe('unavailable');
    expect(o.incidents.freshness.state).toBe('unavailable');
    // Failing calls open PagerDuty's breaker part-way; later reads fail fast on it.
    expect(o.incidents.freshness.error).toMatch(/500|circuit breaker/);
  });

  it('serves stale data, with its age, when the upstreams fail after a good read', async () => {
    const { server } = await startInfra();
    expect((await overviewOf(server, 'checkout-service')).status).toBe(200);
    await new Promise(r => setTimeout(r, 1100)); // past the 1 s test TTL
    sandbox.faults.set('datadog', { hang: true });
    sandbox.faults.set('pagerduty', { status: 503 });
    const started = Date.now();
    const o = (await overviewOf(server, 'checkout-service')).body as EntityOverview;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(o.kubernetes.freshness.state).toBe('fresh');
    for (const part of [o.monitors, o.deploys, o.oncall, o.incidents]) {
      expect(part.freshness.state).toBe('stale');
      expect(part.freshness.ageSeconds).toBeGreaterThanOrEqual(1);
      expect(part.data).toBeDefined();
    }
  });

  it('makes at most one upstream call per operation for 50 concurrent viewers', async () => {
    const { server } = await startInfra();
    sandbox.faults.resetCounts();
    const answers = await Promise.all(Array.from({ length: 50 }, () => overviewOf(server, 'checkout-service')));
    expect(answers.every(a => a.status === 200)).toBe(true);
    for (const [target, log] of sandbox.faults.requestLog) {
      const operations = log;
      expect({ target, duplicates: operations.filter((op, i) => operations.indexOf(op) !== i) }).toEqual({
        target,
        duplicates: [],
      });
    }
    expect(sandbox.faults.requestCounts.get('datadog')).toBeGreaterThan(0);
  });

  it('honours a 429 with its reset header and then succeeds', async () => {
    const { server } = await startInfra();
    sandbox.faults.resetCounts();
    sandbox.faults.set('datadog', { rateLimitResetSeconds: 1, count: 1 });
    const started = Date.now();
    const o = (await overviewOf(server, 'checkout-service')).body as EntityOverview;
    expect(o.monitors.freshness.state).toBe('fresh');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const monitorCalls = (sandbox.faults.requestLog.get('datadog') ?? []).filter(l =>
      l.startsWith('GET /api/v1/monitor'),
    );
    expect(monitorCalls.length).toBe(2);
  });

  it('lists every object of a workload for the Kubernetes tab', async () => {
    const { server } = await startInfra();
    const res = await request(server)
      .get('/api/infra/entities/component/default/admin-console/kubernetes')
      .set('Authorization', auth);
    expect(res.status).toBe(200);
    const tokyo = res.body.clusters.find((c: any) => c.cluster === 'aws-tokyo');
    expect(tokyo.freshness.state).toBe('fresh');
    const deployment = tokyo.workloads[0];
    expect(deployment.rolloutInProgress).toBe(true);
    expect(deployment.rollouts.length).toBeGreaterThanOrEqual(2);
    expect(tokyo.pods.some((p: any) => p.waitingReason === 'ImagePullBackOff')).toBe(true);
    expect(tokyo.events.some((e: any) => e.type === 'Warning')).toBe(true);
    expect(tokyo.services.length).toBeGreaterThan(0);
  });

  it("summarises a team's services, on-call and open incidents", async () => {
    const { server } = await startInfra();
    const res = await request(server)
      .get('/api/infra/entities/group/default/team-storefront/team')
      .set('Authorization', auth);
    expect(res.status).toBe(200);
    const names = res.body.services.map((s: any) => s.name);
    expect(names).toEqual(['graphql-gateway', 'mobile-bff', 'recommendation-service', 'web-storefront']);
    const reco = res.body.services.find((s: any) => s.name === 'recommendation-service');
    expect(reco.health).toBe('critical');
    expect(reco.problems).toContain('CrashLoopBackOff');
    expect(res.body.oncall.length).toBeGreaterThan(0);
    expect(res.body.openIncidents.some((i: any) => i.title.includes('recommendation-service'))).toBe(true);

    const notAGroup = await request(server)
      .get('/api/infra/entities/component/default/mobile-bff/team')
      .set('Authorization', auth);
    expect(notAGroup.status).toBe(400);
  });

  describe('pod logs', () => {
    it('refuses users without the permission', async () => {
      const { server } = await startInfra({ permission: AuthorizeResult.DENY });
      const res = await request(server)
        .get('/api/infra/entities/component/default/checkout-service/logs?cluster=aws-tokyo&pod=x')
        .set('Authorization', auth);
      expect(res.status).toBe(403);
    });

    it("reads a pod's log, only for the entity's own pods, with clear 4xx errors", async () => {
      const { server } = await startInfra();
      const o = (await overviewOf(server, 'search-service')).body as EntityOverview;
      const cluster = o.kubernetes.data!.clusters.find(c => c.workloads.length)!;
      const pod = cluster.workloads[0].pods.find(p => p.lastTerminationReason === 'OOMKilled')!;
      expect(pod).toBeDefined();
      const base = '/api/infra/entities/component/default/search-service/logs';
      const current = await request(server)
        .get(`${base}?cluster=${cluster.cluster}&pod=${pod.name}`)
        .set('Authorization', auth);
      expect(current.status).toBe(200);
      expect(current.text.length).toBeGreaterThan(0);

      const previous = await request(server)
        .get(`${base}?cluster=${cluster.cluster}&pod=${pod.name}&previous=true`)
        .set('Authorization', auth);
      expect(previous.status).toBe(200);
      // The container before its OOM kill: full GCs with the heap at its 1024M limit.
      expect(previous.text).toMatch(/Pause Full .*\(1024M\)/);

      const other = (await overviewOf(server, 'checkout-service')).body as EntityOverview;
      const foreign = other.kubernetes.data!.clusters.find(c => c.workloads.length)!.workloads[0].pods[0];
      const notMine = await request(server)
        .get(`${base}?cluster=aws-tokyo&pod=${foreign.name}`)
        .set('Authorization', auth);
      expect(notMine.status).toBe(404);

      const badQuery = await request(server).get(`${base}?pod=x`).set('Authorization', auth);
      expect(badQuery.status).toBe(400);
      expect(badQuery.body.error.message).toMatch(/cluster/);

      const healthy = other.kubernetes.data!.clusters.find(c => c.workloads.length)!;
      const noPrevious = await request(server)
        .get(
          `/api/infra/entities/component/default/checkout-service/logs?cluster=${healthy.cluster}&pod=${healthy.workloads[0].pods[0].name}&previous=true`,
        )
        .set('Authorization', auth);
      expect(noPrevious.status).toBe(400);
    });

    describe('bound to the namespaces the caller owns', () => {
      const owner = mockCredentials.user.header('user:default/kato.minato');
      const platform = mockCredentials.user.header('user:default/sato.yuki');
      const logsOf = (server: any, name: string, cluster: string, pod: string, as: string) =>
        request(server)
          .get(`/api/infra/entities/component/default/${name}/logs?cluster=${cluster}&pod=${pod}&tailLines=5`)
          .set('Authorization', as);
      /** A pod of a cluster's namespace, read from the Kubernetes tab of any entity there. */
      const podIn = async (server: any, entity: string, cluster: string) => {
        const res = await request(server)
          .get(`/api/infra/entities/component/default/${entity}/kubernetes`)
          .set('Authorization', auth);
        return res.body.clusters.find((c: any) => c.cluster === cluster).pods[0].name as string;
      };
      let kubeProxyPod: string;
      beforeAll(async () => {
        // kube-system's pods belong to no entity: read the name straight from the API server.
        const res = await fetch(`${sandbox.urls.kubernetes['aws-tokyo']}/api/v1/namespaces/kube-system/pods`, {
          headers: { Authorization: `Bearer ${sandbox.infraConfig().kubernetes.clusters[0].serviceAccountToken}` },
        });
        kubeProxyPod = ((await res.json()) as any).items[0].metadata.name;
        if (!/^kube-proxy-/.test(kubeProxyPod)) throw new Error(`not a kube-proxy pod: ${kubeProxyPod}`);
      });

      it.each([
        ['negated', 400, /backstage\.io\/kubernetes-namespace/],
        ['negated-in-own-namespace', 400, /"!x" does not pin a workload/],
        ['empty-selector', 400, /no Kubernetes annotations/],
        ['blank-selector', 400, /does not pin a workload/],
        ['notin', 400, /"app notin \(a\)" does not pin a workload/],
        ['not-equal', 400, /"tier!=batch" does not pin a workload/],
        ['exists-only', 400, /"k8s-app" does not pin a workload/],
        ['no-namespace', 400, /no backstage\.io\/kubernetes-namespace annotation/],
        ['kube-system', 403, /kube-system in aws-tokyo is owned by no team/],
      ])('refuses an owner the kube-system pod through %s (%i)', async (name, status, message) => {
        const { server } = await startInfra();
        const res = await logsOf(server, name, 'aws-tokyo', kubeProxyPod, owner);
        expect({ status: res.status, message: res.body.error?.message }).toEqual({
          status,
          message: expect.stringMatching(message),
        });
      });

      it("refuses an owner a pod of another team's namespace, and serves their own", async () => {
        const { server } = await startInfra();
        const storefrontPod = await podIn(server, 'web-storefront', 'aws-tokyo');
        const foreign = await logsOf(server, 'other-team', 'aws-tokyo', storefrontPod, owner);
        expect(foreign.status).toBe(403);
        expect(foreign.body.error.message).toBe(
          'Namespace storefront in aws-tokyo is owned by group:default/team-storefront, not by a group you belong to: you may not read its pod logs',
        );
        // The whole-namespace selectors do not help either, even inside their own namespace.
        const viaNegation = await logsOf(server, 'negated-in-own-namespace', 'aws-tokyo', storefrontPod, owner);
        expect(viaNegation.status).toBe(400);

        const ownPod = await podIn(server, 'checkout-service', 'aws-tokyo');
        const own = await logsOf(server, 'checkout-service', 'aws-tokyo', ownPod, owner);
        expect(own.status).toBe(200);
        expect(own.text).toMatch(/request completed/);
        expect(own.text.trimEnd().split('\n')).toHaveLength(5);
      });

      it('lets platform members read any namespace, kube-system included, but not through a selector that pins nothing', async () => {
        const { server } = await startInfra();
        const system = await logsOf(server, 'kube-system', 'aws-tokyo', kubeProxyPod, platform);
        expect(system.status).toBe(200);
        expect(system.text).toContain('"SyncProxyRules complete"');
        const storefrontPod = await podIn(server, 'web-storefront', 'aws-tokyo');
        expect((await logsOf(server, 'web-storefront', 'aws-tokyo', storefrontPod, platform)).status).toBe(200);
        expect((await logsOf(server, 'negated', 'aws-tokyo', kubeProxyPod, platform)).status).toBe(400);
        expect((await logsOf(server, 'notin', 'aws-tokyo', kubeProxyPod, platform)).status).toBe(400);
      });

      it('refuses other backends (service credentials)', async () => {
        const { server } = await startInfra();
        const ownPod = await podIn(server, 'checkout-service', 'aws-tokyo');
        const res = await logsOf(server, 'checkout-service', 'aws-tokyo', ownPod, mockCredentials.service.header());
        expect(res.status).toBe(403);
        expect(res.body.error.message).toMatch(/signed-in users only/);
      });

      it('takes the owners from config over the namespace label, per cluster or for every cluster', async () => {
        const base = infraConfig() as any;
        const ownPod = await podIn((await startInfra()).server, 'checkout-service', 'aws-tokyo');
        // Config gives checkout to another team: the label (team-checkout) no longer counts.
        const moved = await startInfra({
          config: {
            ...base,
            infra: {
              ...base.infra,
              kubernetes: { ...base.infra.kubernetes, namespaceOwners: { checkout: 'team-storefront' } },
            },
          },
        });
        const refused = await logsOf(moved.server, 'checkout-service', 'aws-tokyo', ownPod, owner);
        expect(refused.status).toBe(403);
        expect(refused.body.error.message).toMatch(/owned by group:default\/team-storefront/);
        // A cluster's own entry wins over the shared one; config may also give kube-system an owner.
        const clusters = base.infra.kubernetes.clusters.map((c: any) =>
          c.name === 'aws-tokyo'
            ? { ...c, namespaceOwners: { checkout: ['group:default/team-checkout'], 'kube-system': 'team-checkout' } }
            : c,
        );
        const perCluster = await startInfra({
          config: {
            ...base,
            infra: {
              ...base.infra,
              kubernetes: { ...base.infra.kubernetes, clusters, namespaceOwners: { checkout: 'team-storefront' } },
            },
          },
        });
        expect((await logsOf(perCluster.server, 'checkout-service', 'aws-tokyo', ownPod, owner)).status).toBe(200);
        expect((await logsOf(perCluster.server, 'kube-system', 'aws-tokyo', kubeProxyPod, owner)).status).toBe(200);
      });
    });
  });
});
