import type { SchedulerService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { EntityOverview, InfraHealth } from '@internal/plugin-infra-common';
import { loadWorld, startSandbox, type Sandbox } from '@internal/sandbox';
import request from 'supertest';
import { infraPlugin } from './plugin';

jest.setTimeout(60_000);

/**
 * A cluster too big and too slow for a page's deadline: 1,500 extra pods in aws-tokyo (four pages
 * of 500) behind an API server that takes 400 ms per page. Listed on demand under the page's
 * 1.2 s timeout / 1.5 s deadline it never appears ("timed out", then "circuit breaker … is open");
 * with the background refresh the page answers `loading` at once and the workloads after one run.
 */
const CLUSTER = 'aws-tokyo';
const PAGE_LATENCY_MS = 800;
const PAGE_DEADLINE_MS = 1500;

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout-service',
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-id': 'checkout-service',
      'backstage.io/kubernetes-namespace': 'checkout',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-checkout' },
};

let sandbox: Sandbox;
beforeAll(async () => {
  const world = loadWorld();
  world.strays = [...world.strays, { name: 'batch-fleet', namespace: 'batch', cluster: CLUSTER, replicas: 1500 }];
  sandbox = await startSandbox({
    world,
    ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0] },
  });
  // The simulator builds a cluster's objects on its first request (seconds for this many pods):
  // do it now, so the tests time the portal, not the simulator's start-up.
  const token = sandbox.infraConfig().kubernetes.clusters[0].serviceAccountToken;
  await fetch(`${sandbox.urls.kubernetes[CLUSTER]}/api/v1/pods?limit=1`, {
    headers: { Authorization: `Bearer ${token}` },
  });
});
afterAll(() => sandbox.stop());
afterEach(() => sandbox.faults.clear());

/** The scheduler as the plugin sees it: records the tasks; the test runs them when it wants. */
function recordingScheduler() {
  const tasks = new Map<string, Parameters<SchedulerService['scheduleTask']>[0]>();
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: async task => {
      tasks.set(task.id, task);
    },
  });
  const run = async (id: string) => {
    const task = tasks.get(id);
    if (!task) throw new Error(`no task ${id}; scheduled: ${[...tasks.keys()].join(', ')}`);
    await task.fn(new AbortController().signal);
  };
  return { scheduler, tasks, run };
}

async function startInfra(scheduler: ReturnType<typeof recordingScheduler>['scheduler']) {
  const infra = sandbox.infraConfig();
  return startTestBackend({
    features: [
      infraPlugin,
      scheduler.factory,
      catalogServiceMock.factory({ entities: [checkout] }),
      mockServices.rootConfig.factory({
        data: {
          backend: { cache: { store: 'memory' } },
          portal: { platformGroups: ['group:default/team-platform'] },
          // The page limits of production (1.2 s per call, 1.5 s per read).
          infra: { ...infra, resilience: { timeoutMs: 1200, deadlineMs: PAGE_DEADLINE_MS } },
        },
      }),
      mockServices.permissions.factory(),
    ],
  });
}

const auth = { Authorization: mockCredentials.user.header() };

describe('background refresh of fleet snapshots', () => {
  it('schedules one global task per cluster, Datadog and PagerDuty', async () => {
    const recorder = recordingScheduler();
    await startInfra(recorder.scheduler);
    expect([...recorder.tasks.keys()].sort()).toEqual([
      'infra-refresh-datadog',
      'infra-refresh-kubernetes-aws-tokyo',
      'infra-refresh-kubernetes-gcp-osaka',
      'infra-refresh-pagerduty',
      // The rollout watcher (issue 16): reads the cluster snapshots, also once per interval.
      'infra-rollouts',
    ]);
    for (const task of recorder.tasks.values()) expect(task.scope).toBe('global');
  });

  it('answers "loading" within the page deadline for a slow, big cluster, then its workloads after one refresh, breaker closed', async () => {
    const recorder = recordingScheduler();
    const { server } = await startInfra(recorder.scheduler);
    sandbox.faults.set(`kubernetes/${CLUSTER}`, { latencyMs: PAGE_LATENCY_MS });

    const overview = async () => {
      const started = Date.now();
      const res = await request(server)
        .get('/api/infra/entities/component/default/checkout-service/overview')
        .set(auth);
      expect(res.status).toBe(200);
      return { o: res.body as EntityOverview, ms: Date.now() - started };
    };

    // Cold: the listing of 1,500+ pods takes four pages of 800 ms (3.2 s and their parsing). The
    // page does not wait for it longer than its deadline (plus the request's own time on a busy
    // two-core machine: the full suite measured 2.2 s here with 400 ms pages).
    const first = await overview();
    expect(first.ms).toBeLessThan(PAGE_DEADLINE_MS + 1200);
    const tokyo = first.o.kubernetes.data!.clusters.find(c => c.cluster === CLUSTER)!;
    expect(tokyo.freshness.state).toBe('loading');
    expect(tokyo.freshness.error).toBeUndefined();
    // No workload is shown without its pods (it would read "0 ready").
    expect(tokyo.workloads).toEqual([]);
    expect(first.o.kubernetes.freshness.state).toBe('loading');

    // Views while the listing runs join it: they answer at once and never open the breaker.
    for (let i = 0; i < 3; i++) {
      const again = await overview();
      expect(again.ms).toBeLessThan(PAGE_DEADLINE_MS - 300);
      expect(again.o.kubernetes.data!.clusters.find(c => c.cluster === CLUSTER)!.freshness.state).toMatch(
        /loading|fresh/,
      );
    }

    // One run of the cluster's task (what the scheduler does once per interval).
    const refreshStarted = Date.now();
    await recorder.run(`infra-refresh-kubernetes-${CLUSTER}`);
    // It really was slower than a page may wait.
    const podPages = (sandbox.faults.requestLog.get(`kubernetes/${CLUSTER}`) ?? []).filter(l =>
      l.startsWith('GET /api/v1/pods'),
    );
    expect(podPages.length).toBeGreaterThanOrEqual(4);
    expect(Date.now() - refreshStarted + first.ms).toBeGreaterThan(PAGE_DEADLINE_MS);

    const warm = await overview();
    expect(warm.ms).toBeLessThan(500);
    const tokyoWarm = warm.o.kubernetes.data!.clusters.find(c => c.cluster === CLUSTER)!;
    expect(tokyoWarm.freshness.state).toBe('fresh');
    expect(tokyoWarm.freshness.ageSeconds).toBeLessThanOrEqual(Math.ceil((Date.now() - refreshStarted) / 1000) + 1);
    expect(tokyoWarm.workloads.map(w => w.name)).toEqual(['checkout-service']);
    expect(tokyoWarm.workloads[0].readyReplicas).toBe(tokyoWarm.workloads[0].desiredReplicas);

    const health = (await request(server).get('/api/infra/health').set(auth)).body as InfraHealth;
    const upstream = health.upstreams.find(u => u.name === `kubernetes/${CLUSTER}`)!;
    expect(upstream.breaker).toBe('closed');
    expect(upstream.failures).toBe(0);
    expect(upstream.status).toBe('healthy');
  });

  it('serves the last snapshot with its age while a slow refresh runs', async () => {
    const recorder = recordingScheduler();
    const { server } = await startInfra(recorder.scheduler);
    const route = '/api/infra/entities/component/default/checkout-service/overview';
    await request(server).get(route).set(auth);
    await recorder.run(`infra-refresh-kubernetes-${CLUSTER}`);
    expect((await request(server).get(route).set(auth)).body.kubernetes.freshness.state).toBe('fresh');
    // Past the 30 s ttl of Kubernetes snapshots, with the cluster now slow.
    const realNow = Date.now;
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 31_000);
    try {
      sandbox.faults.set(`kubernetes/${CLUSTER}`, { latencyMs: 2500 });
      // The first view starts the refresh and waits for it up to the page deadline; the next
      // one joins it and answers at once. Both get the old snapshot, with its age.
      const a = await request(server).get(route).set(auth);
      const secondStarted = realNow();
      const b = await request(server).get(route).set(auth);
      expect(realNow() - secondStarted).toBeLessThan(500);
      for (const res of [a, b]) {
        const tokyo = (res.body as EntityOverview).kubernetes.data!.clusters.find(c => c.cluster === CLUSTER)!;
        expect(tokyo.freshness.state).toBe('stale');
        expect(tokyo.freshness.ageSeconds).toBeGreaterThanOrEqual(31);
        expect(tokyo.workloads.map(w => w.name)).toEqual(['checkout-service']);
      }
    } finally {
      spy.mockRestore();
    }
  });
});
