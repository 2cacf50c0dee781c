import type { TrafficClock } from './world/traffic';
import type { World } from './world/types';

/** What every simulator is built from. */
export interface SimulatorContext {
  world: World;
  clock: TrafficClock;
  /** Kubernetes objects deleted through the admin API (absent: nothing can be deleted). */
  deletions?: KubernetesDeletions;
}

/**
 * Kubernetes objects removed from the simulated clusters (e.g. a PodDisruptionBudget), keyed by
 * cluster, resource plural, namespace and name. The API servers leave them out of lists and gets
 * until they are restored.
 */
export class KubernetesDeletions {
  private readonly keys = new Set<string>();

  private static key(cluster: string, plural: string, namespace: string, name: string) {
    return JSON.stringify([cluster, plural, namespace, name]);
  }

  delete(cluster: string, plural: string, namespace: string, name: string): void {
    this.keys.add(KubernetesDeletions.key(cluster, plural, namespace, name));
  }

  isDeleted(cluster: string, plural: string, namespace: string, name: string): boolean {
    return this.keys.size > 0 && this.keys.has(KubernetesDeletions.key(cluster, plural, namespace, name));
  }

  list(): Array<{ cluster: string; resource: string; namespace: string; name: string }> {
    return [...this.keys].map(k => {
      const [cluster, resource, namespace, name] = JSON.parse(k) as string[];
      return { cluster, resource, namespace, name };
    });
  }

  /** Brings every deleted object back. */
  restoreAll(): void {
    this.keys.clear();
  }
}

/**
 * Credentials the simulators accept. They are not secrets: they only open the local sandbox,
 * and the simulators answer 401/403 in the vendor's format without them.
 */
export const SANDBOX_CREDENTIALS = {
  kubernetesToken: 'sandbox-service-account-token',
  datadogApiKey: 'sandbox-dd-api-key',
  datadogAppKey: 'sandbox-dd-application-key',
  pagerdutyToken: 'sandbox-pagerduty-token',
  /** Routing (integration) key accepted by the Events API v2. */
  pagerdutyRoutingKey: 'sandbox0routing0key0000000000000',
  /** Token of the GitHub API (REST and GraphQL) of the example organisation. */
  githubToken: 'sandbox-github-token',
} as const;
