import { createApiRef } from '@backstage/frontend-plugin-api';

/*
 * Wire types of `GET /api/catalog-quality/report`, as served by
 * @internal/plugin-catalog-quality-backend (services/QualityReport/types.ts).
 */

export const PROBLEMS = [
  'processing-error',
  'missing-owner',
  'unknown-owner',
  'missing-annotation',
  'orphan',
  'workload-without-entity',
  'no-running-workload',
] as const;

export type Problem = (typeof PROBLEMS)[number];

export const SEVERITIES = ['error', 'warning', 'info'] as const;

export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  problem: Problem;
  severity: Severity;
  /** Set when the entity is in the catalog. */
  entityRef?: string;
  /** The entity's kind, or `Deployment` / `StatefulSet` for a workload without an entity. */
  kind?: string;
  name?: string;
  owner?: string;
  cluster?: string;
  namespace?: string;
  /** `missing-annotation`: the annotation to add or fix. */
  annotation?: string;
  /** `processing-error` of an entity that is not in the catalog: where it was read from. */
  location?: string;
  /** The backend's English explanation (the catalog's own message for processing errors). */
  detail: string;
}

export type FreshnessState =
  | 'fresh'
  | 'stale'
  | 'unavailable'
  | 'not-configured';

export interface Freshness {
  state: FreshnessState;
  fetchedAt?: string;
  ageSeconds?: number;
  error?: string;
}

export interface QualityReport {
  generatedAt: string;
  sandbox: boolean;
  findings: Finding[];
  counts: Record<Problem, number>;
  kubernetesFreshness: Freshness & {
    clusters: Array<{ cluster: string; freshness: Freshness }>;
  };
  unprocessedEntities: { state: 'fresh' | 'unavailable'; error?: string };
}

/** The `catalog-quality` backend's REST API, as the frontend uses it. */
export interface CatalogQualityApi {
  getReport(): Promise<QualityReport>;
}

export const catalogQualityApiRef = createApiRef<CatalogQualityApi>({
  id: 'plugin.catalog-quality.service',
});
