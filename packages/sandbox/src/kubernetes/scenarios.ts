import type { Cluster } from '../world/types';
import { HOUR, MINUTE, pick, sha256, suffix, uidFor } from './ids';
import { podsFor, runningSince, type NodeModel, type PodModel, type RevisionModel, type WorkloadModel } from './model';

/**
 * The seeded scenarios (SCENARIOS in world/loadWorld.ts) as the kubelet and the controllers
 * would leave them. Every time is placed relative to the clock anchor, so the cluster looks the
 * same on every start within the hour.
 */

/** CrashLoopBackOff doubles from 10 s and is capped at five minutes. */
const BACKOFF_CAP = 300;
/** The restarts it takes to reach the cap (10+20+40+80+160 s), and the time they take. */
const RESTARTS_BEFORE_CAP = 5;
const TIME_BEFORE_CAP = 310;

function target(workload: WorkloadModel, cluster: Cluster, scenario: string): PodModel {
  return workload.pods[pick(0, workload.pods.length - 1, workload.name, cluster.name, scenario)];
}

function markNotReady(pod: PodModel, since: number) {
  pod.readySince = undefined;
  pod.notReadySince = since;
}

/** One pod's container keeps exiting with status 1 a few seconds after it starts. */
function crashloop(cluster: Cluster, workload: WorkloadModel, anchor: number) {
  const pod = target(workload, cluster, 'crashloop');
  const container = pod.containers[0];
  const since =
    anchor - pick(2, 5, workload.name, 'crash-since') * HOUR - pick(0, HOUR - 1, workload.name, 'crash-minute');
  const runSeconds = pick(2, 6, workload.name, 'crash-runtime');
  const finishedAt = anchor - pick(20, BACKOFF_CAP - 20, workload.name, cluster.name, 'last-crash');
  container.restartCount =
    RESTARTS_BEFORE_CAP + Math.floor((finishedAt - since - TIME_BEFORE_CAP) / (BACKOFF_CAP + runSeconds));
  container.lastTerminated = {
    reason: 'Error',
    exitCode: 1,
    startedAt: finishedAt - runSeconds,
    finishedAt,
    containerId: `containerd://${sha256(cluster.name, pod.name, 'container', container.restartCount)}`,
  };
  container.state = {
    waiting: {
      reason: 'CrashLoopBackOff',
      message: `back-off 5m0s restarting failed container=${container.name} pod=${pod.name}_${pod.namespace}(${pod.uid})`,
    },
  };
  container.containerId = undefined;
  container.ready = false;
  container.started = false;
  markNotReady(pod, since);
  pod.incident = { kind: 'crashloop', since };
}

/** Containers killed by the kernel at their memory limit, restarted, running again for now. */
function oomkilled(cluster: Cluster, workload: WorkloadModel, anchor: number) {
  const worst = target(workload, cluster, 'oomkilled');
  for (const pod of workload.pods) {
    const kills = pod === worst ? pick(3, 6, pod.name, 'kills') : pick(0, 3, pod.name, 'kills');
    if (kills === 0) continue;
    const container = pod.containers[0];
    const times: number[] = [];
    let t = anchor - pick(10, 50, pod.name, 'last-kill') * MINUTE;
    for (let k = 0; k < kills; k++) {
      times.unshift(t);
      t -= pick(3, 9, pod.name, 'kill-gap', k) * HOUR + pick(0, HOUR - 1, pod.name, 'kill-jitter', k);
    }
    const lastKill = times[times.length - 1];
    const previousStart = times.length > 1 ? times[times.length - 2] + 12 : runningSince(container) ?? pod.created;
    container.restartCount = kills;
    container.lastTerminated = {
      reason: 'OOMKilled',
      exitCode: 137,
      startedAt: previousStart,
      finishedAt: lastKill,
      containerId: `containerd://${sha256(cluster.name, pod.name, 'container', kills - 1)}`,
    };
    // The first restart comes after a 10 s back-off.
    const restartedAt = lastKill + pick(10, 14, pod.name, 'restart');
    container.state = { running: { startedAt: restartedAt } };
    container.containerId = `containerd://${sha256(cluster.name, pod.name, 'container', kills)}`;
    pod.readySince = restartedAt + pick(20, 45, pod.name, 'warmup');
    pod.incident = { kind: 'oomkilled', kills: times };
  }
}

/**
 * A rollout stuck on an image that was never pushed. The Deployment controller surged new pods
 * and scaled the old ReplicaSet down as far as maxUnavailable allows, then stopped.
 */
function imagePull(cluster: Cluster, nodes: NodeModel[], workload: WorkloadModel, anchor: number) {
  const from = workload.revisions[workload.revisions.length - 1];
  const started = anchor - pick(25, 50, workload.name, 'rollout-started') * MINUTE;
  const minor = Number(/^v1\.(\d+)\.0$/.exec(from.version)?.[1] ?? 0) + 1;
  const version = `v1.${minor}.0`;
  const hash = suffix(10, workload.name, 'template', version);
  const to: RevisionModel = {
    number: from.number + 1,
    hash,
    name: `${workload.name}-${hash}`,
    uid: uidFor(cluster.name, workload.namespace, workload.name, hash),
    version,
    image: from.image.replace(/:[^:/]+$/, `:${version}`),
    created: started,
    replicas: 0,
  };
  // The default RollingUpdate strategy: maxSurge 25 % rounded up, maxUnavailable 25 % rounded down.
  const maxSurge = Math.ceil(workload.replicas * 0.25);
  const maxUnavailable = Math.floor(workload.replicas * 0.25);
  from.replicas = workload.replicas - maxUnavailable;
  to.replicas = maxSurge + maxUnavailable;
  const removed = workload.pods.slice(from.replicas).map(p => p.name);
  workload.pods = workload.pods.slice(0, from.replicas);
  const fresh = podsFor(cluster, nodes, workload, to, to.replicas);
  for (const pod of fresh) {
    const container = pod.containers[0];
    container.image = to.image;
    container.imageID = '';
    container.containerId = undefined;
    container.state = {
      waiting: {
        reason: 'ImagePullBackOff',
        message: `Back-off pulling image "${to.image}": ErrImagePull: ${pullError(to.image)}`,
      },
    };
    container.ready = false;
    container.started = false;
    pod.phase = 'Pending';
    markNotReady(pod, pod.created);
    pod.incident = { kind: 'image-pull', since: pod.created };
  }
  workload.pods.push(...fresh);
  workload.revisions.push(to);
  workload.rollout = { from, to, started, removed };
}

/** What containerd reports for a tag that does not exist in the registry. */
export function pullError(image: string): string {
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`;
}

/** One pod running but failing its readiness probe: out of the Service's endpoints. */
function readiness(cluster: Cluster, workload: WorkloadModel, anchor: number) {
  const pod = target(workload, cluster, 'readiness');
  const since = anchor - pick(20, 90, workload.name, 'unready-since') * MINUTE;
  pod.containers[0].ready = false;
  markNotReady(pod, since);
  pod.incident = { kind: 'readiness', since };
}

/** The HPA wants more pods than maxReplicas allows; CPU stays far above the 70 % target. */
function hpaMax(workload: WorkloadModel, anchor: number) {
  const max = workload.replicas;
  workload.autoscaler = {
    min: Math.max(1, Math.ceil(max / 2)),
    max,
    current: max,
    desired: max,
    cpu: pick(118, 145, workload.name, 'hot-cpu'),
    lastScaleTime: anchor - pick(25, 55, workload.name, 'scaled-to-max') * MINUTE,
  };
}

export function applyScenarios(cluster: Cluster, nodes: NodeModel[], workload: WorkloadModel, anchor: number) {
  for (const scenario of workload.service?.scenarios ?? []) {
    if (scenario === 'crashloop') crashloop(cluster, workload, anchor);
    if (scenario === 'oomkilled') oomkilled(cluster, workload, anchor);
    if (scenario === 'image-pull') imagePull(cluster, nodes, workload, anchor);
    if (scenario === 'readiness') readiness(cluster, workload, anchor);
    if (scenario === 'hpa-max') hpaMax(workload, anchor);
    // 'no-probes' is part of the workload itself (no probes, no PodDisruptionBudget).
  }
}
