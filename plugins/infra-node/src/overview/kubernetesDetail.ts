import type { ClusterDetail } from '@internal/plugin-infra-common';
import { matchesLabels, matchesMatchLabels, parseLabelSelector } from '@internal/plugin-portal-common';
import type { KubeResourceMap } from '../upstreams/kubernetes/types';
import { summarizeWorkloads } from './workloads';

/**
 * Everything the Kubernetes tab shows for one entity in one cluster, cut from the cluster
 * snapshots: workloads with rollout history, pods with containers, HPAs, PDBs, Services,
 * Ingresses and the events about any of those objects.
 */
export function kubernetesDetail(
  snapshot: Partial<KubeResourceMap> & Pick<KubeResourceMap, 'workloads' | 'pods'>,
  target: { labelSelector: string; namespace?: string },
): Omit<ClusterDetail, 'cluster' | 'freshness' | 'consoleUrl'> {
  const requirements = parseLabelSelector(target.labelSelector);
  const inScope = (o: { namespace: string; labels: Record<string, string> }) =>
    (!target.namespace || o.namespace === target.namespace) && matchesLabels(requirements, o.labels);
  const workloads = summarizeWorkloads(snapshot, target);
  const mine = snapshot.workloads.filter(inScope);
  const pods = snapshot.pods.filter(
    p => mine.some(w => w.namespace === p.namespace && matchesMatchLabels(w.selector, p.labels)) || inScope(p),
  );
  const replicasets = (snapshot.replicasets ?? []).filter(rs =>
    mine.some(w => w.kind === 'Deployment' && rs.owner?.name === w.name && rs.namespace === w.namespace),
  );
  const namespaces = new Set(mine.map(w => w.namespace));
  const services = (snapshot.services ?? []).filter(
    s => namespaces.has(s.namespace) && (inScope(s) || mine.some(w => matchesMatchLabels(s.selector, w.podLabels))),
  );
  const serviceNames = new Set(services.map(s => s.name));
  const ingresses = (snapshot.ingresses ?? []).filter(
    i => namespaces.has(i.namespace) && i.paths.some(p => p.service && serviceNames.has(p.service)),
  );
  const hpas = (snapshot.hpas ?? []).filter(h =>
    mine.some(w => w.namespace === h.namespace && w.name === h.target.name),
  );
  const pdbs = (snapshot.pdbs ?? []).filter(b =>
    mine.some(w => w.namespace === b.namespace && matchesMatchLabels(b.selector, w.podLabels)),
  );
  const objects = new Set([
    ...mine.map(w => `${w.kind}/${w.name}`),
    ...replicasets.map(r => `ReplicaSet/${r.name}`),
    ...pods.map(p => `Pod/${p.name}`),
    ...hpas.map(h => `HorizontalPodAutoscaler/${h.name}`),
  ]);
  const events = (snapshot.events ?? [])
    .filter(e => namespaces.has(e.involvedObject.namespace ?? e.namespace))
    .filter(e => objects.has(`${e.involvedObject.kind}/${e.involvedObject.name}`))
    .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''))
    .slice(0, 50);

  return {
    workloads: workloads.map(w => ({
      ...w,
      rollouts: replicasets
        .filter(rs => rs.owner?.name === w.name && rs.namespace === w.namespace)
        .sort((a, b) => Number(b.revision ?? 0) - Number(a.revision ?? 0))
        .map(rs => ({
          replicaSet: rs.name,
          revision: rs.revision,
          images: rs.images,
          replicas: rs.replicas,
          createdAt: rs.createdAt,
        })),
    })),
    pods: pods.map(p => ({
      name: p.name,
      namespace: p.namespace,
      owner: p.owner?.name,
      phase: p.phase,
      ready: p.ready,
      restarts: p.containers.reduce((n, c) => n + c.restartCount, 0),
      node: p.node,
      podIP: p.podIP,
      startedAt: p.startedAt,
      waitingReason: p.containers.find(c => c.waitingReason)?.waitingReason,
      lastTerminationReason: p.containers.find(c => c.lastTerminationReason)?.lastTerminationReason,
      containers: p.containers.map(c => ({
        name: c.name,
        image: c.image,
        ready: c.ready,
        restarts: c.restartCount,
        state: c.state,
        waitingReason: c.waitingReason,
        lastTerminationReason: c.lastTerminationReason,
        lastTerminationExitCode: c.lastTerminationExitCode,
        lastTerminatedAt: c.lastTerminatedAt,
      })),
    })),
    hpas: hpas.map(h => ({
      name: h.name,
      target: `${h.target.kind}/${h.target.name}`,
      minReplicas: h.minReplicas,
      maxReplicas: h.maxReplicas,
      currentReplicas: h.currentReplicas,
      cpuUtilization: h.cpuUtilization,
      cpuTarget: h.cpuTarget,
    })),
    pdbs: pdbs.map(b => ({
      name: b.name,
      minAvailable: b.minAvailable,
      maxUnavailable: b.maxUnavailable,
      disruptionsAllowed: b.disruptionsAllowed,
      currentHealthy: b.currentHealthy,
      desiredHealthy: b.desiredHealthy,
    })),
    services: services.map(s => ({
      name: s.name,
      type: s.type,
      clusterIP: s.clusterIP,
      ports: s.ports.map(
        p => `${p.port}${p.targetPort !== undefined ? `→${p.targetPort}` : ''}/${p.protocol ?? 'TCP'}`,
      ),
    })),
    ingresses: ingresses.map(i => ({
      name: i.name,
      hosts: i.hosts,
      paths: i.paths.map(p => `${p.host ?? '*'}${p.path ?? '/'} → ${p.service}:${p.port}`),
    })),
    events: events.map(e => ({
      type: e.type,
      reason: e.reason,
      message: e.message,
      object: `${e.involvedObject.kind}/${e.involvedObject.name}`,
      count: e.count,
      lastSeen: e.lastSeen,
    })),
  };
}
