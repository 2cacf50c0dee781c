import { createApiRef } from '@backstage/frontend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  EntityDeploys,
  EntityKubernetes,
  EntityOverview,
  InfraHealth,
  TeamSummary,
} from '@internal/plugin-infra-common';

/** Which container log to read, and from which pod and cluster. */
export interface PodLogOptions {
  cluster: string;
  pod: string;
  container?: string;
  /** The log of the previous (crashed) container instead of the running one. */
  previous?: boolean;
}

/** The `infra` backend's REST API, as the frontend uses it. */
export interface InfraApi {
  getHealth(): Promise<InfraHealth>;
  /**
   * Workloads, on-call, incidents, monitors and deploys of one entity. Concurrent callers for the
   * same entity share one request (several cards on a page read the same overview).
   */
  getEntityOverview(entity: CompoundEntityRef): Promise<EntityOverview>;
  /** Everything the Kubernetes tab shows for one entity, per cluster. */
  getEntityKubernetes(entity: CompoundEntityRef): Promise<EntityKubernetes>;
  /** A team (Group entity): its services with their health, its on-call and open incidents. */
  getTeamSummary(group: CompoundEntityRef): Promise<TeamSummary>;
  /**
   * The rollouts the portal recorded for the entity's Deployments in `[from, to)` (ISO 8601;
   * default the last 30 days, at most 400), oldest first: `GET /api/infra/deploys`.
   */
  getEntityDeploys(entity: CompoundEntityRef, window?: { from?: string; to?: string }): Promise<EntityDeploys>;
  /** A container's log; rejects with a `ResponseError` (403 without permission, 400 without a previous container). */
  getPodLog(entity: CompoundEntityRef, options: PodLogOptions): Promise<string>;
}

export const infraApiRef = createApiRef<InfraApi>({
  id: 'plugin.infra.service',
});
