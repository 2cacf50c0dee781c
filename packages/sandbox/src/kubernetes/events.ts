import { hash32 } from '../world/hash';
import { microTime, pick, resourceVersionFor, rfc3339, uidFor } from './ids';
import { compact, type KubeObject } from './meta';
import type { ClusterModel, PodModel, WorkloadModel } from './model';
import { autoscalerUid } from './policies';
import { pullError } from './scenarios';

/**
 * Events that explain the seeded scenarios, as the kubelet and the controllers record them.
 * Repeated occurrences are aggregated into one Event with a count, the way the client-go
 * recorder does, and only what happened in the last hour is kept (the API server's event TTL).
 */

interface InvolvedObject {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  apiVersion: string;
  fieldPath?: string;
}

export interface EventModel {
  namespace: string;
  involved: InvolvedObject;
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  source: { component: string; host?: string };
  first: number;
  last: number;
  count: number;
}

const KUBELET = 'kubelet';

function podRef(pod: PodModel, container?: string): InvolvedObject {
  return compact({
    kind: 'Pod',
    namespace: pod.namespace,
    name: pod.name,
    uid: pod.uid,
    apiVersion: 'v1',
    fieldPath: container ? `spec.containers{${container}}` : undefined,
  });
}

function kubeletEvent(
  pod: PodModel,
  reason: string,
  message: string,
  type: EventModel['type'],
  first: number,
  last: number,
  count: number,
): EventModel {
  return {
    namespace: pod.namespace,
    involved: podRef(pod, pod.containers[0].name),
    reason,
    message,
    type,
    source: { component: KUBELET, host: pod.node.name },
    first,
    last,
    count: Math.max(1, count),
  };
}

/** Each restart is pulled (already present), created and started again. */
function restartEvents(pod: PodModel, first: number, last: number, count: number): EventModel[] {
  const c = pod.containers[0];
  return [
    kubeletEvent(
      pod,
      'Pulled',
      `Container image "${c.image}" already present on machine`,
      'Normal',
      first,
      last,
      count,
    ),
    kubeletEvent(pod, 'Created', `Created container: ${c.name}`, 'Normal', first, last, count),
    kubeletEvent(pod, 'Started', `Started container ${c.name}`, 'Normal', first + 1, last + 1, count),
  ];
}

function backOffMessage(pod: PodModel) {
  return `Back-off restarting failed container ${pod.containers[0].name} in pod ${pod.name}_${pod.namespace}(${pod.uid})`;
}

function crashloopEvents(pod: PodModel, since: number, anchor: number): EventModel[] {
  const c = pod.containers[0];
  const lastRun = c.lastTerminated!;
  return [
    ...restartEvents(pod, since + 10, lastRun.startedAt, c.restartCount),
    // The kubelet reports the back-off on every pod sync while it waits.
    kubeletEvent(
      pod,
      'BackOff',
      backOffMessage(pod),
      'Warning',
      since + 12,
      anchor - pick(5, 40, pod.name, 'backoff-last'),
      Math.floor((anchor - since) / 24),
    ),
  ];
}

/** The language runtime's process name, as the kernel's OOM killer reports it. */
function processName(workload: WorkloadModel): string {
  const lang = workload.service?.language ?? 'python';
  const byLanguage: Record<string, string> = {
    java: 'java',
    kotlin: 'java',
    python: 'python3',
    typescript: 'node',
    ruby: 'ruby',
  };
  return byLanguage[lang] ?? workload.name.replace(/-/g, '_');
}

function oomEvents(workload: WorkloadModel, pod: PodModel, kills: number[]): EventModel[] {
  const first = kills[0];
  const last = kills[kills.length - 1];
  const limitKb = 1024 * 1024;
  // Attached to the pod (node-problem-detector reports it on the Node) so it shows up next to it.
  const oom: EventModel = {
    ...kubeletEvent(
      pod,
      'OOMKilling',
      `Memory cgroup out of memory: Killed process ${pick(7, 60, pod.name, 'pid')} (${processName(
        workload,
      )}) total-vm:${limitKb * 4 + pick(0, 99999, pod.name, 'vm')}kB, anon-rss:${
        limitKb - pick(100, 900, pod.name, 'rss')
      }kB, file-rss:${pick(18000, 26000, pod.name, 'file')}kB, shmem-rss:0kB, UID:1000 pgtables:${pick(
        2400,
        3200,
        pod.name,
        'pgt',
      )}kB oom_score_adj:${pick(960, 999, pod.name, 'adj')}`,
      'Warning',
      first,
      last,
      kills.length,
    ),
    involved: podRef(pod),
    source: { component: 'kernel-monitor', host: pod.node.name },
  };
  return [
    oom,
    kubeletEvent(pod, 'BackOff', backOffMessage(pod), 'Warning', first + 1, last + 1, kills.length),
    ...restartEvents(pod, first + 10, last + 10, kills.length),
  ];
}

/** The pull attempts since the pod was created: back-off doubles from 10 s up to 5 minutes. */
function pullAttempts(since: number, anchor: number) {
  const elapsed = anchor - since;
  return elapsed < 310 ? Math.max(1, Math.floor(Math.log2(elapsed / 10 + 1))) : 5 + Math.floor((elapsed - 310) / 300);
}

function imagePullPodEvents(pod: PodModel, anchor: number): EventModel[] {
  const image = pod.containers[0].image;
  const attempts = pullAttempts(pod.created, anchor);
  const lastAttempt = anchor - pick(10, 280, pod.name, 'last-pull');
  const scheduled: EventModel = {
    namespace: pod.namespace,
    involved: podRef(pod),
    reason: 'Scheduled',
    message: `Successfully assigned ${pod.namespace}/${pod.name} to ${pod.node.name}`,
    type: 'Normal',
    source: { component: 'default-scheduler' },
    first: pod.created,
    last: pod.created,
    count: 1,
  };
  const t0 = pod.created + 1;
  return [
    scheduled,
    kubeletEvent(pod, 'Pulling', `Pulling image "${image}"`, 'Normal', t0, lastAttempt, attempts),
    kubeletEvent(
      pod,
      'Failed',
      `Failed to pull image "${image}": ${pullError(image)}`,
      'Warning',
      t0 + 1,
      lastAttempt + 1,
      attempts,
    ),
    kubeletEvent(pod, 'Failed', 'Error: ErrImagePull', 'Warning', t0 + 1, lastAttempt + 1, attempts),
    kubeletEvent(
      pod,
      'BackOff',
      `Back-off pulling image "${image}"`,
      'Normal',
      t0 + 2,
      anchor - pick(3, 9, pod.name, 'bo'),
      attempts * 3,
    ),
    kubeletEvent(
      pod,
      'Failed',
      'Error: ImagePullBackOff',
      'Warning',
      t0 + 2,
      anchor - pick(3, 9, pod.name, 'bo'),
      attempts * 3,
    ),
  ];
}

function controllerEvent(
  workload: WorkloadModel,
  involved: { kind: string; name: string; uid: string },
  component: string,
  reason: string,
  message: string,
  at: number,
): EventModel {
  return {
    namespace: workload.namespace,
    involved: {
      ...involved,
      namespace: workload.namespace,
      apiVersion: involved.kind === 'HorizontalPodAutoscaler' ? 'autoscaling/v2' : 'apps/v1',
    },
    reason,
    message,
    type: 'Normal',
    source: { component },
    first: at,
    last: at,
    count: 1,
  };
}

/** The Deployment and ReplicaSet controllers' side of the stuck rollout. */
function rolloutEvents(workload: WorkloadModel, anchor: number): EventModel[] {
  const rollout = workload.rollout!;
  const { from, to, started } = rollout;
  const deployment = { kind: 'Deployment', name: workload.name, uid: workload.uid };
  const surge = Math.ceil(workload.replicas * 0.25);
  const newPods = workload.pods.filter(p => p.revision === to);
  const events: EventModel[] = [
    controllerEvent(
      workload,
      deployment,
      'deployment-controller',
      'ScalingReplicaSet',
      `Scaled up replica set ${to.name} from 0 to ${surge}`,
      started,
    ),
  ];
  if (to.replicas > surge) {
    events.push(
      controllerEvent(
        workload,
        deployment,
        'deployment-controller',
        'ScalingReplicaSet',
        `Scaled down replica set ${from.name} from ${workload.replicas} to ${from.replicas}`,
        started + 1,
      ),
      controllerEvent(
        workload,
        deployment,
        'deployment-controller',
        'ScalingReplicaSet',
        `Scaled up replica set ${to.name} from ${surge} to ${to.replicas}`,
        started + 1,
      ),
    );
  }
  const toRef = { kind: 'ReplicaSet', name: to.name, uid: to.uid };
  const fromRef = { kind: 'ReplicaSet', name: from.name, uid: from.uid };
  for (const pod of newPods) {
    events.push(
      controllerEvent(
        workload,
        toRef,
        'replicaset-controller',
        'SuccessfulCreate',
        `Created pod: ${pod.name}`,
        pod.created,
      ),
    );
    events.push(...imagePullPodEvents(pod, anchor));
  }
  for (const name of rollout.removed) {
    events.push(
      controllerEvent(
        workload,
        fromRef,
        'replicaset-controller',
        'SuccessfulDelete',
        `Deleted pod: ${name}`,
        started + 1,
      ),
    );
  }
  return events;
}

function readinessEvents(pod: PodModel, since: number, anchor: number): EventModel[] {
  return [
    kubeletEvent(
      pod,
      'Unhealthy',
      'Readiness probe failed: HTTP probe failed with statuscode: 503',
      'Warning',
      since,
      anchor - pick(1, 9, pod.name, 'probe-last'),
      Math.floor((anchor - since) / 10),
    ),
  ];
}

function autoscalerEvents(model: ClusterModel, workload: WorkloadModel): EventModel[] {
  const a = workload.autoscaler;
  if (!a || !workload.service?.scenarios.includes('hpa-max')) return [];
  const hpa = { kind: 'HorizontalPodAutoscaler', name: workload.name, uid: autoscalerUid(model, workload) };
  return [
    controllerEvent(
      workload,
      hpa,
      'horizontal-pod-autoscaler',
      'SuccessfulRescale',
      `New size: ${a.max}; reason: cpu resource utilization (percentage of request) above target`,
      a.lastScaleTime,
    ),
  ];
}

/** Every event of the cluster, oldest first. */
export function eventModelsOf(model: ClusterModel): EventModel[] {
  const events: EventModel[] = [];
  for (const workload of model.workloads) {
    for (const pod of workload.pods) {
      const incident = pod.incident;
      if (incident?.kind === 'crashloop') events.push(...crashloopEvents(pod, incident.since, model.anchor));
      if (incident?.kind === 'oomkilled') events.push(...oomEvents(workload, pod, incident.kills));
      if (incident?.kind === 'readiness') events.push(...readinessEvents(pod, incident.since, model.anchor));
    }
    if (workload.rollout) events.push(...rolloutEvents(workload, model.anchor));
    events.push(...autoscalerEvents(model, workload));
  }
  // The event TTL (one hour by default) has removed everything not updated since.
  return events
    .filter(e => e.last > model.anchor - 3600)
    .sort((a, b) => a.first - b.first || a.involved.name.localeCompare(b.involved.name));
}

/**
 * Event names are `<involved object>.<hex of the first timestamp in nanoseconds>`; a hash of the
 * reason and message stands in for the sub-second part so that names stay unique.
 */
function eventName(e: EventModel): string {
  const nanos = BigInt(e.first) * 1_000_000_000n + BigInt(hash32(e.reason, e.message, e.involved.name) % 1_000_000_000);
  return `${e.involved.name}.${nanos.toString(16)}`;
}

function eventMetadata(model: ClusterModel, e: EventModel) {
  const name = eventName(e);
  return {
    name,
    namespace: e.namespace,
    uid: uidFor(model.cluster.name, 'Event', e.namespace, name),
    resourceVersion: resourceVersionFor(model.cluster.name, 'Event', e.namespace, name, e.count),
    creationTimestamp: rfc3339(e.first),
  };
}

/** core/v1 Event. */
export function coreEventOf(model: ClusterModel, e: EventModel): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: eventMetadata(model, e),
    involvedObject: { ...e.involved },
    reason: e.reason,
    message: e.message,
    source: { ...e.source },
    firstTimestamp: rfc3339(e.first),
    lastTimestamp: rfc3339(e.last),
    count: e.count,
    type: e.type,
    reportingComponent: e.source.component,
    reportingInstance: e.source.host ?? '',
  };
}

/**
 * The same Event through events.k8s.io/v1: `regarding` and `note` instead of `involvedObject` and
 * `message`, the core/v1 counters under `deprecated*`. `eventTime` is required in this version;
 * we give the first occurrence.
 */
export function eventsV1EventOf(model: ClusterModel, e: EventModel): KubeObject {
  return {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: eventMetadata(model, e),
    eventTime: microTime(e.first, hash32(eventName(e)) % 1_000_000),
    reportingController: e.source.component,
    reportingInstance: e.source.host ?? '',
    reason: e.reason,
    regarding: { ...e.involved },
    note: e.message,
    type: e.type,
    deprecatedSource: { ...e.source },
    deprecatedFirstTimestamp: rfc3339(e.first),
    deprecatedLastTimestamp: rfc3339(e.last),
    deprecatedCount: e.count,
  };
}
