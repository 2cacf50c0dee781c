import {
  ApiException,
  AppsV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  EventsV1Api,
  KubeConfig,
  NetworkingV1Api,
  PolicyV1Api,
  type CoreV1Event,
  type V1Pod,
} from '@kubernetes/client-node';
import { SANDBOX_CREDENTIALS } from '../context';
import { loadContract } from '../contracts/loadContract';
import { DEFAULT_PORTS, startSandbox, type Sandbox, type SandboxPorts } from '../server';
import { fixedClock } from '../world/traffic';

/** 2026-01-15 03:20:00 UTC: the anchor is 03:00, twenty minutes earlier. */
const NOW = Date.UTC(2026, 0, 15, 3, 20, 0) / 1000;
/** Every port 0 (free ports), whatever ports the sandbox has. */
const PORTS = Object.fromEntries(
  Object.entries(DEFAULT_PORTS).map(([key, value]) => [key, Array.isArray(value) ? value.map(() => 0) : 0]),
) as unknown as SandboxPorts;
const TOKEN = SANDBOX_CREDENTIALS.kubernetesToken;
const CLUSTERS = ['aws-tokyo', 'gcp-osaka'] as const;
type ClusterName = (typeof CLUSTERS)[number];
/** How each cloud names its nodes (EKS: the instance's private DNS name; GKE: pool and instance). */
const NODE_NAME: Record<ClusterName, RegExp> = {
  'aws-tokyo': /^ip-10-0-\d+-\d+\.ap-northeast-1\.compute\.internal$/,
  'gcp-osaka': /^gke-osaka-pool-1-[0-9a-f]{8}-\w{4}$/,
};

function clientsFor(url: string, token: string = TOKEN) {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'sandbox', server: url, skipTLSVerify: true }],
    users: [{ name: 'u', token }],
    contexts: [{ name: 'c', cluster: 'sandbox', user: 'u' }],
    currentContext: 'c',
  });
  return {
    apps: kc.makeApiClient(AppsV1Api),
    core: kc.makeApiClient(CoreV1Api),
    autoscaling: kc.makeApiClient(AutoscalingV2Api),
    policy: kc.makeApiClient(PolicyV1Api),
    networking: kc.makeApiClient(NetworkingV1Api),
    events: kc.makeApiClient(EventsV1Api),
  };
}

/** The rejection of a client call, as the ApiException it must be. */
async function apiError(call: Promise<unknown>): Promise<ApiException<unknown>> {
  try {
    await call;
  } catch (e) {
    if (e instanceof ApiException) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

function byService(name: string) {
  return `backstage.io/kubernetes-id=${name}`;
}

let sandbox: Sandbox;
let k8s: Record<ClusterName, ReturnType<typeof clientsFor>>;

async function raw(cluster: ClusterName, path: string, token: string | null = TOKEN) {
  const res = await fetch(`${sandbox.urls.kubernetes[cluster]}${path}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  const text = await res.text();
  const json = (res.headers.get('content-type') ?? '').includes('json');
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    body: json ? JSON.parse(text) : text,
  };
}

beforeAll(async () => {
  sandbox = await startSandbox({ ports: PORTS, clock: fixedClock(NOW) });
  k8s = {
    'aws-tokyo': clientsFor(sandbox.urls.kubernetes['aws-tokyo']),
    'gcp-osaka': clientsFor(sandbox.urls.kubernetes['gcp-osaka']),
  };
});

afterAll(async () => {
  await sandbox?.stop();
});

describe('catalog services in their clusters', () => {
  it.each([
    ['recommendation-service', 'storefront', ['aws-tokyo']],
    ['pricing-service', 'catalog', ['gcp-osaka']],
    ['product-service', 'catalog', ['aws-tokyo', 'gcp-osaka']],
    ['web-storefront', 'storefront', ['aws-tokyo', 'gcp-osaka']],
  ])(
    'finds %s by its backstage.io/kubernetes-id label in %s only where it runs',
    async (service, namespace, clusters) => {
      for (const cluster of CLUSTERS) {
        const { apps, core } = k8s[cluster];
        const deployments = await apps.listNamespacedDeployment({ namespace, labelSelector: byService(service) });
        const pods = await core.listNamespacedPod({ namespace, labelSelector: byService(service) });
        // Found where it runs, absent elsewhere.
        const runsHere = clusters.includes(cluster);
        expect(deployments.items.map(d => d.metadata?.name)).toEqual(runsHere ? [service] : []);
        expect(pods.items.length > 0).toBe(runsHere);
        for (const d of deployments.items) {
          expect(d.metadata?.labels).toMatchObject({
            'app.kubernetes.io/name': service,
            'backstage.io/kubernetes-id': service,
            'app.kubernetes.io/part-of': expect.any(String),
            team: expect.stringMatching(/^team-/),
          });
          expect(pods.items.length).toBeGreaterThanOrEqual(d.spec?.replicas ?? 0);
        }
        for (const pod of pods.items) {
          expect(pod.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', controller: true });
          expect(pod.spec?.nodeName).toMatch(NODE_NAME[cluster]);
          expect(pod.status?.podIP).toMatch(/^10\.\d+\.\d+\.\d+$/);
          expect(pod.status?.startTime).toBeInstanceOf(Date);
        }
      }
    },
  );

  it('keeps a rollout history of ReplicaSets, only the newest scaled up', async () => {
    const { apps } = k8s['aws-tokyo'];
    const [deployment, replicaSets] = await Promise.all([
      apps.readNamespacedDeployment({ namespace: 'checkout', name: 'checkout-service' }),
      apps.listNamespacedReplicaSet({ namespace: 'checkout', labelSelector: byService('checkout-service') }),
    ]);
    const revisions = replicaSets.items
      .map(rs => ({
        revision: Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision']),
        replicas: rs.spec?.replicas,
        image: rs.spec?.template?.spec?.containers[0].image,
        created: rs.metadata?.creationTimestamp?.getTime() ?? 0,
        owner: rs.metadata?.ownerReferences?.[0],
      }))
      .sort((a, b) => a.revision - b.revision);
    expect(revisions.length).toBeGreaterThanOrEqual(2);
    expect(revisions.length).toBeLessThanOrEqual(4);
    const newest = revisions[revisions.length - 1];
    expect(String(newest.revision)).toBe(deployment.metadata?.annotations?.['deployment.kubernetes.io/revision']);
    expect(newest.replicas).toBe(deployment.spec?.replicas);
    expect(revisions.slice(0, -1).every(r => r.replicas === 0)).toBe(true);
    for (const r of revisions) {
      expect(r.image).toMatch(/^registry\.example\.com\/checkout\/checkout-service:v1\.\d+\.0$/);
      expect(r.owner).toMatchObject({ kind: 'Deployment', name: 'checkout-service', uid: deployment.metadata?.uid });
      expect(r.created).toBeLessThan(sandbox.clock.anchor * 1000 - 86400 * 1000);
    }
    expect(revisions.map(r => r.created)).toEqual([...revisions.map(r => r.created)].sort((a, b) => a - b));
  });

  it('serves namespaces for the teams plus kube-system', async () => {
    const aws = await k8s['aws-tokyo'].core.listNamespace();
    const gcp = await k8s['gcp-osaka'].core.listNamespace();
    // product-service (namespace catalog) also runs in aws-tokyo; platform-portal has its own namespace.
    expect(aws.items.map(n => n.metadata?.name)).toEqual([
      'catalog',
      'checkout',
      'identity',
      'kube-system',
      'platform',
      'platform-portal',
      'storefront',
    ]);
    expect(gcp.items.map(n => n.metadata?.name)).toEqual(['catalog', 'data', 'kube-system', 'platform', 'storefront']);
    expect(aws.items.every(n => n.status?.phase === 'Active')).toBe(true);
  });

  it("labels each team's namespace with its owner (platform-portal.io/owner); kube-system has none", async () => {
    const owners = async (cluster: ClusterName) =>
      Object.fromEntries(
        (await k8s[cluster].core.listNamespace()).items.map(n => [
          n.metadata!.name!,
          n.metadata?.labels?.['platform-portal.io/owner'],
        ]),
      );
    expect(await owners('aws-tokyo')).toEqual({
      catalog: 'team-catalog',
      checkout: 'team-checkout',
      identity: 'team-identity',
      'kube-system': undefined,
      platform: 'team-platform',
      'platform-portal': 'team-platform',
      storefront: 'team-storefront',
    });
    expect(await owners('gcp-osaka')).toMatchObject({
      data: 'team-data',
      catalog: 'team-catalog',
      'kube-system': undefined,
    });
    const one = await k8s['gcp-osaka'].core.readNamespace({ name: 'data' });
    expect(one.metadata?.labels).toEqual({
      'kubernetes.io/metadata.name': 'data',
      'platform-portal.io/owner': 'team-data',
      team: 'team-data',
    });
    // Selectable like any label: the namespaces of one team.
    const byOwner = await k8s['aws-tokyo'].core.listNamespace({
      labelSelector: 'platform-portal.io/owner=team-checkout',
    });
    expect(byOwner.items.map(n => n.metadata?.name)).toEqual(['checkout']);
  });

  it.each(CLUSTERS)(
    '%s runs kube-proxy in kube-system, one pod per node on the host network, with a klog log',
    async cluster => {
      const { core } = k8s[cluster];
      const pods = (await core.listNamespacedPod({ namespace: 'kube-system' })).items;
      expect(pods.length).toBe(6);
      expect(new Set(pods.map(p => p.spec?.nodeName)).size).toBe(6);
      for (const pod of pods) {
        expect(pod.metadata?.name).toMatch(/^kube-proxy-\w{5}$/);
        expect(pod.metadata?.labels).toMatchObject({ 'k8s-app': 'kube-proxy', 'pod-template-generation': '1' });
        expect(pod.metadata?.ownerReferences?.[0]).toMatchObject({
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          name: 'kube-proxy',
          controller: true,
        });
        expect(pod.spec?.hostNetwork).toBe(true);
        expect(pod.spec?.priorityClassName).toBe('system-node-critical');
        expect(pod.status?.podIP).toBe(pod.status?.hostIP);
        expect(pod.status?.phase).toBe('Running');
      }
      // Not a workload of any team: no Deployment or StatefulSet in kube-system.
      expect((await k8s[cluster].apps.listNamespacedDeployment({ namespace: 'kube-system' })).items).toEqual([]);
      const name = pods[0].metadata!.name!;
      const log = await core.readNamespacedPodLog({ namespace: 'kube-system', name });
      // Started weeks ago: only the last two hours of rule syncs are left, in klog's format.
      expect(log).toMatch(
        /^I0115 0[1-3]:\d\d:\d\d\.\d{6} +1 proxier\.go:1504\] "SyncProxyRules complete" elapsed="[\d.]+ms"$/m,
      );
      expect(log).not.toContain('Successfully retrieved node IP');
      const res = await raw(cluster, `/api/v1/namespaces/kube-system/pods/${name}/log?tailLines=3`);
      expect(res.status).toBe(200);
      expect(res.contentType).toMatch(/^text\/plain/);
    },
  );

  it('runs events-ingest as a StatefulSet with ordinal pods', async () => {
    const { apps, core } = k8s['gcp-osaka'];
    const set = await apps.readNamespacedStatefulSet({ namespace: 'data', name: 'events-ingest' });
    const pods = await core.listNamespacedPod({ namespace: 'data', labelSelector: byService('events-ingest') });
    expect(pods.items.map(p => p.metadata?.name).sort()).toEqual(
      Array.from({ length: set.spec?.replicas ?? 0 }, (_, i) => `events-ingest-${i}`),
    );
    expect(pods.items[0].metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'events-ingest' });
    const service = await core.readNamespacedService({ namespace: 'data', name: 'events-ingest' });
    expect(service.spec?.clusterIP).toBe('None');
  });

  it('puts Services in front of workloads and Ingresses in front of websites and edge services', async () => {
    const { core, networking } = k8s['aws-tokyo'];
    const service = await core.readNamespacedService({ namespace: 'checkout', name: 'checkout-service' });
    expect(service.spec?.type).toBe('ClusterIP');
    expect(service.spec?.selector).toEqual({ 'app.kubernetes.io/name': 'checkout-service' });
    const ingresses = await networking.listIngressForAllNamespaces();
    expect(ingresses.items.map(i => i.metadata?.name).sort()).toEqual(
      [
        'admin-console',
        'graphql-gateway',
        'mobile-bff',
        'platform-gateway',
        'platform-portal',
        'web-storefront',
      ].sort(),
    );
    const storefront = ingresses.items.find(i => i.metadata?.name === 'web-storefront')!;
    expect(storefront.spec?.rules?.[0].host).toBe('web-storefront.example.com');
    expect(storefront.status?.loadBalancer?.ingress?.[0].hostname).toMatch(/\.elb\.amazonaws\.com$/);
  });
});

describe('seeded scenarios', () => {
  async function podsOf(cluster: ClusterName, namespace: string, service: string): Promise<V1Pod[]> {
    return (await k8s[cluster].core.listNamespacedPod({ namespace, labelSelector: byService(service) })).items;
  }

  async function eventsOf(cluster: ClusterName, namespace: string, name: string): Promise<CoreV1Event[]> {
    return (await k8s[cluster].core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=${name}` }))
      .items;
  }

  it('crashloop: one recommendation-service pod in CrashLoopBackOff with many restarts', async () => {
    const pods = await podsOf('aws-tokyo', 'storefront', 'recommendation-service');
    const crashing = pods.filter(p => p.status?.containerStatuses?.[0].state?.waiting?.reason === 'CrashLoopBackOff');
    expect(crashing).toHaveLength(1);
    const status = crashing[0].status!.containerStatuses![0];
    expect(status.restartCount).toBeGreaterThan(10);
    expect(status.ready).toBe(false);
    expect(status.lastState?.terminated).toMatchObject({ reason: 'Error', exitCode: 1 });
    expect(crashing[0].status?.conditions?.find(c => c.type === 'Ready')?.status).toBe('False');
    expect(pods.filter(p => p !== crashing[0]).every(p => p.status?.containerStatuses?.[0].ready)).toBe(true);

    const events = await eventsOf('aws-tokyo', 'storefront', crashing[0].metadata!.name!);
    const backOff = events.find(e => e.reason === 'BackOff');
    expect(backOff).toMatchObject({
      type: 'Warning',
      involvedObject: { kind: 'Pod', name: crashing[0].metadata?.name },
    });
    expect(backOff?.message).toContain('Back-off restarting failed container recommendation-service');
    expect(backOff?.count).toBeGreaterThan(1);
  });

  it('oomkilled: search-service containers restarted after OOMKilled (exit 137)', async () => {
    const pods = await podsOf('gcp-osaka', 'catalog', 'search-service');
    const killed = pods.filter(p => p.status?.containerStatuses?.[0].lastState?.terminated?.reason === 'OOMKilled');
    expect(killed.length).toBeGreaterThanOrEqual(1);
    for (const pod of killed) {
      const status = pod.status!.containerStatuses![0];
      expect(status.lastState?.terminated?.exitCode).toBe(137);
      expect(status.restartCount).toBeGreaterThan(0);
      expect(status.state?.running).toBeDefined();
    }
    const events = await eventsOf('gcp-osaka', 'catalog', killed[0].metadata!.name!);
    expect(events.filter(e => e.type === 'Warning').map(e => e.reason)).toEqual(
      expect.arrayContaining(['OOMKilling', 'BackOff']),
    );
    expect(events.find(e => e.reason === 'OOMKilling')?.message).toMatch(
      /^Memory cgroup out of memory: Killed process \d+ \(java\)/,
    );
  });

  it('image-pull: the admin-console rollout is stuck on ImagePullBackOff', async () => {
    const { apps } = k8s['aws-tokyo'];
    const deployment = await apps.readNamespacedDeployment({ namespace: 'identity', name: 'admin-console' });
    expect(deployment.status?.updatedReplicas).toBeLessThan(deployment.spec!.replicas!);
    expect(deployment.status?.conditions?.find(c => c.type === 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
    });
    expect(deployment.status?.conditions?.find(c => c.type === 'Available')?.status).toBe('True');

    const replicaSets = await apps.listNamespacedReplicaSet({
      namespace: 'identity',
      labelSelector: byService('admin-console'),
    });
    const active = replicaSets.items.filter(rs => (rs.spec?.replicas ?? 0) > 0);
    expect(active).toHaveLength(2);
    const newest = replicaSets.items.find(
      rs =>
        rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ===
        deployment.metadata?.annotations?.['deployment.kubernetes.io/revision'],
    )!;
    expect(newest.spec?.template?.spec?.containers[0].image).toBe(deployment.spec?.template.spec?.containers[0].image);

    const pods = await podsOf('aws-tokyo', 'identity', 'admin-console');
    const pulling = pods.filter(
      p => p.metadata?.labels?.['pod-template-hash'] === newest.metadata?.labels?.['pod-template-hash'],
    );
    expect(pulling.length).toBe(newest.spec?.replicas);
    for (const pod of pulling) {
      expect(pod.status?.phase).toBe('Pending');
      expect(pod.status?.containerStatuses?.[0].state?.waiting?.reason).toBe('ImagePullBackOff');
    }
    const events = await eventsOf('aws-tokyo', 'identity', pulling[0].metadata!.name!);
    const failed = events.filter(e => e.type === 'Warning' && e.reason === 'Failed').map(e => e.message);
    expect(failed).toEqual(expect.arrayContaining(['Error: ErrImagePull', 'Error: ImagePullBackOff']));
    expect(failed.some(m => m?.startsWith('Failed to pull image "registry.example.com/identity/admin-console:'))).toBe(
      true,
    );
  });

  it('hpa-max: graphql-gateway is pinned at maxReplicas in both clusters', async () => {
    for (const cluster of CLUSTERS) {
      const hpa = await k8s[cluster].autoscaling.readNamespacedHorizontalPodAutoscaler({
        namespace: 'storefront',
        name: 'graphql-gateway',
      });
      expect(hpa.status?.currentReplicas).toBe(hpa.spec?.maxReplicas);
      expect(hpa.status?.desiredReplicas).toBe(hpa.spec?.maxReplicas);
      expect(hpa.status?.conditions?.find(c => c.type === 'ScalingLimited')).toMatchObject({
        status: 'True',
        reason: 'TooManyReplicas',
      });
      const target = hpa.spec?.metrics?.[0].resource?.target.averageUtilization ?? 0;
      expect(target).toBe(70);
      expect(hpa.status?.currentMetrics?.[0].resource?.current.averageUtilization).toBeGreaterThan(target);
    }
    const calm = await k8s['aws-tokyo'].autoscaling.readNamespacedHorizontalPodAutoscaler({
      namespace: 'checkout',
      name: 'checkout-service',
    });
    expect(calm.status?.conditions?.find(c => c.type === 'ScalingLimited')?.reason).not.toBe('TooManyReplicas');
  });

  it('no-probes: fraud-scoring has no probes and no PodDisruptionBudget', async () => {
    const { apps, policy } = k8s['aws-tokyo'];
    const deployment = await apps.readNamespacedDeployment({ namespace: 'checkout', name: 'fraud-scoring' });
    const container = deployment.spec!.template.spec!.containers[0];
    expect(container.readinessProbe).toBeUndefined();
    expect(container.livenessProbe).toBeUndefined();
    expect(container.resources?.requests).toBeDefined();
    const pdbs = await policy.listNamespacedPodDisruptionBudget({ namespace: 'checkout' });
    const names = pdbs.items.map(p => p.metadata?.name);
    expect(names).not.toContain('fraud-scoring');
    expect(names).toEqual(expect.arrayContaining(['cart-service', 'checkout-service', 'payment-service']));
    const other = await apps.readNamespacedDeployment({ namespace: 'checkout', name: 'checkout-service' });
    expect(other.spec?.template.spec?.containers[0].readinessProbe?.httpGet?.path).toBe('/ready');
  });

  it('readiness: one user-profile-service pod is running but not Ready', async () => {
    const pods = await podsOf('aws-tokyo', 'identity', 'user-profile-service');
    const unready = pods.filter(p => p.status?.conditions?.find(c => c.type === 'Ready')?.status === 'False');
    expect(unready).toHaveLength(1);
    expect(unready[0].status?.phase).toBe('Running');
    expect(unready[0].status?.containerStatuses?.[0]).toMatchObject({ ready: false, restartCount: 0 });
    expect(unready[0].status?.containerStatuses?.[0].state?.running).toBeDefined();
    const events = await eventsOf('aws-tokyo', 'identity', unready[0].metadata!.name!);
    expect(events.find(e => e.reason === 'Unhealthy')).toMatchObject({
      type: 'Warning',
      message: expect.stringMatching(/^Readiness probe failed/),
    });
  });

  it('healthy services have no restarts and no warnings', async () => {
    const pods = await podsOf('aws-tokyo', 'checkout', 'checkout-service');
    expect(pods.every(p => p.status?.phase === 'Running' && p.status.containerStatuses?.[0].restartCount === 0)).toBe(
      true,
    );
    const events = await k8s['aws-tokyo'].core.listNamespacedEvent({
      namespace: 'checkout',
      fieldSelector: 'type=Warning',
    });
    expect(events.items).toEqual([]);
  });

  it('strays run without the backstage.io/kubernetes-id label', async () => {
    const aws = await k8s['aws-tokyo'].apps.listDeploymentForAllNamespaces({
      labelSelector: '!backstage.io/kubernetes-id',
    });
    const gcp = await k8s['gcp-osaka'].apps.listDeploymentForAllNamespaces({
      labelSelector: '!backstage.io/kubernetes-id',
    });
    expect(aws.items.map(d => `${d.metadata?.namespace}/${d.metadata?.name}`)).toEqual(['checkout/debug-toolbox']);
    expect(gcp.items.map(d => `${d.metadata?.namespace}/${d.metadata?.name}`)).toEqual(['data/legacy-csv-exporter']);
    const all = await k8s['aws-tokyo'].apps.listDeploymentForAllNamespaces();
    expect(all.items.find(d => d.metadata?.name === 'debug-toolbox')?.metadata?.labels).not.toHaveProperty(
      'backstage.io/kubernetes-id',
    );
  });
});

describe('pod logs', () => {
  async function podNamed(cluster: ClusterName, namespace: string, service: string, pick: (p: V1Pod) => boolean) {
    const pods = await k8s[cluster].core.listNamespacedPod({ namespace, labelSelector: byService(service) });
    const pod = pods.items.find(pick);
    if (!pod) throw new Error(`no matching ${service} pod`);
    return pod.metadata!.name!;
  }

  it('returns the current log as text, honouring tailLines and timestamps', async () => {
    const name = await podNamed('aws-tokyo', 'checkout', 'checkout-service', () => true);
    const { core } = k8s['aws-tokyo'];
    const full = await core.readNamespacedPodLog({ namespace: 'checkout', name });
    expect(full.split('\n').filter(Boolean).length).toBeGreaterThan(50);
    const tail = await core.readNamespacedPodLog({ namespace: 'checkout', name, tailLines: 5, timestamps: true });
    const lines = tail.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \S/);
    // Nothing is logged after the clock's now.
    expect(Date.parse(lines[4].split(' ')[0])).toBeLessThanOrEqual(NOW * 1000);
    // The same history on every read.
    expect(await core.readNamespacedPodLog({ namespace: 'checkout', name })).toBe(full);
    const res = await raw('aws-tokyo', `/api/v1/namespaces/checkout/pods/${name}/log?tailLines=1`);
    expect(res.contentType).toMatch(/^text\/plain/);
  });

  it('shows the crash in the previous log of the CrashLoopBackOff pod', async () => {
    const name = await podNamed('aws-tokyo', 'storefront', 'recommendation-service', p =>
      Boolean(p.status?.containerStatuses?.[0].state?.waiting),
    );
    const previous = await k8s['aws-tokyo'].core.readNamespacedPodLog({
      namespace: 'storefront',
      name,
      previous: true,
    });
    expect(previous).toContain('Traceback (most recent call last):');
    expect(previous).toMatch(/FileNotFoundError/);
    // While it backs off, the current log is the instance that just exited (kubelet behaviour).
    const current = await k8s['aws-tokyo'].core.readNamespacedPodLog({ namespace: 'storefront', name });
    expect(current).toBe(previous);
  });

  it('shows memory pressure before the OOM kill in the previous log', async () => {
    const name = await podNamed('gcp-osaka', 'catalog', 'search-service', p =>
      Boolean(p.status?.containerStatuses?.[0].lastState?.terminated),
    );
    const previous = await k8s['gcp-osaka'].core.readNamespacedPodLog({
      namespace: 'catalog',
      name,
      previous: true,
      tailLines: 20,
    });
    expect(previous).toMatch(/Pause Full .*\(1024M\)/);
    const current = await k8s['gcp-osaka'].core.readNamespacedPodLog({ namespace: 'catalog', name });
    expect(current).toContain('Started Application');
  });

  it('answers 400 for the previous log of a container that never restarted', async () => {
    const name = await podNamed('aws-tokyo', 'checkout', 'checkout-service', () => true);
    const err = await apiError(
      k8s['aws-tokyo'].core.readNamespacedPodLog({ namespace: 'checkout', name, previous: true }),
    );
    expect(err.code).toBe(400);
    expect(JSON.parse(err.body as string)).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'BadRequest',
      code: 400,
      message: `previous terminated container "checkout-service" in pod "${name}" not found`,
    });
  });

  it('answers 400 for a container still waiting for its image, and for an unknown container', async () => {
    const name = await podNamed('aws-tokyo', 'identity', 'admin-console', p => p.status?.phase === 'Pending');
    const err = await apiError(k8s['aws-tokyo'].core.readNamespacedPodLog({ namespace: 'identity', name }));
    expect(err.code).toBe(400);
    expect(JSON.parse(err.body as string).message).toBe(
      `container "admin-console" in pod "${name}" is waiting to start: trying and failing to pull image`,
    );
    const unknown = await apiError(
      k8s['aws-tokyo'].core.readNamespacedPodLog({ namespace: 'identity', name, container: 'sidecar' }),
    );
    expect(JSON.parse(unknown.body as string).message).toBe(`container sidecar is not valid for pod ${name}`);
  });
});

describe('selectors', () => {
  it('supports set-based and inequality label selectors', async () => {
    const { apps } = k8s['aws-tokyo'];
    const names = async (labelSelector: string) =>
      (await apps.listDeploymentForAllNamespaces({ labelSelector })).items.map(d => d.metadata?.name);
    expect(
      await names('app.kubernetes.io/part-of in (payments),app.kubernetes.io/name notin (cart-service,fraud-scoring)'),
    ).toEqual(['checkout-service', 'payment-service']);
    expect(await names('team=team-identity,app.kubernetes.io/name!=auth-service')).toEqual([
      'admin-console',
      'session-service',
      'user-profile-service',
    ]);
    expect(await names('app')).toEqual(['debug-toolbox']);
  });

  it('filters by metadata and involvedObject fields, and rejects unknown fields', async () => {
    const { core, events } = k8s['aws-tokyo'];
    const byName = await core.listPodForAllNamespaces({
      fieldSelector: 'metadata.namespace=identity,status.phase=Pending',
    });
    expect(byName.items.every(p => p.metadata?.namespace === 'identity' && p.status?.phase === 'Pending')).toBe(true);
    expect(byName.items.length).toBeGreaterThan(0);
    const hpaEvents = await core.listEventForAllNamespaces({
      fieldSelector: 'involvedObject.kind=HorizontalPodAutoscaler,involvedObject.name=graphql-gateway',
    });
    expect(hpaEvents.items.map(e => e.reason)).toEqual(['SuccessfulRescale']);
    const v1 = await events.listNamespacedEvent({ namespace: 'identity', fieldSelector: 'regarding.kind=Deployment' });
    expect(v1.items.length).toBeGreaterThan(0);
    expect(v1.items.every(e => e.regarding?.kind === 'Deployment' && Boolean(e.eventTime))).toBe(true);
    const err = await apiError(core.listNamespacedPod({ namespace: 'identity', fieldSelector: 'spec.colour=blue' }));
    expect(err.code).toBe(400);
  });

  it('pages with limit and continue', async () => {
    const { core } = k8s['aws-tokyo'];
    const all = await core.listPodForAllNamespaces();
    const first = await core.listPodForAllNamespaces({ limit: 10 });
    expect(first.items).toHaveLength(10);
    expect(first.metadata?.remainingItemCount).toBe(all.items.length - 10);
    const second = await core.listPodForAllNamespaces({ limit: 500, _continue: first.metadata?._continue });
    expect([...first.items, ...second.items].map(p => p.metadata?.uid)).toEqual(all.items.map(p => p.metadata?.uid));
  });
});

describe('errors', () => {
  it('answers 401 with a Status without the token or with a wrong one', async () => {
    const wrong = clientsFor(sandbox.urls.kubernetes['aws-tokyo'], 'not-the-token');
    const err = await apiError(wrong.apps.listDeploymentForAllNamespaces());
    expect(err.code).toBe(401);
    const res = await raw('aws-tokyo', '/apis/apps/v1/deployments', null);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
  });

  it('answers 404 NotFound for an unknown deployment', async () => {
    const err = await apiError(
      k8s['aws-tokyo'].apps.readNamespacedDeployment({ namespace: 'checkout', name: 'no-such-service' }),
    );
    expect(err.code).toBe(404);
    expect(JSON.parse(err.body as string)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "no-such-service" not found',
      reason: 'NotFound',
      details: { name: 'no-such-service', group: 'apps', kind: 'deployments' },
      code: 404,
    });
    // A service that only runs in the other cluster is not found here either.
    const elsewhere = await apiError(
      k8s['aws-tokyo'].apps.readNamespacedDeployment({ namespace: 'catalog', name: 'pricing-service' }),
    );
    expect(elsewhere.code).toBe(404);
  });

  it('answers 404 for unknown resources and 400 for bad selectors', async () => {
    const unknown = await raw('aws-tokyo', '/apis/apps/v1/namespaces/checkout/daemonsets');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ kind: 'Status', reason: 'NotFound' });
    const bad = await raw('aws-tokyo', `/api/v1/pods?labelSelector=${encodeURIComponent('team in (a')}`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 });
  });

  it('refuses writes: the sandbox token can only read', async () => {
    const res = await fetch(
      `${sandbox.urls.kubernetes['aws-tokyo']}/apis/apps/v1/namespaces/checkout/deployments/cart-service`,
      {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${TOKEN}` },
      },
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ kind: 'Status', reason: 'Forbidden', code: 403 });
  });

  it('serves /version without credentials and discovery with them', async () => {
    const version = await raw('gcp-osaka', '/version', null);
    expect(version.body).toMatchObject({ major: '1', gitVersion: expect.stringMatching(/-gke\./) });
    expect((await raw('aws-tokyo', '/api')).body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = (await raw('aws-tokyo', '/apis')).body as { groups: Array<{ name: string }> };
    expect(groups.groups.map(g => g.name)).toEqual(
      expect.arrayContaining(['apps', 'autoscaling', 'policy', 'networking.k8s.io', 'events.k8s.io']),
    );
    expect((await raw('aws-tokyo', '/api', null)).status).toBe(401);
  });
});

describe('determinism', () => {
  const LISTS = [
    '/api/v1/namespaces',
    '/api/v1/pods',
    '/api/v1/services',
    '/api/v1/events',
    '/apis/apps/v1/deployments',
    '/apis/apps/v1/replicasets',
    '/apis/apps/v1/statefulsets',
    '/apis/events.k8s.io/v1/events',
    '/apis/policy/v1/poddisruptionbudgets',
    '/apis/autoscaling/v2/horizontalpodautoscalers',
    '/apis/networking.k8s.io/v1/ingresses',
  ];

  it('gives identical lists in two sandboxes with the same clock', async () => {
    const other = await startSandbox({ ports: PORTS, clock: fixedClock(NOW) });
    try {
      for (const cluster of CLUSTERS) {
        for (const path of LISTS) {
          const a = await raw(cluster, path);
          const res = await fetch(`${other.urls.kubernetes[cluster]}${path}`, {
            headers: { Authorization: `Bearer ${TOKEN}` },
          });
          expect(await res.json()).toEqual(a.body);
        }
      }
    } finally {
      await other.stop();
    }
  });

  it('keeps the objects stable within the hour; the anchor is what they hang from', async () => {
    const later = await startSandbox({ ports: PORTS, clock: fixedClock(NOW + 25 * 60) });
    try {
      const res = await fetch(`${later.urls.kubernetes['aws-tokyo']}/api/v1/pods`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      expect(await res.json()).toEqual((await raw('aws-tokyo', '/api/v1/pods')).body);
    } finally {
      await later.stop();
    }
  });
});

const contract = loadContract('kubernetes');
if (!contract) {
  // eslint-disable-next-line no-console
  console.warn('Kubernetes contract tests skipped: ../shared/contracts/kubernetes.json is absent');
}
const describeContract = contract ? describe : describe.skip;

describeContract('contract (kubernetes.json)', () => {
  /** Paths the cut-down document does not describe. */
  const UNDOCUMENTED = new Set(['/version', '/version/', '/api', '/apis']);

  beforeAll(() => {
    sandbox.faults.resetCounts();
  });

  /** The request the client just sent, fetched again raw and validated against the document. */
  async function validateLast(cluster: ClusterName): Promise<string[]> {
    const log = sandbox.faults.requestLog.get(`kubernetes/${cluster}`) ?? [];
    const last = log[log.length - 1];
    const path = last.slice(last.indexOf(' ') + 1);
    const res = await raw(cluster, path);
    expect(res.status).toBe(200);
    return contract!.validateResponse('GET', path, res.status, res.body);
  }

  type Call = [string, (c: ReturnType<typeof clientsFor>) => Promise<unknown>];
  const podName = async (cluster: ClusterName, namespace: string, service: string) =>
    (
      await k8s[cluster].core.listNamespacedPod({
        namespace,
        labelSelector: byService(service),
        fieldSelector: 'status.phase=Running',
      })
    ).items[0].metadata!.name!;
  const eventName = async (cluster: ClusterName, namespace: string) =>
    (await k8s[cluster].core.listNamespacedEvent({ namespace })).items[0].metadata!.name!;

  const calls = (cluster: ClusterName, ns: string, svc: string): Call[] => [
    ['listCoreV1Namespace', c => c.core.listNamespace()],
    ['readCoreV1Namespace', c => c.core.readNamespace({ name: ns })],
    ['readCoreV1NamespaceStatus', c => c.core.readNamespaceStatus({ name: ns })],
    ['listAppsV1DeploymentForAllNamespaces', c => c.apps.listDeploymentForAllNamespaces()],
    [
      'listAppsV1NamespacedDeployment',
      c => c.apps.listNamespacedDeployment({ namespace: ns, labelSelector: byService(svc) }),
    ],
    ['readAppsV1NamespacedDeployment', c => c.apps.readNamespacedDeployment({ namespace: ns, name: svc })],
    ['readAppsV1NamespacedDeploymentStatus', c => c.apps.readNamespacedDeploymentStatus({ namespace: ns, name: svc })],
    ['listAppsV1ReplicaSetForAllNamespaces', c => c.apps.listReplicaSetForAllNamespaces()],
    [
      'listAppsV1NamespacedReplicaSet',
      c => c.apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: byService(svc), limit: 2 }),
    ],
    [
      'readAppsV1NamespacedReplicaSet',
      async c => {
        const rs = (await c.apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: byService(svc) })).items[0];
        return c.apps.readNamespacedReplicaSet({ namespace: ns, name: rs.metadata!.name! });
      },
    ],
    [
      'readAppsV1NamespacedReplicaSetStatus',
      async c => {
        const rs = (await c.apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: byService(svc) })).items[0];
        return c.apps.readNamespacedReplicaSetStatus({ namespace: ns, name: rs.metadata!.name! });
      },
    ],
    ['listAppsV1StatefulSetForAllNamespaces', c => c.apps.listStatefulSetForAllNamespaces()],
    ['listCoreV1PodForAllNamespaces', c => c.core.listPodForAllNamespaces()],
    [
      'listCoreV1NamespacedPod',
      c => c.core.listNamespacedPod({ namespace: ns, fieldSelector: 'status.phase=Running' }),
    ],
    [
      'readCoreV1NamespacedPod',
      async c => c.core.readNamespacedPod({ namespace: ns, name: await podName(cluster, ns, svc) }),
    ],
    [
      'readCoreV1NamespacedPodStatus',
      async c => c.core.readNamespacedPodStatus({ namespace: ns, name: await podName(cluster, ns, svc) }),
    ],
    [
      'readCoreV1NamespacedPodLog',
      async c =>
        c.core.readNamespacedPodLog({
          namespace: ns,
          name: await podName(cluster, ns, svc),
          container: svc,
          tailLines: 20,
          timestamps: true,
        }),
    ],
    ['listCoreV1ServiceForAllNamespaces', c => c.core.listServiceForAllNamespaces()],
    ['listCoreV1NamespacedService', c => c.core.listNamespacedService({ namespace: ns })],
    ['readCoreV1NamespacedService', c => c.core.readNamespacedService({ namespace: ns, name: svc })],
    ['readCoreV1NamespacedServiceStatus', c => c.core.readNamespacedServiceStatus({ namespace: ns, name: svc })],
    ['listCoreV1EventForAllNamespaces', c => c.core.listEventForAllNamespaces()],
    ['listCoreV1NamespacedEvent', c => c.core.listNamespacedEvent({ namespace: ns, fieldSelector: 'type=Warning' })],
    [
      'readCoreV1NamespacedEvent',
      async c => c.core.readNamespacedEvent({ namespace: ns, name: await eventName(cluster, ns) }),
    ],
    ['listEventsV1EventForAllNamespaces', c => c.events.listEventForAllNamespaces()],
    ['listEventsV1NamespacedEvent', c => c.events.listNamespacedEvent({ namespace: ns })],
    [
      'readEventsV1NamespacedEvent',
      async c => c.events.readNamespacedEvent({ namespace: ns, name: await eventName(cluster, ns) }),
    ],
    ['listPolicyV1PodDisruptionBudgetForAllNamespaces', c => c.policy.listPodDisruptionBudgetForAllNamespaces()],
    ['listPolicyV1NamespacedPodDisruptionBudget', c => c.policy.listNamespacedPodDisruptionBudget({ namespace: ns })],
    [
      'readPolicyV1NamespacedPodDisruptionBudget',
      c => c.policy.readNamespacedPodDisruptionBudget({ namespace: ns, name: svc }),
    ],
    [
      'readPolicyV1NamespacedPodDisruptionBudgetStatus',
      c => c.policy.readNamespacedPodDisruptionBudgetStatus({ namespace: ns, name: svc }),
    ],
    [
      'listAutoscalingV2HorizontalPodAutoscalerForAllNamespaces',
      c => c.autoscaling.listHorizontalPodAutoscalerForAllNamespaces(),
    ],
    [
      'listAutoscalingV2NamespacedHorizontalPodAutoscaler',
      c => c.autoscaling.listNamespacedHorizontalPodAutoscaler({ namespace: ns }),
    ],
    [
      'readAutoscalingV2NamespacedHorizontalPodAutoscaler',
      c => c.autoscaling.readNamespacedHorizontalPodAutoscaler({ namespace: ns, name: svc }),
    ],
    [
      'readAutoscalingV2NamespacedHorizontalPodAutoscalerStatus',
      c => c.autoscaling.readNamespacedHorizontalPodAutoscalerStatus({ namespace: ns, name: svc }),
    ],
    ['listNetworkingV1IngressForAllNamespaces', c => c.networking.listIngressForAllNamespaces()],
  ];

  // aws-tokyo: the stuck rollout and the crashloop live here; gcp-osaka: OOM kills and the StatefulSet.
  describe.each([
    ['aws-tokyo', 'identity', 'admin-console'],
    ['gcp-osaka', 'storefront', 'graphql-gateway'],
  ] as Array<[ClusterName, string, string]>)('%s', (cluster, ns, svc) => {
    it.each(calls(cluster, ns, svc))('%s answers what the document describes', async (operationId, call) => {
      await call(k8s[cluster]);
      const log = sandbox.faults.requestLog.get(`kubernetes/${cluster}`) ?? [];
      const last = log[log.length - 1];
      expect(contract!.match('GET', last.slice(4).split('?')[0])?.operationId).toBe(operationId);
      expect(await validateLast(cluster)).toEqual([]);
    });
  });

  it.each([
    [
      'listAppsV1NamespacedStatefulSet',
      (c: ReturnType<typeof clientsFor>) => c.apps.listNamespacedStatefulSet({ namespace: 'data' }),
    ],
    [
      'readAppsV1NamespacedStatefulSet',
      (c: ReturnType<typeof clientsFor>) =>
        c.apps.readNamespacedStatefulSet({ namespace: 'data', name: 'events-ingest' }),
    ],
    [
      'readAppsV1NamespacedStatefulSetStatus',
      (c: ReturnType<typeof clientsFor>) =>
        c.apps.readNamespacedStatefulSetStatus({ namespace: 'data', name: 'events-ingest' }),
    ],
    [
      'listNetworkingV1NamespacedIngress',
      (c: ReturnType<typeof clientsFor>) => c.networking.listNamespacedIngress({ namespace: 'storefront' }),
    ],
    [
      'readNetworkingV1NamespacedIngress',
      (c: ReturnType<typeof clientsFor>) =>
        c.networking.readNamespacedIngress({ namespace: 'storefront', name: 'web-storefront' }),
    ],
    [
      'readNetworkingV1NamespacedIngressStatus',
      (c: ReturnType<typeof clientsFor>) =>
        c.networking.readNamespacedIngressStatus({ namespace: 'storefront', name: 'web-storefront' }),
    ],
  ])('gcp-osaka %s answers what the document describes', async (operationId, call) => {
    await call(k8s['gcp-osaka']);
    const log = sandbox.faults.requestLog.get('kubernetes/gcp-osaka') ?? [];
    expect(contract!.match('GET', log[log.length - 1].slice(4).split('?')[0])?.operationId).toBe(operationId);
    expect(await validateLast('gcp-osaka')).toEqual([]);
  });

  it('validates every object of both clusters, and the 401 answer', async () => {
    const counts = new Map<string, number>();
    for (const cluster of CLUSTERS) {
      for (const path of [
        '/api/v1/namespaces',
        '/api/v1/pods',
        '/api/v1/services',
        '/api/v1/events',
        '/apis/apps/v1/deployments',
        '/apis/apps/v1/replicasets',
        '/apis/apps/v1/statefulsets',
        '/apis/events.k8s.io/v1/events',
        '/apis/policy/v1/poddisruptionbudgets',
        '/apis/autoscaling/v2/horizontalpodautoscalers',
        '/apis/networking.k8s.io/v1/ingresses',
      ]) {
        const res = await raw(cluster, path);
        counts.set(path, (counts.get(path) ?? 0) + (res.body as { items: unknown[] }).items.length);
        expect({ path, errors: contract!.validateResponse('GET', path, res.status, res.body) }).toEqual({
          path,
          errors: [],
        });
      }
    }
    // Every kind has objects in at least one cluster (StatefulSets only run in gcp-osaka).
    expect([...counts].filter(([, n]) => n === 0)).toEqual([]);
    const denied = await raw('aws-tokyo', '/apis/apps/v1/deployments', null);
    expect(contract!.validateResponse('GET', '/apis/apps/v1/deployments', denied.status, denied.body)).toEqual([]);
  });

  it('saw only documented requests from the client', () => {
    const sent = CLUSTERS.flatMap(cluster => sandbox.faults.requestLog.get(`kubernetes/${cluster}`) ?? []);
    expect(sent.length).toBeGreaterThan(40);
    const problems = sent
      .map(entry => {
        const [method, url] = [entry.slice(0, entry.indexOf(' ')), entry.slice(entry.indexOf(' ') + 1)];
        if (UNDOCUMENTED.has(url.split('?')[0])) return [];
        return contract!.checkRequest(method, url).map(p => `${entry}: ${p}`);
      })
      .flat();
    expect(problems).toEqual([]);
  });
});
