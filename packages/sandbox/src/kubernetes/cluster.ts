import type { World } from '../world/types';
import {
  addonWorkloadsOf,
  namespacesOf,
  nodesOf,
  workloadOfService,
  workloadOfStray,
  type ClusterModel,
  type WorkloadModel,
} from './model';
import { applyScenarios } from './scenarios';

/** Builds the model of one cluster: the catalog services it runs, scenarios applied, and strays. */
export function buildClusterModel(world: World, clusterName: string, anchor: number): ClusterModel {
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
  const namespaces = namespacesOf(cluster, world, workloads, anchor);
  // kube-system (in the namespaces already) runs the provider's add-ons.
  workloads.push(...addonWorkloadsOf(cluster, nodes, anchor));
  return { cluster, anchor, nodes, namespaces, workloads };
}
