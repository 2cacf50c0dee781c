/** Wire types of `GET /api/catalog-quality/report`, shared by its backend and frontend. */
import type { Freshness } from '@internal/plugin-infra-common';

/** Every kind of problem the report looks for, in the order the report lists them. */
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

/** One data-quality problem of one catalog entity or one Kubernetes workload. */
export interface Finding {
  problem: Problem;
  severity: Severity;
  /** Set when the entity is in the catalog (so that it can be linked to). */
  entityRef?: string;
  /** The entity's kind, or `Deployment` / `StatefulSet` for a workload without an entity. */
  kind?: string;
  /** The entity's or the workload's name. */
  name?: string;
  /** The owner as a full entity reference (as written when it is not a valid reference). */
  owner?: string;
  cluster?: string;
  /** Kubernetes namespace. */
  namespace?: string;
  /** `missing-annotation`: the annotation (or spec field) to add or fix. */
  annotation?: string;
  /** `processing-error` of an entity that never made it into the catalog: where it was read from. */
  location?: string;
  /** What is wrong, in English (the UI shows its own translated wording where it can). */
  detail: string;
}

/** How current the Kubernetes snapshots behind the drift findings are: the worst cluster, and each. */
export interface KubernetesFreshness extends Freshness {
  clusters: Array<{ cluster: string; freshness: Freshness }>;
}

export interface QualityReport {
  generatedAt: string;
  /** True when Kubernetes is the local sandbox, not the real clusters. */
  sandbox: boolean;
  findings: Finding[];
  /** Findings per problem over the whole report (every problem present, zero when none). */
  counts: Record<Problem, number>;
  kubernetesFreshness: KubernetesFreshness;
  /**
   * Whether the entities that failed processing (and so are not in the catalog) could be read
   * from the catalog's unprocessed-entities module.
   */
  unprocessedEntities: { state: 'fresh' | 'unavailable'; error?: string };
}

export interface QualityReportFilter {
  problem?: Problem;
  severity?: Severity;
}
