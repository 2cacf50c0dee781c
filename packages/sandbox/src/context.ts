import type { TrafficClock } from './world/traffic';
import type { World } from './world/types';

/** What every simulator is built from. */
export interface SimulatorContext {
  world: World;
  clock: TrafficClock;
  /** Kubernetes objects deleted through the admin API (absent: nothing can be deleted). */
  deletions?: KubernetesDeletions;
  /** Deployments rolled out through the admin API (absent: the clusters never change). */
  rollouts?: KubernetesRollouts;
  /** Change events the PagerDuty Events API accepted (absent: kept inside the router only). */
  pagerDutyChanges?: PagerDutyChangeLog;
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

/** A rollout of a Deployment asked for through the admin API. */
export interface KubernetesRollout {
  cluster: string;
  namespace: string;
  name: string;
  /** The new template's version (`v1.20.0`); its image is the old one with this tag. */
  version: string;
  /** The new image, when given instead of (or with) a version. */
  image?: string;
  /** Epoch seconds. */
  at: number;
}

/**
 * Rollouts of Deployments: each one is a new revision (`deployment.kubernetes.io/revision` + 1),
 * a new ReplicaSet and new pods, as `kubectl set image` would make. `version` changes with every
 * rollout so the API servers know to rebuild their objects.
 */
export class KubernetesRollouts {
  private readonly items: KubernetesRollout[] = [];
  version = 0;

  add(rollout: KubernetesRollout): void {
    this.items.push(rollout);
    this.version += 1;
  }

  /** The rollouts of one cluster, oldest first. */
  of(cluster: string): KubernetesRollout[] {
    return this.items.filter(r => r.cluster === cluster);
  }

  list(): KubernetesRollout[] {
    return [...this.items];
  }

  clear(): void {
    this.items.length = 0;
    this.version += 1;
  }
}

/** A change event as the sandbox's PagerDuty stored it. */
export interface PagerDutyChange {
  id: string;
  serviceId: string;
  summary: string;
  /** When PagerDuty received it (ISO 8601). */
  receivedAt: string;
  timestamp?: string;
  source?: string;
  customDetails?: Record<string, unknown>;
  links: Array<{ href: string; text?: string }>;
  /** The request body as sent (for contract checks of the sender). */
  body: Record<string, unknown>;
}

/** The change events received by the Events API (newest last, at most 1,000). */
export class PagerDutyChangeLog {
  readonly items: PagerDutyChange[] = [];

  add(change: PagerDutyChange): void {
    this.items.push(change);
    if (this.items.length > 1000) this.items.shift();
  }

  clear(): void {
    this.items.length = 0;
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
