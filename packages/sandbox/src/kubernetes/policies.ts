import { pick, rfc3339, uidFor } from './ids';
import { objectMeta, type KubeObject } from './meta';
import type { AutoscalerModel, ClusterModel, WorkloadModel } from './model';

/** autoscaling/v2 HorizontalPodAutoscalers and policy/v1 PodDisruptionBudgets. */

export const CPU_TARGET = 70;
/** The HPA controller ignores ratios within 10 % of the target (`--horizontal-pod-autoscaler-tolerance`). */
const TOLERANCE = 0.1;

function hpaCondition(type: string, status: string, reason: string, message: string, at: number) {
  return { type, status, lastTransitionTime: rfc3339(at), reason, message };
}

/** What the controller would ask for before clamping to min/max. */
function rawDesired(a: AutoscalerModel): number {
  const ratio = a.cpu / CPU_TARGET;
  if (Math.abs(ratio - 1) <= TOLERANCE) return a.current;
  return Math.ceil(a.current * ratio);
}

/** The ScalingLimited condition, as the controller words it. */
function scalingLimited(a: AutoscalerModel, at: number) {
  const raw = rawDesired(a);
  if (raw > a.max) {
    return hpaCondition(
      'ScalingLimited',
      'True',
      'TooManyReplicas',
      'the desired replica count is more than the maximum replica count',
      at,
    );
  }
  if (raw < a.min) {
    return hpaCondition(
      'ScalingLimited',
      'True',
      'TooFewReplicas',
      'the desired replica count is less than the minimum replica count',
      at,
    );
  }
  return hpaCondition(
    'ScalingLimited',
    'False',
    'DesiredWithinRange',
    'the desired count is within the acceptable range',
    at,
  );
}

function millicores(quantity: string | undefined): number {
  if (!quantity) return 100;
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) : Number(quantity) * 1000;
}

export function autoscalerUid(model: ClusterModel, workload: WorkloadModel): string {
  return uidFor(model.cluster.name, 'HorizontalPodAutoscaler', workload.namespace, workload.name);
}

export function autoscalerOf(model: ClusterModel, workload: WorkloadModel, a: AutoscalerModel): KubeObject {
  const created = workload.created + pick(60, 3600, workload.name, 'hpa-lag');
  const perPodCpu = Math.round((millicores(workload.container.resources?.requests.cpu) * a.cpu) / 100);
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: objectMeta(model.cluster.name, 'HorizontalPodAutoscaler', {
      name: workload.name,
      namespace: workload.namespace,
      uid: autoscalerUid(model, workload),
      created,
      labels: workload.labels,
    }),
    spec: {
      scaleTargetRef: { kind: workload.kind, name: workload.name, apiVersion: 'apps/v1' },
      minReplicas: a.min,
      maxReplicas: a.max,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: CPU_TARGET } },
        },
      ],
    },
    status: {
      lastScaleTime: rfc3339(a.lastScaleTime),
      currentReplicas: a.current,
      desiredReplicas: a.desired,
      currentMetrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', current: { averageValue: `${perPodCpu}m`, averageUtilization: a.cpu } },
        },
      ],
      conditions: [
        hpaCondition(
          'AbleToScale',
          'True',
          'ReadyForNewScale',
          'recommended size matches current size',
          a.lastScaleTime + 300,
        ),
        hpaCondition(
          'ScalingActive',
          'True',
          'ValidMetricFound',
          'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
          created + 60,
        ),
        scalingLimited(a, a.lastScaleTime),
      ],
    },
  };
}

/**
 * One PDB per catalog workload: `minAvailable: 1` for two replicas or fewer, otherwise
 * `maxUnavailable: 1`. The status is what the disruption controller computes from ready pods.
 */
export function disruptionBudgetOf(model: ClusterModel, workload: WorkloadModel): KubeObject {
  const expected = workload.replicas;
  const small = expected <= 2;
  const desiredHealthy = small ? 1 : expected - 1;
  const currentHealthy = workload.pods.filter(p => p.readySince !== undefined).length;
  const allowed = Math.max(0, currentHealthy - desiredHealthy);
  const lastChange = Math.max(
    workload.revisions[workload.revisions.length - 1].created + 60,
    ...workload.pods.map(p => p.notReadySince ?? 0),
  );
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: objectMeta(model.cluster.name, 'PodDisruptionBudget', {
      name: workload.name,
      namespace: workload.namespace,
      uid: uidFor(model.cluster.name, 'PodDisruptionBudget', workload.namespace, workload.name),
      created: workload.created + pick(5, 120, workload.name, 'pdb-lag'),
      generation: 1,
      labels: workload.labels,
    }),
    spec: {
      ...(small ? { minAvailable: 1 } : { maxUnavailable: 1 }),
      selector: { matchLabels: { ...workload.selector } },
    },
    status: {
      observedGeneration: 1,
      disruptionsAllowed: allowed,
      currentHealthy,
      desiredHealthy,
      expectedPods: expected,
      conditions: [
        {
          type: 'DisruptionAllowed',
          status: allowed > 0 ? 'True' : 'False',
          observedGeneration: 1,
          lastTransitionTime: rfc3339(lastChange),
          reason: allowed > 0 ? 'SufficientPods' : 'InsufficientPods',
          message: '',
        },
      ],
    },
  };
}
