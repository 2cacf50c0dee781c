import type {
  CoreV1Event,
  V1Deployment,
  V1HorizontalPodAutoscaler,
  V1Ingress,
  V1Namespace,
  V1ObjectMeta,
  V1Pod,
  V1PodDisruptionBudget,
  V1ReplicaSet,
  V1Service,
  V1StatefulSet,
  V2HorizontalPodAutoscaler,
  V1Container,
} from '@kubernetes/client-node';
import type {
  KubeContainerSpec,
  KubeEvent,
  KubeHpa,
  KubeIngress,
  KubeMeta,
  KubeNamespace,
  KubePdb,
  KubePod,
  KubeReplicaSet,
  KubeService,
  KubeWorkload,
} from './types';

/** Converts the client's typed objects (with Date fields) to the slim, JSON-safe copies. */

const iso = (d?: Date | string) => (d === undefined || d === null ? undefined : new Date(d).toISOString());

function meta(m?: V1ObjectMeta): KubeMeta {
  const owner = m?.ownerReferences?.find(o => o.controller) ?? m?.ownerReferences?.[0];
  return {
    name: m?.name ?? '',
    namespace: m?.namespace ?? '',
    labels: m?.labels ?? {},
    annotations: m?.annotations ?? {},
    createdAt: iso(m?.creationTimestamp),
    ...(owner ? { owner: { kind: owner.kind, name: owner.name } } : {}),
  };
}

function containers(list?: V1Container[]): KubeContainerSpec[] {
  return (list ?? []).map(c => ({
    name: c.name,
    image: c.image ?? '',
    hasReadinessProbe: !!c.readinessProbe,
    hasLivenessProbe: !!c.livenessProbe,
    requests: c.resources?.requests as Record<string, string> | undefined,
    limits: c.resources?.limits as Record<string, string> | undefined,
  }));
}

export function toWorkload(o: V1Deployment | V1StatefulSet, kind: KubeWorkload['kind']): KubeWorkload {
  const status = o.status ?? ({} as any);
  return {
    ...meta(o.metadata),
    kind,
    replicas: o.spec?.replicas ?? 1,
    readyReplicas: status.readyReplicas ?? 0,
    updatedReplicas: status.updatedReplicas ?? 0,
    availableReplicas: status.availableReplicas ?? 0,
    podLabels: o.spec?.template?.metadata?.labels ?? {},
    selector: o.spec?.selector?.matchLabels ?? {},
    containers: containers(o.spec?.template?.spec?.containers),
    conditions: (status.conditions ?? []).map((c: any) => ({
      type: c.type,
      status: c.status,
      reason: c.reason,
      message: c.message,
    })),
    revision: o.metadata?.annotations?.['deployment.kubernetes.io/revision'],
    generation: o.metadata?.generation,
    observedGeneration: status.observedGeneration,
  };
}

export function toNamespace(o: V1Namespace): KubeNamespace {
  return { ...meta(o.metadata), phase: o.status?.phase ?? 'Active' };
}

export function toReplicaSet(o: V1ReplicaSet): KubeReplicaSet {
  return {
    ...meta(o.metadata),
    revision: o.metadata?.annotations?.['deployment.kubernetes.io/revision'],
    replicas: o.status?.replicas ?? 0,
    readyReplicas: o.status?.readyReplicas ?? 0,
    images: (o.spec?.template?.spec?.containers ?? []).map(c => c.image ?? ''),
  };
}

export function toPod(o: V1Pod): KubePod {
  const statuses = o.status?.containerStatuses ?? [];
  return {
    ...meta(o.metadata),
    phase: o.status?.phase ?? 'Unknown',
    node: o.spec?.nodeName,
    podIP: o.status?.podIP,
    startedAt: iso(o.status?.startTime),
    ready: (o.status?.conditions ?? []).some(c => c.type === 'Ready' && c.status === 'True'),
    containers: statuses.map(s => {
      let state: KubePod['containers'][number]['state'] = 'unknown';
      if (s.state?.running) state = 'running';
      else if (s.state?.waiting) state = 'waiting';
      else if (s.state?.terminated) state = 'terminated';
      const last = s.lastState?.terminated;
      return {
        name: s.name,
        image: s.image,
        ready: s.ready,
        restartCount: s.restartCount,
        state,
        waitingReason: s.state?.waiting?.reason,
        waitingMessage: s.state?.waiting?.message,
        lastTerminationReason: last?.reason,
        lastTerminationExitCode: last?.exitCode,
        lastTerminatedAt: iso(last?.finishedAt),
      };
    }),
  };
}

export function toHpa(o: V2HorizontalPodAutoscaler | V1HorizontalPodAutoscaler): KubeHpa {
  const spec: any = o.spec ?? {};
  const status: any = o.status ?? {};
  const cpuMetric = (spec.metrics ?? []).find((m: any) => m.resource?.name === 'cpu');
  const cpuCurrent = (status.currentMetrics ?? []).find((m: any) => m.resource?.name === 'cpu');
  return {
    ...meta(o.metadata),
    target: { kind: spec.scaleTargetRef?.kind ?? '', name: spec.scaleTargetRef?.name ?? '' },
    minReplicas: spec.minReplicas ?? 1,
    maxReplicas: spec.maxReplicas ?? 1,
    currentReplicas: status.currentReplicas ?? 0,
    desiredReplicas: status.desiredReplicas ?? 0,
    cpuTarget: cpuMetric?.resource?.target?.averageUtilization,
    cpuUtilization: cpuCurrent?.resource?.current?.averageUtilization,
    conditions: (status.conditions ?? []).map((c: any) => ({
      type: c.type,
      status: c.status,
      reason: c.reason,
      message: c.message,
    })),
  };
}

export function toPdb(o: V1PodDisruptionBudget): KubePdb {
  return {
    ...meta(o.metadata),
    selector: o.spec?.selector?.matchLabels ?? {},
    minAvailable: o.spec?.minAvailable as any,
    maxUnavailable: o.spec?.maxUnavailable as any,
    disruptionsAllowed: o.status?.disruptionsAllowed ?? 0,
    currentHealthy: o.status?.currentHealthy ?? 0,
    desiredHealthy: o.status?.desiredHealthy ?? 0,
  };
}

export function toService(o: V1Service): KubeService {
  return {
    ...meta(o.metadata),
    type: o.spec?.type ?? 'ClusterIP',
    clusterIP: o.spec?.clusterIP,
    ports: (o.spec?.ports ?? []).map(p => ({
      name: p.name,
      port: p.port,
      targetPort: p.targetPort as any,
      protocol: p.protocol,
    })),
    selector: o.spec?.selector ?? {},
  };
}

export function toIngress(o: V1Ingress): KubeIngress {
  const rules = o.spec?.rules ?? [];
  return {
    ...meta(o.metadata),
    hosts: rules.map(r => r.host ?? '').filter(Boolean),
    paths: rules.flatMap(r =>
      (r.http?.paths ?? []).map(p => ({
        host: r.host,
        path: p.path,
        service: p.backend?.service?.name,
        port: p.backend?.service?.port?.number ?? p.backend?.service?.port?.name,
      })),
    ),
  };
}

export function toEvent(o: CoreV1Event): KubeEvent {
  return {
    ...meta(o.metadata),
    type: o.type ?? 'Normal',
    reason: o.reason ?? '',
    message: o.message ?? '',
    involvedObject: {
      kind: o.involvedObject?.kind ?? '',
      name: o.involvedObject?.name ?? '',
      namespace: o.involvedObject?.namespace,
    },
    count: o.count ?? 1,
    lastSeen: iso(o.lastTimestamp ?? o.eventTime ?? o.metadata?.creationTimestamp),
  };
}
