import { startSandbox, type Sandbox } from '@internal/sandbox';
import fs from 'node:fs';
import {
  REDIS_SERVER,
  startPortalProcess,
  startRedis,
  testPostgresUrl,
  type PortalProcess,
  type RedisServer,
} from '../testing/portalProcess';

/**
 * Scale-out: two real backend processes (every plugin) on one PostgreSQL database and one Redis
 * cache, with the sandbox behind both. Checks what breaks first when the portal runs with more than
 * one replica: data written through one replica is read through the other, background tasks run
 * once per interval across both, the upstream cache is shared, and concurrent edits lose nothing.
 */
const pgUrl = testPostgresUrl();
const haveRedis = fs.existsSync(REDIS_SERVER);
const ready = Boolean(pgUrl && haveRedis);
if (!ready) {
  const missing = [!pgUrl && 'PostgreSQL (run through npm test)', !haveRedis && REDIS_SERVER].filter(Boolean);
  if (process.env.CI) {
    test('scale-out prerequisites', () => {
      throw new Error(`scale-out test needs ${missing.join(' and ')}`);
    });
  } else {
    // eslint-disable-next-line no-console
    console.warn(`scale-out test skipped: ${missing.join(' and ')} missing`);
  }
}

const TASK_SECONDS = 10;

(ready ? describe : describe.skip)('two backend processes on one PostgreSQL and Redis', () => {
  jest.setTimeout(300_000);
  let sandbox: Sandbox;
  let redis: RedisServer;
  let a: PortalProcess;
  let b: PortalProcess;

  beforeAll(async () => {
    sandbox = await startSandbox({
      ports: { admin: 0, datadog: 0, pagerduty: 0, pagerdutyEvents: 0, kubernetes: [0, 0], github: 0 },
    });
    redis = await startRedis();
    const prefix = `scaleout_${process.pid}_${Date.now() % 100000}_`;
    const config = {
      backend: {
        database: { client: 'pg', connection: pgUrl, prefix },
        cache: { store: 'redis', connection: redis.url },
      },
      // The fleet snapshots' refresh tasks (one per cluster, Datadog, PagerDuty) at the same interval.
      infra: { ...sandbox.infraConfig(), refresh: { intervalSeconds: TASK_SECONDS } },
      // The catalog from the sandbox's GitHub.
      ...sandbox.githubConfig(),
      slo: { refresh: { frequency: { seconds: TASK_SECONDS } } },
      prr: { schedule: { frequencyMinutes: TASK_SECONDS / 60, initialDelaySeconds: 5 } },
      support: { sla: { checkFrequencyMinutes: TASK_SECONDS / 60 } },
    };
    // One after the other: the first creates the databases and runs the migrations.
    a = await startPortalProcess({ name: 'a', config });
    b = await startPortalProcess({ name: 'b', config });
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
    await sandbox?.stop();
  });

  const call = async (p: PortalProcess, method: string, route: string, body?: unknown) => {
    const res = await fetch(`${p.url}${route}`, {
      method,
      headers: {
        Authorization: `Bearer ${await p.guestToken()}`,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

  it('reads through one replica what was written through the other', async () => {
    const put = await call(a, 'PUT', '/api/user-settings/buckets/portal/keys/scale-out', { value: 'from-a' });
    expect(put.status).toBe(200);
    const got = await call(b, 'GET', '/api/user-settings/buckets/portal/keys/scale-out');
    expect(got).toMatchObject({ status: 200, body: { value: 'from-a' } });
  });

  it('shares the upstream cache through Redis: B answers from what A fetched while every upstream fails', async () => {
    const route = '/api/infra/entities/component/default/checkout-service/overview';
    const fromA = await call(a, 'GET', route);
    expect(fromA.status).toBe(200);
    expect(fromA.body.kubernetes.freshness.state).toBe('fresh');
    expect(await redis.dbsize()).toBeGreaterThan(0);
    // Every simulated upstream now answers 500. B has never read this entity itself, so the only
    // way its answer can still be fresh is the entry A wrote to Redis. (Background tasks keep
    // running meanwhile; they cannot refresh anything while the upstreams fail.)
    const targets = ['kubernetes/aws-tokyo', 'kubernetes/gcp-osaka', 'datadog', 'pagerduty'];
    for (const target of targets) sandbox.faults.set(target, { status: 500 });
    try {
      const fromB = await call(b, 'GET', route);
      expect(fromB.status).toBe(200);
      expect(fromB.body.kubernetes.freshness.state).toBe('fresh');
      // The same clusters and workloads. Each cluster's age is computed when answered, and a refresh
      // that A's read had started may land just before the faults: B's copy is then as new or newer.
      type Cluster = { cluster: string; freshness: { fetchedAt: string } };
      const withoutAge = (data: { clusters: Cluster[] }) =>
        JSON.parse(
          JSON.stringify(data, (key, value) => (key === 'ageSeconds' || key === 'fetchedAt' ? undefined : value)),
        );
      expect(withoutAge(fromB.body.kubernetes.data)).toEqual(withoutAge(fromA.body.kubernetes.data));
      const fetchedA = new Map<string, string>(
        fromA.body.kubernetes.data.clusters.map((c: Cluster) => [c.cluster, c.freshness.fetchedAt]),
      );
      for (const c of fromB.body.kubernetes.data.clusters as Cluster[]) {
        expect(Date.parse(c.freshness.fetchedAt)).toBeGreaterThanOrEqual(Date.parse(fetchedA.get(c.cluster)!));
      }
    } finally {
      sandbox.faults.clear();
    }
  });

  it('runs each global scheduled task once per interval across both processes', async () => {
    const tasks = [
      'slo-refresh',
      'prr-evaluate-all',
      'support-sla-events',
      'infra-refresh-datadog',
      'infra-refresh-kubernetes-aws-tokyo',
    ];
    const runs = async () => {
      const counts: Record<string, number> = {};
      for (const task of tasks) {
        counts[task] =
          (await a.metric('portal_scheduled_task_runs_total', { task })) +
          (await b.metric('portal_scheduled_task_runs_total', { task }));
      }
      return counts;
    };
    // Wait for the first runs, then measure whole intervals.
    const t0 = Date.now();
    while (Object.values(await runs()).some(n => n === 0) && Date.now() - t0 < 90_000) {
      await new Promise(r => setTimeout(r, 1000));
    }
    const before = await runs();
    const windowSeconds = TASK_SECONDS * 4;
    await new Promise(r => setTimeout(r, windowSeconds * 1000));
    const after = await runs();
    // eslint-disable-next-line no-console
    console.log(
      `global tasks over ${windowSeconds} s at a ${TASK_SECONDS} s interval, runs across both replicas: ${tasks
        .map(task => `${task} ${after[task] - before[task]}`)
        .join(', ')}`,
    );
    for (const task of tasks) {
      const ran = after[task] - before[task];
      // Once per interval: 4 intervals give 3 to 5 runs (scheduler polling jitter); running on both
      // replicas would give about 8.
      expect({ task, ran }).toEqual({ task, ran: expect.any(Number) });
      expect(ran).toBeGreaterThanOrEqual(3);
      expect(ran).toBeLessThanOrEqual(5);
    }
  });

  it('loses no postmortem edit made through both processes', async () => {
    const created = await call(a, 'POST', '/api/postmortem/postmortems', {
      entityRef: 'component:default/checkout-service',
      title: 'Edited through two replicas',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const base = created.body.revision;

    // Ten saves from the same revision at once, alternating replicas: one wins, nine get 409.
    const racing = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(i % 2 ? b : a, 'PUT', `/api/postmortem/postmortems/${id}`, {
          baseRevision: base,
          document: `# Summary\n\nsave ${i}`,
        }),
      ),
    );
    const statuses = racing.map(r => r.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(409)]);
    const winner = racing.find(r => r.status === 200)!.body;
    for (const loser of racing.filter(r => r.status === 409)) {
      // The refusal says which revision is current, so the client can merge its text.
      expect(JSON.stringify(loser.body)).toContain(String(winner.revision));
    }

    // Then edits take turns between the replicas, each from the revision the other returned.
    let revision = winner.revision;
    for (let i = 0; i < 6; i++) {
      const saved = await call(i % 2 ? a : b, 'PUT', `/api/postmortem/postmortems/${id}`, {
        baseRevision: revision,
        document: `# Summary\n\nturn ${i}`,
      });
      expect(saved.status).toBe(200);
      expect(saved.body.revision).toBe(revision + 1);
      revision = saved.body.revision;
    }
    const fromA = await call(a, 'GET', `/api/postmortem/postmortems/${id}`);
    const fromB = await call(b, 'GET', `/api/postmortem/postmortems/${id}`);
    expect(fromA.body.revision).toBe(revision);
    expect(fromB.body.document).toBe('# Summary\n\nturn 5');
    // Every accepted save is a revision of its own: the create, the race winner, six turns.
    const revisions = await call(b, 'GET', `/api/postmortem/postmortems/${id}/revisions`);
    expect(revisions.status).toBe(200);
    const list = Array.isArray(revisions.body) ? revisions.body : revisions.body.items ?? revisions.body.revisions;
    expect(list.length).toBe(revision - base + 1);
  });
});
