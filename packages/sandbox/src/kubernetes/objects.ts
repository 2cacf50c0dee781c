import type { KubernetesRollout } from '../context';
import type { World } from '../world/types';
import { buildClusterModel } from './cluster';
import { coreEventOf, eventModelsOf, eventsV1EventOf } from './events';
import { resourceVersionFor } from './ids';
import { objectMeta, type KubeObject } from './meta';
import type { ClusterModel, NamespaceModel } from './model';
import { ingressOf, serviceOf } from './networking';
import { autoscalerOf, disruptionBudgetOf } from './policies';
import { RESOURCES, resourceKey, type ResourceType } from './resources';
import { deploymentOf, podOf, replicaSetsOf, statefulSetOf } from './workloads';

/**
 * Every object of one cluster, by resource type, sorted the way the API server lists them
 * (by namespace, then name: the order of the keys in etcd).
 */
export interface ClusterObjects {
  model: ClusterModel;
  /** The list resourceVersion: newer than every object's. */
  resourceVersion: string;
  byResource: Map<string, KubeObject[]>;
}

/** The label on a Namespace that names the team owning it (read by the portal's pod-log access). */
export const NAMESPACE_OWNER_LABEL = 'platform-portal.io/owner';

function namespaceOf(model: ClusterModel, ns: NamespaceModel): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: objectMeta(model.cluster.name, 'Namespace', {
      name: ns.name,
      uid: ns.uid,
      created: ns.created,
      // The owning team, as the portal reads it (platform-portal.io/owner) and as the company's
      // older tooling does (team). kube-system has no owner.
      labels: {
        'kubernetes.io/metadata.name': ns.name,
        ...(ns.team ? { [NAMESPACE_OWNER_LABEL]: ns.team, team: ns.team } : {}),
      },
    }),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

function collect(model: ClusterModel): Record<string, KubeObject[]> {
  const out: Record<string, KubeObject[]> = {
    namespaces: model.namespaces.map(ns => namespaceOf(model, ns)),
    pods: [],
    services: [],
    deployments: [],
    replicasets: [],
    statefulsets: [],
    ingresses: [],
    horizontalpodautoscalers: [],
    poddisruptionbudgets: [],
  };
  for (const w of model.workloads) {
    if (w.kind === 'Deployment') {
      out.deployments.push(deploymentOf(model, w));
      out.replicasets.push(...replicaSetsOf(model, w));
    } else if (w.kind === 'StatefulSet') {
      out.statefulsets.push(statefulSetOf(model, w));
    }
    // DaemonSets (the add-ons) are not served; their pods are.
    out.pods.push(...w.pods.map(p => podOf(model, w, p)));
    if (w.exposed) out.services.push(serviceOf(model, w));
    if (w.public) out.ingresses.push(ingressOf(model, w));
    if (w.autoscaler) out.horizontalpodautoscalers.push(autoscalerOf(model, w, w.autoscaler));
    if (w.pdb) out.poddisruptionbudgets.push(disruptionBudgetOf(model, w));
  }
  return out;
}

function byNamespaceAndName(a: KubeObject, b: KubeObject) {
  const ns = (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '');
  return ns || a.metadata.name.localeCompare(b.metadata.name);
}

export function buildClusterObjects(
  world: World,
  clusterName: string,
  anchor: number,
  rollouts: readonly KubernetesRollout[] = [],
): ClusterObjects {
  const model = buildClusterModel(world, clusterName, anchor, rollouts);
  const collected = collect(model);
  const events = eventModelsOf(model);
  const byResource = new Map<string, KubeObject[]>();
  for (const type of RESOURCES) {
    let objects: KubeObject[];
    if (type.plural === 'events') {
      objects = events.map(e => (type.group ? eventsV1EventOf(model, e) : coreEventOf(model, e)));
    } else {
      objects = collected[type.plural] ?? [];
    }
    byResource.set(resourceKey(type), objects.sort(byNamespaceAndName));
  }
  return {
    model,
    // Each rollout makes the list newer.
    resourceVersion: String(
      9_000_000 + (Number(resourceVersionFor(clusterName, 'list', anchor)) % 1_000_000) + rollouts.length,
    ),
    byResource,
  };
}

export function objectsOf(objects: ClusterObjects, type: ResourceType): KubeObject[] {
  return objects.byResource.get(resourceKey(type)) ?? [];
}
