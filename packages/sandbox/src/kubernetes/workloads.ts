import { rfc3339 } from './ids';
import { compact, controllerRef, objectMeta, type KubeObject } from './meta';
import type { ClusterModel, ContainerModel, Labels, PodModel, RevisionModel, WorkloadModel } from './model';

/** Deployments, ReplicaSets, StatefulSets and Pods rendered from the cluster model. */

const PROGRESS_DEADLINE_SECONDS = 600;

function isStray(workload: WorkloadModel) {
  return !workload.service;
}

/** The service account: the service's own, the add-on's own, or the namespace default for strays. */
function serviceAccountOf(workload: WorkloadModel) {
  return isStray(workload) && !workload.addon ? 'default' : workload.name;
}

function envOf(workload: WorkloadModel, revision: RevisionModel) {
  if (workload.addon)
    return [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }];
  if (isStray(workload)) return undefined;
  return [
    { name: 'DD_ENV', value: 'production' },
    { name: 'DD_SERVICE', value: workload.name },
    { name: 'DD_VERSION', value: revision.version },
    { name: 'DD_AGENT_HOST', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.hostIP' } } },
    ...(workload.container.hardened
      ? [{ name: 'DATABASE_PASSWORD', valueFrom: { secretKeyRef: { name: `${workload.name}-db`, key: 'password' } } }]
      : []),
  ];
}

/** HTTP probes on the container's `http` port; absent for the `no-probes` scenario and strays. */
function probesOf(workload: WorkloadModel) {
  if (!workload.container.probes) return {};
  const common = { timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 };
  return {
    livenessProbe: {
      httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' },
      initialDelaySeconds: 15,
      periodSeconds: 20,
      ...common,
    },
    readinessProbe: {
      httpGet: { path: '/ready', port: 'http', scheme: 'HTTP' },
      initialDelaySeconds: 5,
      periodSeconds: 10,
      ...common,
    },
  };
}

/** The `production-ready` scenario: drain before SIGTERM, run as a non-root user, DB password from a Secret. */
function hardeningOf(workload: WorkloadModel) {
  if (!workload.container.hardened) return {};
  return {
    lifecycle: { preStop: { exec: { command: ['sleep', '10'] } } },
    securityContext: { runAsNonRoot: true, runAsUser: 10001, allowPrivilegeEscalation: false },
  };
}

function containerSpec(workload: WorkloadModel, revision: RevisionModel) {
  const c = workload.container;
  return compact({
    name: c.name,
    image: revision.image,
    command: c.command,
    ports: c.ports.length
      ? c.ports.map(p => ({ name: p.name, containerPort: p.containerPort, protocol: 'TCP' }))
      : undefined,
    env: envOf(workload, revision),
    // Empty maps are omitted on the wire (omitempty).
    resources: c.resources
      ? compact({
          requests: Object.keys(c.resources.requests).length ? c.resources.requests : undefined,
          limits: Object.keys(c.resources.limits).length ? c.resources.limits : undefined,
        })
      : {},
    volumeMounts:
      workload.kind === 'StatefulSet' ? [{ name: 'data', mountPath: `/var/lib/${workload.name}` }] : undefined,
    ...probesOf(workload),
    ...hardeningOf(workload),
    ...(workload.addon ? { securityContext: { privileged: true } } : {}),
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
  });
}

function podSpecBase(workload: WorkloadModel, revision: RevisionModel) {
  return {
    containers: [containerSpec(workload, revision)],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    serviceAccountName: serviceAccountOf(workload),
    securityContext: {},
    schedulerName: 'default-scheduler',
  };
}

/** The pod template; the ReplicaSet's copy also carries its `pod-template-hash` label. */
function templateOf(workload: WorkloadModel, revision: RevisionModel, extraLabels: Labels = {}) {
  return {
    metadata: { labels: { ...workload.labels, ...extraLabels } },
    spec: podSpecBase(workload, revision),
  };
}

function readyPods(pods: PodModel[]) {
  return pods.filter(p => p.readySince !== undefined).length;
}

/** Deployment.status, including the two conditions `kubectl rollout status` reads. */
function deploymentStatus(workload: WorkloadModel, generation: number) {
  const newest = workload.revisions[workload.revisions.length - 1];
  const pods = workload.pods;
  const ready = readyPods(pods);
  const updated = pods.filter(p => p.revision === newest).length;
  // Available means at least replicas - maxUnavailable (25 %, rounded down) pods are ready.
  const minAvailable = workload.replicas - Math.floor(workload.replicas * 0.25);
  const available = ready >= minAvailable;
  const lastNotReady = Math.max(...pods.map(p => p.notReadySince ?? 0));
  // Availability was reached when the last pod of the serving revision came up.
  const serving = workload.rollout?.from ?? newest;
  const availableSince = Math.max(...pods.filter(p => p.revision === serving).map(p => p.created)) + 30;
  const conditions = [
    available
      ? condition(
          'Available',
          'True',
          'MinimumReplicasAvailable',
          'Deployment has minimum availability.',
          availableSince,
        )
      : condition(
          'Available',
          'False',
          'MinimumReplicasUnavailable',
          'Deployment does not have minimum availability.',
          lastNotReady,
        ),
    workload.rollout
      ? condition(
          'Progressing',
          'False',
          'ProgressDeadlineExceeded',
          `ReplicaSet "${workload.rollout.to.name}" has timed out progressing.`,
          workload.rollout.started + PROGRESS_DEADLINE_SECONDS,
        )
      : {
          ...condition(
            'Progressing',
            'True',
            'NewReplicaSetAvailable',
            `ReplicaSet "${newest.name}" has successfully progressed.`,
            workload.created + 30,
          ),
          lastUpdateTime: rfc3339(availableSince),
        },
  ];
  return compact({
    observedGeneration: generation,
    replicas: pods.length,
    updatedReplicas: updated,
    readyReplicas: ready,
    availableReplicas: ready,
    unavailableReplicas: pods.length - ready > 0 ? pods.length - ready : undefined,
    conditions,
  });
}

function condition(type: string, status: string, reason: string, message: string, at: number) {
  return { type, status, lastUpdateTime: rfc3339(at), lastTransitionTime: rfc3339(at), reason, message };
}

/** Scaling changes bump the generation too; a deterministic few on top of the rollouts. */
function generationOf(workload: WorkloadModel) {
  return workload.revisions[workload.revisions.length - 1].number + (workload.name.length % 3);
}

export function deploymentOf(model: ClusterModel, workload: WorkloadModel): KubeObject {
  const newest = workload.revisions[workload.revisions.length - 1];
  const generation = generationOf(workload);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: objectMeta(model.cluster.name, 'Deployment', {
      name: workload.name,
      namespace: workload.namespace,
      uid: workload.uid,
      created: workload.created,
      generation,
      labels: workload.labels,
      annotations: { 'deployment.kubernetes.io/revision': String(newest.number) },
    }),
    spec: {
      replicas: workload.replicas,
      selector: { matchLabels: { ...workload.selector } },
      template: templateOf(workload, newest),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: PROGRESS_DEADLINE_SECONDS,
    },
    status: deploymentStatus(workload, generation),
  };
}

export function replicaSetsOf(model: ClusterModel, workload: WorkloadModel): KubeObject[] {
  const maxSurge = Math.ceil(workload.replicas * 0.25);
  return workload.revisions.map(revision => {
    const pods = workload.pods.filter(p => p.revision === revision);
    const ready = readyPods(pods);
    // Each scale of a ReplicaSet bumps its generation: up once, down once when superseded.
    const generation = revision.replicas > 0 ? 1 : 2;
    return {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: objectMeta(model.cluster.name, 'ReplicaSet', {
        name: revision.name,
        namespace: workload.namespace,
        uid: revision.uid,
        created: revision.created,
        generation,
        labels: { ...workload.labels, 'pod-template-hash': revision.hash },
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(workload.replicas),
          'deployment.kubernetes.io/max-replicas': String(workload.replicas + maxSurge),
          'deployment.kubernetes.io/revision': String(revision.number),
        },
        owner: controllerRef('apps/v1', 'Deployment', workload.name, workload.uid),
      }),
      spec: {
        replicas: revision.replicas,
        selector: { matchLabels: { ...workload.selector, 'pod-template-hash': revision.hash } },
        template: templateOf(workload, revision, { 'pod-template-hash': revision.hash }),
      },
      status: compact({
        replicas: pods.length,
        fullyLabeledReplicas: pods.length || undefined,
        readyReplicas: ready || undefined,
        availableReplicas: ready || undefined,
        observedGeneration: generation,
      }),
    };
  });
}

export function statefulSetOf(model: ClusterModel, workload: WorkloadModel): KubeObject {
  const newest = workload.revisions[workload.revisions.length - 1];
  const ready = readyPods(workload.pods);
  const generation = generationOf(workload);
  const aws = model.cluster.provider === 'aws';
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: objectMeta(model.cluster.name, 'StatefulSet', {
      name: workload.name,
      namespace: workload.namespace,
      uid: workload.uid,
      created: workload.created,
      generation,
      labels: workload.labels,
    }),
    spec: {
      replicas: workload.replicas,
      selector: { matchLabels: { ...workload.selector } },
      template: templateOf(workload, newest),
      serviceName: workload.name,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      volumeClaimTemplates: [
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'data' },
          spec: {
            accessModes: ['ReadWriteOnce'],
            storageClassName: aws ? 'gp3' : 'standard-rwo',
            resources: { requests: { storage: '50Gi' } },
            volumeMode: 'Filesystem',
          },
          status: { phase: 'Pending' },
        },
      ],
    },
    status: {
      observedGeneration: generation,
      replicas: workload.pods.length,
      readyReplicas: ready,
      currentReplicas: workload.pods.length,
      updatedReplicas: workload.pods.length,
      currentRevision: newest.name,
      updateRevision: newest.name,
      collisionCount: 0,
      availableReplicas: ready,
    },
  };
}

function terminatedOf(run: NonNullable<ContainerModel['lastTerminated']>) {
  return compact({
    exitCode: run.exitCode,
    signal: run.signal,
    reason: run.reason,
    startedAt: rfc3339(run.startedAt),
    finishedAt: rfc3339(run.finishedAt),
    containerID: run.containerId || undefined,
  });
}

function containerStatusOf(container: ContainerModel) {
  const state =
    'running' in container.state
      ? { running: { startedAt: rfc3339(container.state.running.startedAt) } }
      : { waiting: { ...container.state.waiting } };
  return compact({
    name: container.name,
    state,
    lastState: container.lastTerminated ? { terminated: terminatedOf(container.lastTerminated) } : {},
    ready: container.ready,
    restartCount: container.restartCount,
    image: container.image,
    imageID: container.imageID,
    containerID: container.containerId,
    started: container.started,
  });
}

function podConditions(pod: PodModel) {
  const scheduled = pod.created;
  const ready = pod.readySince !== undefined;
  const notReady = pod.containers.filter(c => !c.ready).map(c => c.name);
  const readyCondition = (type: string) =>
    compact({
      type,
      status: ready ? 'True' : 'False',
      lastTransitionTime: rfc3339(ready ? pod.readySince! : pod.notReadySince ?? pod.created),
      reason: ready ? undefined : 'ContainersNotReady',
      message: ready ? undefined : `containers with unready status: [${notReady.join(' ')}]`,
    });
  return [
    { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: rfc3339(scheduled + 2) },
    { type: 'Initialized', status: 'True', lastTransitionTime: rfc3339(scheduled + 1) },
    readyCondition('Ready'),
    readyCondition('ContainersReady'),
    { type: 'PodScheduled', status: 'True', lastTransitionTime: rfc3339(scheduled) },
  ];
}

/** QoS class from the resources: no requests at all is BestEffort, ours have no CPU limit. */
function qosClassOf(workload: WorkloadModel) {
  return workload.container.resources ? 'Burstable' : 'BestEffort';
}

export function podOf(model: ClusterModel, workload: WorkloadModel, pod: PodModel): KubeObject {
  const ownerApi = 'apps/v1';
  const spec = {
    volumes:
      workload.kind === 'StatefulSet'
        ? [{ name: 'data', persistentVolumeClaim: { claimName: `data-${pod.name}` } }]
        : undefined,
    ...podSpecBase(workload, pod.revision),
    serviceAccount: serviceAccountOf(workload),
    nodeName: pod.node.name,
    // Add-ons run on the node's network at the highest priority a node's pods can have.
    ...(workload.addon ? { hostNetwork: true, priorityClassName: 'system-node-critical' } : {}),
    hostname: workload.kind === 'StatefulSet' ? pod.name : undefined,
    subdomain: workload.kind === 'StatefulSet' ? workload.name : undefined,
    // The DefaultTolerationSeconds admission plugin adds these to every pod.
    tolerations: [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
    priority: workload.addon ? 2000001000 : 0,
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: objectMeta(model.cluster.name, 'Pod', {
      name: pod.name,
      generateName: workload.kind === 'Deployment' ? `${pod.revision.name}-` : `${workload.name}-`,
      namespace: pod.namespace,
      uid: pod.uid,
      created: pod.created,
      generation: 1,
      labels: pod.labels,
      owner: controllerRef(ownerApi, pod.owner.kind, pod.owner.name, pod.owner.uid),
    }),
    spec: compact(spec),
    status: {
      phase: pod.phase,
      conditions: podConditions(pod),
      hostIP: pod.node.ip,
      hostIPs: [{ ip: pod.node.ip }],
      podIP: pod.ip,
      podIPs: [{ ip: pod.ip }],
      startTime: rfc3339(pod.created + 1),
      containerStatuses: pod.containers.map(containerStatusOf),
      qosClass: qosClassOf(workload),
      observedGeneration: 1,
    },
  };
}
