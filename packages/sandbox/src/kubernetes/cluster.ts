import type { KubernetesRollout } from '../context';
import type { World } from '../world/types';
import { suffix, uidFor } from './ids';
import {
  addonWorkloadsOf,
  namespacesOf,
  nodesOf,
  podsFor,
  type NodeModel,
  type RevisionModel,
  workloadOfService,
  workloadOfStray,
  type ClusterModel,
  type WorkloadModel,
} from './model';
import { applyScenarios } from './scenarios';

/** Builds the model of one cluster: the catalog services it runs, scenarios applied, and strays. */
export function buildClusterModel(
  world: World,
  clusterName: string,
  anchor: number,
  rollouts: readonly KubernetesRollout[] = [],
): ClusterModel {
  const cluster = world.clusters.find(c => c.name === clusterName);
  if (!cluster) throw new Error(`Unknown cluster ${clusterName}`);
  const nodes = nodesOf(cluster);
  const workloads: WorkloadModel[] = [];
  for (const service of world.services) {
    if (!service.clusters.includes(cluster.name) || service.workload === 'none') continue;
    const workload = workloadOfService(cluster, nodes, service, anchor);
    applyScenarios(cluster, nodes, workload, anchor);
    workloads.push(workload);
  }
  for (const stray of world.strays) {
    if (stray.cluster === cluster.name) workloads.push(workloadOfStray(cluster, nodes, stray, anchor));
  }
  for (const rollout of rollouts) applyRollout(cluster, nodes, workloads, rollout);
  const namespaces = namespacesOf(cluster, world, workloads, anchor);
  // kube-system (in the namespaces already) runs the provider's add-ons.
  workloads.push(...addonWorkloadsOf(cluster, nodes, anchor));
  return { cluster, anchor, nodes, namespaces, workloads };
}

/** The tag of an image reference (`registry/x/y:v1.2.0` -> `v1.2.0`), if it has one. */
const tagOf = (image: string) => /:([^:/]+)$/.exec(image)?.[1];

/**
 * A finished rollout of a Deployment (`kubectl set image`): a new revision with its own
 * ReplicaSet runs every replica; the older ReplicaSets are scaled to 0. A rollout the scenarios
 * left unfinished is replaced by it.
 */
function applyRollout(
  cluster: World['clusters'][number],
  nodes: NodeModel[],
  workloads: WorkloadModel[],
  rollout: KubernetesRollout,
) {
  const workload = workloads.find(
    w => w.kind === 'Deployment' && w.namespace === rollout.namespace && w.name === rollout.name,
  );
  if (!workload) return;
  const last = workload.revisions[workload.revisions.length - 1];
  const number = last.number + 1;
  const image = rollout.image ?? last.image.replace(/:[^:/]+$/, `:${rollout.version}`);
  const hash = suffix(10, workload.name, 'template', image, number);
  const revision: RevisionModel = {
    number,
    hash,
    name: `${workload.name}-${hash}`,
    uid: uidFor(cluster.name, workload.namespace, workload.name, hash),
    version: tagOf(image) ?? rollout.version,
    image,
    created: rollout.at,
    replicas: workload.replicas,
  };
  for (const r of workload.revisions) r.replicas = 0;
  workload.revisions.push(revision);
  workload.rollout = undefined;
  workload.pods = podsFor(cluster, nodes, workload, revision, workload.replicas);
}
