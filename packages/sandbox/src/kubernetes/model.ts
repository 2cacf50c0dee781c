import type { Cluster, Service, StrayWorkload, World } from '../world/types';
import { DAY, HOUR, pick, sha256, suffix, uidFor } from './ids';

/**
 * The cluster as a set of plain facts (workloads, rollout history, pods and what is wrong with
 * them), built once from the world and the clock anchor. The Kubernetes objects, events and logs
 * are all rendered from this model, so they always tell the same story.
 */

export type Labels = Record<string, string>;

export interface NodeModel {
  name: string;
  ip: string;
  zone: string;
  /** Pod IPs on this node share a prefix (the node's secondary range / pod CIDR). */
  podPrefix: string;
}

export interface RevisionModel {
  /** `deployment.kubernetes.io/revision` (1-based, newest highest). */
  number: number;
  /** `pod-template-hash` or the StatefulSet's `controller-revision-hash` suffix. */
  hash: string;
  /** ReplicaSet name, or the ControllerRevision name for StatefulSets. */
  name: string;
  uid: string;
  version: string;
  image: string;
  created: number;
  /** Pods this revision should run (spec.replicas of the ReplicaSet). */
  replicas: number;
}

/** A terminated container instance (`lastState.terminated`). */
export interface TerminatedRun {
  reason: 'Error' | 'OOMKilled' | 'Completed';
  exitCode: number;
  signal?: number;
  startedAt: number;
  finishedAt: number;
  containerId: string;
}

export type ContainerState = { running: { startedAt: number } } | { waiting: { reason: string; message: string } };

export interface ContainerModel {
  name: string;
  image: string;
  /** Empty until the image has been pulled. */
  imageID: string;
  containerId?: string;
  restartCount: number;
  state: ContainerState;
  lastTerminated?: TerminatedRun;
  ready: boolean;
  started: boolean;
}

/** What the seeded scenarios did to a pod; events and logs are derived from it. */
export type PodIncident =
  | { kind: 'crashloop'; since: number }
  | { kind: 'oomkilled'; kills: number[] }
  | { kind: 'image-pull'; since: number }
  | { kind: 'readiness'; since: number };

export interface PodModel {
  name: string;
  uid: string;
  namespace: string;
  labels: Labels;
  owner: { kind: 'ReplicaSet' | 'StatefulSet' | 'DaemonSet'; name: string; uid: string };
  revision: RevisionModel;
  node: NodeModel;
  ip: string;
  created: number;
  phase: 'Running' | 'Pending';
  /** When the pod became Ready, or undefined while it is not Ready. */
  readySince?: number;
  /** When the pod stopped being Ready (or was created, if it never was). */
  notReadySince?: number;
  containers: ContainerModel[];
  incident?: PodIncident;
}

export interface ContainerSpecModel {
  name: string;
  ports: Array<{ name: string; containerPort: number }>;
  probes: boolean;
  resources?: { requests: Labels; limits: Labels };
  command?: string[];
  /** The `production-ready` scenario: preStop hook, non-root, a Secret reference. */
  hardened?: boolean;
}

export interface AutoscalerModel {
  min: number;
  max: number;
  current: number;
  desired: number;
  /** Average CPU utilisation, percent of requests. */
  cpu: number;
  lastScaleTime: number;
}

export interface WorkloadModel {
  /** DaemonSets are the provider's add-ons in kube-system only (not served: pods only). */
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  name: string;
  namespace: string;
  uid: string;
  /** The catalog service, or undefined for a stray workload. */
  service?: Service;
  stray?: StrayWorkload;
  /** A cluster add-on the provider installs in kube-system (kube-proxy): one pod per node. */
  addon?: boolean;
  labels: Labels;
  selector: Labels;
  replicas: number;
  created: number;
  container: ContainerSpecModel;
  /** Rollout history, oldest first; the last one is the one the spec asks for. */
  revisions: RevisionModel[];
  pods: PodModel[];
  /** A rollout that has not finished: `from` still serves while `to` fails. */
  rollout?: { from: RevisionModel; to: RevisionModel; started: number; removed: string[] };
  autoscaler?: AutoscalerModel;
  /** Catalog services get a Service object; strays and workers do not. */
  exposed: boolean;
  /** Websites and edge services are reachable from the internet through an Ingress. */
  public: boolean;
  pdb: boolean;
}

export interface NamespaceModel {
  name: string;
  uid: string;
  created: number;
  team?: string;
}

export interface ClusterModel {
  cluster: Cluster;
  anchor: number;
  nodes: NodeModel[];
  namespaces: NamespaceModel[];
  workloads: WorkloadModel[];
}

/** When the clusters were created: every object is younger. */
const CLUSTER_AGE_DAYS = 420;

const CONTAINER_PORT = { website: 3000, default: 8080, grpc: 50051 };

/** Six nodes per cluster, spread over three zones, named the way EKS and GKE name them. */
export function nodesOf(cluster: Cluster): NodeModel[] {
  return Array.from({ length: 6 }, (_, i) => {
    if (cluster.provider === 'aws') {
      const zone = `${cluster.region}${'acd'[i % 3]}`;
      const third = [12, 47, 86][i % 3] + pick(0, 15, cluster.name, 'node-subnet', i);
      const fourth = pick(10, 250, cluster.name, 'node-host', i);
      return {
        name: `ip-10-0-${third}-${fourth}.${cluster.region}.compute.internal`,
        ip: `10.0.${third}.${fourth}`,
        zone,
        // The VPC CNI hands out pod IPs from the node's own subnet.
        podPrefix: `10.0.${third + 1}`,
      };
    }
    const zone = `${cluster.region}-${'abc'[i % 3]}`;
    const group = sha256(cluster.name, 'instance-group', i % 3).slice(0, 8);
    return {
      name: `gke-osaka-pool-1-${group}-${suffix(4, cluster.name, 'node', i)}`,
      ip: `10.174.0.${pick(2, 250, cluster.name, 'node-host', i)}`,
      zone,
      // GKE gives each node its own /24 out of the pod range.
      podPrefix: `10.108.${i * 4 + pick(0, 3, cluster.name, 'pod-range', i)}`,
    };
  });
}

function isGrpc(service: Service): boolean {
  return service.endpoints.some(e => /^\/[\w.]+\.\w+\/\w+$/.test(e.route));
}

/** Typical requests/limits per runtime; JVM services get the most memory. */
function resourcesFor(language: string): { requests: Labels; limits: Labels } {
  const memory: Record<string, string> = {
    java: '1Gi',
    kotlin: '1Gi',
    python: '512Mi',
    ruby: '512Mi',
    typescript: '384Mi',
    go: '256Mi',
    rust: '128Mi',
  };
  const cpu: Record<string, string> = { java: '500m', kotlin: '500m', python: '250m', ruby: '250m' };
  const mem = memory[language] ?? '256Mi';
  return { requests: { cpu: cpu[language] ?? '200m', memory: mem }, limits: { memory: mem } };
}

/** The `production-ready` scenario also limits CPU (at its request). */
function hardenedResources(service: Service, r: { requests: Labels; limits: Labels }) {
  if (!service.scenarios.includes('production-ready')) return r;
  return { requests: r.requests, limits: { cpu: r.requests.cpu, ...r.limits } };
}

function containerOf(service: Service): ContainerSpecModel {
  const ports = [
    { name: 'http', containerPort: service.type === 'website' ? CONTAINER_PORT.website : CONTAINER_PORT.default },
  ];
  if (isGrpc(service)) ports.push({ name: 'grpc', containerPort: CONTAINER_PORT.grpc });
  return {
    name: service.name,
    ports,
    probes: !service.scenarios.includes('no-probes'),
    resources: hardenedResources(service, resourcesFor(service.language)),
    ...(service.scenarios.includes('production-ready') ? { hardened: true } : {}),
  };
}

/** Rollout history: 2–4 revisions, each a minor release, the newest a few days old. */
function revisionsOf(name: string, image: (version: string) => string, anchor: number): RevisionModel[] {
  const count = pick(2, 4, name, 'revisions');
  const baseMinor = pick(2, 14, name, 'minor');
  let created = anchor - pick(1, 18, name, 'deployed-days-ago') * DAY - pick(0, DAY - 1, name, 'deployed-at');
  const out: RevisionModel[] = [];
  for (let number = count; number >= 1; number--) {
    const version = `v1.${baseMinor + number}.0`;
    const hash = suffix(10, name, 'template', version);
    out.unshift({
      number,
      hash,
      name: `${name}-${hash}`,
      uid: '',
      version,
      image: image(version),
      created,
      replicas: 0,
    });
    created -= pick(2, 12, name, 'release-gap', number) * DAY + pick(0, 6 * HOUR, name, 'release-time', number);
  }
  return out;
}

/** The labels each controller adds to the pods it creates. */
const CONTROLLER_LABELS: Record<WorkloadModel['kind'], (revision: RevisionModel, pod: string) => Labels> = {
  Deployment: revision => ({ 'pod-template-hash': revision.hash }),
  StatefulSet: (revision, pod) => ({
    'controller-revision-hash': revision.name,
    'statefulset.kubernetes.io/pod-name': pod,
  }),
  DaemonSet: revision => ({
    'controller-revision-hash': revision.hash,
    'pod-template-generation': String(revision.number),
  }),
};

function podOf(
  cluster: Cluster,
  nodes: NodeModel[],
  workload: WorkloadModel,
  revision: RevisionModel,
  name: string,
  created: number,
): PodModel {
  const node = nodes[pick(0, nodes.length - 1, cluster.name, name, 'node')];
  const started = created + pick(3, 25, name, 'pull');
  return {
    name,
    uid: uidFor(cluster.name, 'pod', workload.namespace, name),
    namespace: workload.namespace,
    labels: {
      ...workload.labels,
      ...CONTROLLER_LABELS[workload.kind](revision, name),
    },
    owner:
      workload.kind === 'Deployment'
        ? { kind: 'ReplicaSet', name: revision.name, uid: revision.uid }
        : { kind: workload.kind, name: workload.name, uid: workload.uid },
    revision,
    node,
    ip: `${node.podPrefix}.${pick(2, 253, cluster.name, name, 'ip')}`,
    created,
    phase: 'Running',
    readySince: started + (workload.container.probes ? pick(6, 20, name, 'ready') : 1),
    containers: [
      {
        name: workload.container.name,
        image: revision.image,
        imageID: `${revision.image.replace(/:[^:/]+$/, '')}@sha256:${sha256(revision.image)}`,
        containerId: `containerd://${sha256(cluster.name, name, 'container', 0)}`,
        restartCount: 0,
        state: { running: { startedAt: started } },
        ready: true,
        started: true,
      },
    ],
  };
}

/** Pods of a ReplicaSet (random suffixes) or a StatefulSet (ordinals), created one after another. */
export function podsFor(
  cluster: Cluster,
  nodes: NodeModel[],
  workload: WorkloadModel,
  revision: RevisionModel,
  count: number,
): PodModel[] {
  return Array.from({ length: count }, (_, i) => {
    // StatefulSets number their pods; the other controllers add a random suffix to their own name.
    let name = `${revision.name}-${suffix(5, cluster.name, revision.name, 'pod', i)}`;
    if (workload.kind === 'StatefulSet') name = `${workload.name}-${i}`;
    if (workload.kind === 'DaemonSet') name = `${workload.name}-${suffix(5, cluster.name, workload.name, 'pod', i)}`;
    return podOf(
      cluster,
      nodes,
      workload,
      revision,
      name,
      revision.created + 2 + i * pick(20, 45, revision.name, 'stagger'),
    );
  });
}

function labelsOf(service: Service): Labels {
  return {
    'app.kubernetes.io/name': service.name,
    'app.kubernetes.io/part-of': service.system,
    'backstage.io/kubernetes-id': service.name,
    team: service.team,
  };
}

export function workloadOfService(
  cluster: Cluster,
  nodes: NodeModel[],
  service: Service,
  anchor: number,
): WorkloadModel {
  const kind = service.workload === 'StatefulSet' ? 'StatefulSet' : 'Deployment';
  const image = (version: string) => `registry.example.com/${service.namespace}/${service.name}:${version}`;
  const revisions = revisionsOf(service.name, image, anchor);
  for (const r of revisions) {
    // The same template gives the same hash in every cluster; the service's later clusters were
    // rolled out a few minutes after its first one.
    if (service.clusters[0] !== cluster.name) r.created += pick(60, 900, service.name, cluster.name, r.number);
    r.uid = uidFor(cluster.name, service.namespace, r.name);
  }
  const newest = revisions[revisions.length - 1];
  newest.replicas = service.replicas;
  const workload: WorkloadModel = {
    kind,
    name: service.name,
    namespace: service.namespace,
    uid: uidFor(cluster.name, kind, service.namespace, service.name),
    service,
    labels: labelsOf(service),
    selector: { 'app.kubernetes.io/name': service.name },
    replicas: service.replicas,
    created: revisions[0].created - pick(0, 60, service.name, 'created'),
    container: containerOf(service),
    revisions,
    pods: [],
    exposed: service.type !== 'worker',
    public: service.type === 'website' || /-(gateway|bff)$/.test(service.name),
    pdb: !service.scenarios.includes('no-probes'),
  };
  if (kind === 'StatefulSet') {
    // A StatefulSet keeps ControllerRevisions; their names are `<set>-<hash>`.
    for (const r of revisions) r.name = `${service.name}-${r.hash}`;
  }
  workload.pods = podsFor(cluster, nodes, workload, newest, service.replicas);
  if (kind === 'Deployment') workload.autoscaler = autoscalerOf(service, anchor);
  return workload;
}

/**
 * A CPU-based HPA (target 70 %). Its minimum is the catalog's replica count, so the pods the
 * other simulators count match. Idle services sit at their minimum.
 */
function autoscalerOf(service: Service, anchor: number): AutoscalerModel {
  const current = service.replicas;
  const cpu = pick(48, 76, service.name, 'cpu');
  return {
    min: service.replicas,
    max: service.replicas * 3,
    current,
    desired: current,
    cpu,
    lastScaleTime: anchor - pick(2, 40, service.name, 'last-scale') * HOUR,
  };
}

/** Hand-made workloads: no catalog labels, no probes, no resources, no Service. */
export function workloadOfStray(
  cluster: Cluster,
  nodes: NodeModel[],
  stray: StrayWorkload,
  anchor: number,
): WorkloadModel {
  const created = anchor - pick(40, 200, stray.name, 'age') * DAY - pick(0, DAY - 1, stray.name, 'time');
  const isToolbox = stray.name.startsWith('debug-');
  const version = isToolbox ? 'v0.13' : 'v0.9.3';
  const image = isToolbox
    ? 'nicolaka/netshoot:v0.13'
    : `registry.example.com/${stray.namespace}/${stray.name}:${version}`;
  const hash = suffix(10, stray.name, 'template', version);
  const revision: RevisionModel = {
    number: 1,
    hash,
    name: `${stray.name}-${hash}`,
    uid: uidFor(cluster.name, stray.namespace, stray.name, hash),
    version,
    image,
    created,
    replicas: stray.replicas,
  };
  const workload: WorkloadModel = {
    kind: 'Deployment',
    name: stray.name,
    namespace: stray.namespace,
    uid: uidFor(cluster.name, 'Deployment', stray.namespace, stray.name),
    stray,
    labels: { app: stray.name, 'app.kubernetes.io/name': stray.name },
    selector: { app: stray.name },
    replicas: stray.replicas,
    created,
    container: {
      name: stray.name,
      ports: isToolbox ? [] : [{ name: 'http', containerPort: 8000 }],
      probes: false,
      command: isToolbox ? ['sleep', 'infinity'] : undefined,
    },
    revisions: [revision],
    pods: [],
    exposed: false,
    public: false,
    pdb: false,
  };
  workload.pods = podsFor(cluster, nodes, workload, revision, stray.replicas);
  return workload;
}

/**
 * The add-ons every managed cluster runs in kube-system: kube-proxy, a DaemonSet with one pod per
 * node on the node's own network (EKS ships it as an add-on image from ECR, GKE from gke.gcr.io).
 * Nobody in the company owns kube-system: its logs are not any team's to read.
 */
export function addonWorkloadsOf(cluster: Cluster, nodes: NodeModel[], anchor: number): WorkloadModel[] {
  const name = 'kube-proxy';
  const namespace = 'kube-system';
  const created =
    anchor - pick(20, 60, cluster.name, name, 'upgraded') * DAY - pick(0, DAY - 1, cluster.name, name, 'at');
  const aws = cluster.provider === 'aws';
  const version = aws ? 'v1.33.3-minimal-eksbuild.6' : 'v1.33.5-gke.1162000';
  const image = aws
    ? `602401143452.dkr.ecr.${cluster.region}.amazonaws.com/eks/kube-proxy:${version}`
    : `gke.gcr.io/kube-proxy-amd64:${version}`;
  const hash = suffix(10, cluster.name, name, 'template', version).slice(0, 9);
  const revision: RevisionModel = {
    number: 1,
    hash,
    name: `${name}-${hash}`,
    uid: uidFor(cluster.name, namespace, name, hash),
    version,
    image,
    created,
    replicas: nodes.length,
  };
  const workload: WorkloadModel = {
    kind: 'DaemonSet',
    name,
    namespace,
    uid: uidFor(cluster.name, 'DaemonSet', namespace, name),
    addon: true,
    labels: { 'k8s-app': name },
    selector: { 'k8s-app': name },
    replicas: nodes.length,
    created,
    container: {
      name,
      ports: [],
      probes: false,
      resources: { requests: { cpu: '100m' }, limits: {} },
      command: [
        'kube-proxy',
        '--v=2',
        '--config=/var/lib/kube-proxy-config/config',
        '--hostname-override=$(NODE_NAME)',
      ],
    },
    revisions: [revision],
    pods: [],
    exposed: false,
    public: false,
    pdb: false,
  };
  // One pod on each node, on the host network: the pod IP is the node's.
  workload.pods = podsFor(cluster, nodes, workload, revision, nodes.length).map((pod, i) => ({
    ...pod,
    node: nodes[i],
    ip: nodes[i].ip,
  }));
  return [workload];
}

export function namespacesOf(
  cluster: Cluster,
  world: World,
  workloads: WorkloadModel[],
  anchor: number,
): NamespaceModel[] {
  const teams = new Map<string, string | undefined>();
  for (const s of world.services) if (s.clusters.includes(cluster.name)) teams.set(s.namespace, s.team);
  for (const w of workloads) if (!teams.has(w.namespace)) teams.set(w.namespace, undefined);
  const clusterBorn = anchor - CLUSTER_AGE_DAYS * DAY - pick(0, DAY - 1, cluster.name, 'born');
  const out: NamespaceModel[] = [
    { name: 'kube-system', uid: uidFor(cluster.name, 'ns', 'kube-system'), created: clusterBorn },
  ];
  for (const [name, team] of teams) {
    const firstWorkload = Math.min(
      ...workloads.filter(w => w.namespace === name).map(w => w.created),
      anchor - 30 * DAY,
    );
    out.push({
      name,
      uid: uidFor(cluster.name, 'ns', name),
      created: Math.max(clusterBorn + DAY, firstWorkload - pick(1, 5, name, 'ns-lead') * DAY),
      team,
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** When a container's current instance started, if it is running. */
export function runningSince(container: ContainerModel): number | undefined {
  return 'running' in container.state ? container.state.running.startedAt : undefined;
}
