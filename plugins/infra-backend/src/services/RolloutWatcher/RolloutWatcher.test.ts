import { mockServices } from '@backstage/backend-test-utils';
import type { InfraService, KubeReplicaSet, KubeWorkload } from '@internal/plugin-infra-node';
import type { NewRollout, RolloutStore } from '../../database/RolloutStore';
import { RolloutWatcher } from './RolloutWatcher';

const deployment = (revision: string): KubeWorkload => ({
  kind: 'Deployment',
  name: 'cart-service',
  namespace: 'checkout',
  labels: {},
  annotations: {},
  replicas: 2,
  readyReplicas: 2,
  updatedReplicas: 2,
  availableReplicas: 2,
  podLabels: { app: 'cart-service' },
  selector: { app: 'cart-service' },
  containers: [
    {
      name: 'app',
      image: `registry.example.com/cart-service:v${revision}`,
      hasReadinessProbe: true,
      hasLivenessProbe: true,
    },
  ],
  conditions: [],
  revision,
});

const replicaSet = (revision: string, createdAt: string): KubeReplicaSet => ({
  name: `cart-service-${revision}`,
  namespace: 'checkout',
  labels: {},
  annotations: {},
  createdAt,
  owner: { kind: 'Deployment', name: 'cart-service' },
  revision,
  replicas: 2,
  readyReplicas: 2,
  images: [],
});

/** A watcher over scripted snapshots and an in-memory record of revisions and rollouts. */
function setup() {
  const snapshots: {
    workloads: { data: KubeWorkload[]; fetchedAt: string };
    replicasets: { data: KubeReplicaSet[]; fetchedAt: string };
  } = {
    workloads: { data: [], fetchedAt: '' },
    replicasets: { data: [], fetchedAt: '' },
  };
  const infra = {
    kubernetesResources: async (_cluster: string, kind: 'workloads' | 'replicasets') => ({
      data: snapshots[kind].data,
      freshness: { state: 'fresh', fetchedAt: snapshots[kind].fetchedAt },
    }),
  } as unknown as InfraService;
  const revisions = new Map<string, number>();
  const rollouts: NewRollout[] = [];
  const store = {
    revisions: async () => new Map(revisions),
    recordFirstSight: async (_c: string, seen: Array<{ namespace: string; name: string; revision: number }>) => {
      for (const s of seen) revisions.set(`${s.namespace}/${s.name}`, s.revision);
    },
    recordRollout: async (r: NewRollout) => {
      revisions.set(`${r.namespace}/${r.name}`, r.revision);
      rollouts.push(r);
    },
  } as unknown as RolloutStore;
  const watcher = new RolloutWatcher({
    store,
    infra,
    catalog: {} as any,
    auth: {} as any,
    logger: mockServices.logger.mock(),
    options: { changeEvents: false, maxAttempts: 5, retryDelayMs: 60_000, leaseMs: 300_000 },
  });
  return { snapshots, watcher, rollouts };
}

describe('RolloutWatcher.detect', () => {
  it("dates a rollout by its new ReplicaSet, waiting for a ReplicaSet listing as new as the Deployments'", async () => {
    const { snapshots, watcher, rollouts } = setup();
    snapshots.workloads = { data: [deployment('7')], fetchedAt: '2026-12-06T10:00:00.000Z' };
    snapshots.replicasets = {
      data: [replicaSet('7', '2026-12-01T09:00:00.000Z')],
      fetchedAt: '2026-12-06T10:00:00.000Z',
    };
    await watcher.detect('aws-tokyo', new Date('2026-12-06T10:00:01Z'));
    expect(rollouts).toEqual([]);

    // The Deployments' next listing has revision 8; the ReplicaSets' listing is older and lacks it.
    snapshots.workloads = { data: [deployment('8')], fetchedAt: '2026-12-06T10:00:15.000Z' };
    await watcher.detect('aws-tokyo', new Date('2026-12-06T10:00:16Z'));
    // Before: recorded at once, dated 10:00:16 (this pass) instead of when the rollout started.
    expect(rollouts).toEqual([]);

    snapshots.replicasets = {
      data: [replicaSet('7', '2026-12-01T09:00:00.000Z'), replicaSet('8', '2026-12-06T10:00:12.000Z')],
      fetchedAt: '2026-12-06T10:00:30.000Z',
    };
    await watcher.detect('aws-tokyo', new Date('2026-12-06T10:00:31Z'));
    expect(rollouts).toHaveLength(1);
    expect(rollouts[0]).toMatchObject({ revision: 8, previousRevision: 7, at: '2026-12-06T10:00:12.000Z' });
  });

  it('records the pass time when a ReplicaSet listing as new as the Deployments has no ReplicaSet for it', async () => {
    const { snapshots, watcher, rollouts } = setup();
    snapshots.workloads = { data: [deployment('7')], fetchedAt: '2026-12-06T10:00:00.000Z' };
    snapshots.replicasets = { data: [], fetchedAt: '2026-12-06T10:00:00.000Z' };
    await watcher.detect('aws-tokyo', new Date('2026-12-06T10:00:01Z'));
    snapshots.workloads = { data: [deployment('8')], fetchedAt: '2026-12-06T10:00:15.000Z' };
    snapshots.replicasets = { data: [], fetchedAt: '2026-12-06T10:00:15.000Z' };
    await watcher.detect('aws-tokyo', new Date('2026-12-06T10:00:16Z'));
    expect(rollouts).toHaveLength(1);
    expect(rollouts[0].at).toBe('2026-12-06T10:00:16.000Z');
  });
});
