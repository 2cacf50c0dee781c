import type { WorkloadProblem, WorkloadSummary } from '@internal/plugin-infra-common';
import { matchesLabels, matchesMatchLabels, parseLabelSelector } from '@internal/plugin-portal-common';
import type { KubeHpa, KubePdb, KubePod, KubeReplicaSet, KubeWorkload } from '../upstreams/kubernetes/types';

export interface ClusterSnapshot {
  workloads: KubeWorkload[];
  pods: KubePod[];
  replicasets?: KubeReplicaSet[];
  hpas?: KubeHpa[];
  pdbs?: KubePdb[];
}

/** The workloads of one entity in one cluster, with the problems a product engineer should see. */
export function summarizeWorkloads(
  snapshot: ClusterSnapshot,
  target: { labelSelector: string; namespace?: string },
): WorkloadSummary[] {
  const requirements = parseLabelSelector(target.labelSelector);
  const inScope = <T extends { namespace: string; labels: Record<string, string> }>(o: T) =>
    (!target.namespace || o.namespace === target.namespace) && matchesLabels(requirements, o.labels);

  return snapshot.workloads.filter(inScope).map(w => {
    const pods = snapshot.pods.filter(p => p.namespace === w.namespace && matchesMatchLabels(w.selector, p.labels));
    const hpa = snapshot.hpas?.find(
      h => h.namespace === w.namespace && h.target.kind === w.kind && h.target.name === w.name,
    );
    const pdb = snapshot.pdbs?.find(b => b.namespace === w.namespace && matchesMatchLabels(b.selector, w.podLabels));
    const problems: WorkloadProblem[] = [];
    for (const pod of pods) {
      for (const c of pod.containers) {
        if (c.waitingReason === 'CrashLoopBackOff') {
          problems.push({ code: 'CrashLoopBackOff', pod: pod.name, container: c.name, detail: c.waitingMessage });
        }
        if (c.waitingReason === 'ImagePullBackOff' || c.waitingReason === 'ErrImagePull') {
          problems.push({ code: 'ImagePullBackOff', pod: pod.name, container: c.name, detail: c.waitingMessage });
        }
        if (c.lastTerminationReason === 'OOMKilled') {
          problems.push({ code: 'OOMKilled', pod: pod.name, container: c.name, detail: `restarts: ${c.restartCount}` });
        }
      }
      if (
        pod.phase === 'Running' &&
        !pod.ready &&
        pod.containers.every(c => c.state === 'running') &&
        pod.containers.some(c => !c.ready)
      ) {
        problems.push({ code: 'ReadinessFailing', pod: pod.name });
      }
    }
    if (hpa && hpa.currentReplicas >= hpa.maxReplicas) {
      problems.push({
        code: 'HpaAtMax',
        detail:
          hpa.cpuUtilization !== undefined && hpa.cpuTarget !== undefined
            ? `CPU ${hpa.cpuUtilization}% / target ${hpa.cpuTarget}%`
            : undefined,
      });
    }
    const progressing = w.conditions.find(c => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') {
      problems.push({ code: 'RolloutStuck', detail: progressing.message });
    }
    if (w.containers.some(c => !c.hasReadinessProbe || !c.hasLivenessProbe)) {
      problems.push({ code: 'NoProbes' });
    }
    if (!pdb && w.replicas > 0 && snapshot.pdbs) problems.push({ code: 'NoPodDisruptionBudget' });

    return {
      kind: w.kind,
      name: w.name,
      namespace: w.namespace,
      desiredReplicas: w.replicas,
      readyReplicas: w.readyReplicas,
      updatedReplicas: w.updatedReplicas,
      availableReplicas: w.availableReplicas,
      restarts: pods.reduce((n, p) => n + p.containers.reduce((m, c) => m + c.restartCount, 0), 0),
      rolloutInProgress:
        w.updatedReplicas < w.replicas ||
        (w.observedGeneration !== undefined && w.generation !== undefined && w.observedGeneration < w.generation),
      images: [...new Set(w.containers.map(c => c.image))],
      ...(hpa
        ? {
            hpa: {
              minReplicas: hpa.minReplicas,
              maxReplicas: hpa.maxReplicas,
              currentReplicas: hpa.currentReplicas,
              atMax: hpa.currentReplicas >= hpa.maxReplicas,
            },
          }
        : {}),
      pods: pods.map(p => ({
        name: p.name,
        phase: p.phase,
        ready: p.ready,
        restarts: p.containers.reduce((m, c) => m + c.restartCount, 0),
        node: p.node,
        startedAt: p.startedAt,
        waitingReason: p.containers.find(c => c.waitingReason)?.waitingReason,
        lastTerminationReason: p.containers.find(c => c.lastTerminationReason)?.lastTerminationReason,
      })),
      problems,
    };
  });
}
