/**
 * The checks of the data-quality report: pure functions from catalog entities and Kubernetes
 * snapshots to findings, so that each can be tested without a backend.
 */
import { parseEntityRef, stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import type { UnprocessedEntity } from '@backstage/plugin-catalog-unprocessed-entities-common';
import { matchesLabels, parseLabelSelector } from '@internal/plugin-portal-common';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_PAGERDUTY_SERVICE_ID,
  type Freshness,
} from '@internal/plugin-infra-common';
import { worstFreshness, type EntityTargets, type KubeWorkload } from '@internal/plugin-infra-node';
import {
  PROBLEMS,
  SEVERITIES,
  type Finding,
  type KubernetesFreshness,
  type Problem,
  type QualityReport,
} from './types';

/**
 * The key of the "no SLO" finding (kept so the frontend's translations still match). The SLO
 * itself is declared in `spec.slo` (see @internal/plugin-slo-common).
 */
export const ANNOTATION_SLO_ENDPOINTS = 'platform-portal.io/slo-endpoints';

/** Set by the catalog on entities that their location no longer provides. */
export const ANNOTATION_ORPHAN = 'backstage.io/orphan';

/** Kinds whose spec requires an owner. */
const OWNED_KINDS = new Set(['component', 'api', 'resource', 'system', 'domain', 'template']);

/** Component types that run as long-lived services and need the portal's integrations. */
const RUNNING_TYPES = new Set(['service', 'website', 'worker']);

/** Component types that run as Jobs/CronJobs: no Deployment or StatefulSet is expected. */
const JOB_TYPES = new Set(['batch-job']);

const lower = (s: unknown) => (typeof s === 'string' ? s.toLocaleLowerCase('en-US') : '');

type Targets = (entity: Entity) => EntityTargets;

/** The fields of an entity that every finding about it carries. */
function about(entity: Entity): Pick<Finding, 'entityRef' | 'kind' | 'name' | 'owner'> {
  const owner = ownerRef(entity);
  return {
    entityRef: stringifyEntityRef(entity),
    kind: entity.kind,
    name: entity.metadata.name,
    ...(owner ? { owner: owner.ref } : {}),
  };
}

/** The owner of an entity as a full reference (default kind Group, the entity's namespace). */
export function ownerRef(entity: Entity): { ref: string; valid: boolean } | undefined {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner.trim()) return undefined;
  try {
    const ref = parseEntityRef(owner.trim(), {
      defaultKind: 'Group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
    return { ref: stringifyEntityRef(ref), valid: true };
  } catch {
    return { ref: owner, valid: false };
  }
}

/** `processing-error`: entities in the catalog whose status carries errors. */
export function processingErrorFindings(entities: AlphaEntity[]): Finding[] {
  return entities.flatMap(entity =>
    (entity.status?.items ?? [])
      .filter(item => item.level === 'error')
      .map(item => ({
        problem: 'processing-error' as const,
        severity: 'error' as const,
        ...about(entity),
        detail: item.error?.message ?? item.message,
      })),
  );
}

/** The reference of an unprocessed entity (the module leaves `entity_ref` empty for some rows). */
function unprocessedRef(u: UnprocessedEntity): string | undefined {
  if (u.entity_ref) return lower(u.entity_ref);
  const e = u.unprocessed_entity;
  if (!e?.kind || !e.metadata?.name) return undefined;
  return lower(
    stringifyEntityRef({
      kind: e.kind,
      namespace: e.metadata.namespace ?? 'default',
      name: e.metadata.name,
    }),
  );
}

/**
 * `processing-error`: entities that failed processing and never made it into the catalog, as the
 * catalog's unprocessed-entities module lists them (its `failed` and `pending` lists: an entity
 * that fails on its first run stays "pending", with errors). Rows without errors are still
 * waiting for their first run and are skipped, and so are refs already in the catalog (`known`,
 * whose status errors are reported instead). The findings carry no `entityRef` (there is no
 * entity page to link to) but their `location`.
 */
export function failedEntityFindings(unprocessed: UnprocessedEntity[], known: Set<string>): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const u of unprocessed) {
    // The module hands `errors` over as stored: an empty string when there are none.
    const errors = Array.isArray(u.errors) ? u.errors : [];
    const messages = errors.map(e => e?.message).filter(Boolean);
    if (!messages.length) continue;
    const ref = unprocessedRef(u);
    if (ref && (known.has(ref) || seen.has(ref))) continue;
    if (ref) seen.add(ref);
    const entity = u.unprocessed_entity;
    let kind = entity?.kind;
    let name = entity?.metadata?.name;
    if (ref && (!kind || !name)) {
      const parsed = parseEntityRef(ref);
      kind = kind ?? parsed.kind;
      name = name ?? parsed.name;
    }
    const owner = entity?.spec ? ownerRef(entity) : undefined;
    out.push({
      problem: 'processing-error',
      severity: 'error',
      ...(kind ? { kind } : {}),
      ...(name ? { name } : {}),
      ...(owner ? { owner: owner.ref } : {}),
      ...(u.location_key ? { location: u.location_key } : {}),
      // Like the status of entities in the catalog: the catalog's own words.
      detail: messages.join('; '),
    });
  }
  return out;
}

/** `missing-owner` and `unknown-owner`. `known` holds the lower-cased refs of every entity. */
export function ownerFindings(entities: Entity[], known: Set<string>): Finding[] {
  const out: Finding[] = [];
  for (const entity of entities) {
    if (!OWNED_KINDS.has(lower(entity.kind))) continue;
    const owner = ownerRef(entity);
    if (!owner) {
      out.push({
        problem: 'missing-owner',
        severity: 'error',
        ...about(entity),
        detail: 'spec.owner is not set',
      });
    } else if (!owner.valid) {
      out.push({
        problem: 'unknown-owner',
        severity: 'error',
        ...about(entity),
        detail: `spec.owner "${owner.ref}" is not a valid entity reference`,
      });
    } else if (!known.has(lower(owner.ref))) {
      out.push({
        problem: 'unknown-owner',
        severity: 'error',
        ...about(entity),
        detail: `spec.owner ${owner.ref} is not in the catalog`,
      });
    }
  }
  return out;
}

/**
 * `missing-annotation`: Components of type service, website or worker without what the portal
 * needs — a Kubernetes id or selector (all), a PagerDuty service (production), an SLO in
 * `spec.slo` (info).
 */
export function annotationFindings(entities: Entity[], targets: Targets): Finding[] {
  const out: Finding[] = [];
  for (const entity of entities) {
    if (lower(entity.kind) !== 'component' || !RUNNING_TYPES.has(lower(entity.spec?.type))) continue;
    const t = targets(entity);
    const type = String(entity.spec?.type);
    if (!t.kubernetes) {
      out.push({
        problem: 'missing-annotation',
        severity: 'warning',
        ...about(entity),
        annotation: ANNOTATION_KUBERNETES_ID,
        detail: `No ${ANNOTATION_KUBERNETES_ID} or ${ANNOTATION_KUBERNETES_LABEL_SELECTOR}: the portal cannot find its workloads`,
      });
    }
    if (lower(entity.spec?.lifecycle) === 'production' && !t.pagerduty) {
      out.push({
        problem: 'missing-annotation',
        severity: 'error',
        ...about(entity),
        annotation: ANNOTATION_PAGERDUTY_SERVICE_ID,
        detail: `No ${ANNOTATION_PAGERDUTY_SERVICE_ID} on a production ${type}: no on-call or incidents can be shown`,
      });
    }
    const slo = entity.spec?.slo;
    if (typeof slo !== 'object' || slo === null || Array.isArray(slo)) {
      out.push({
        problem: 'missing-annotation',
        severity: 'info',
        ...about(entity),
        annotation: ANNOTATION_SLO_ENDPOINTS,
        detail: 'No SLO declared (spec.slo)',
      });
    }
  }
  return out;
}

/** `orphan`: entities whose location no longer provides them. */
export function orphanFindings(entities: Entity[]): Finding[] {
  return entities
    .filter(e => e.metadata.annotations?.[ANNOTATION_ORPHAN] === 'true')
    .map(entity => ({
      problem: 'orphan' as const,
      severity: 'warning' as const,
      ...about(entity),
      detail: 'Orphaned: the location that provided this entity no longer does',
    }));
}

/** One cluster's workload snapshot: `workloads` is absent when the cluster could not be read. */
export interface ClusterWorkloads {
  cluster: string;
  freshness: Freshness;
  workloads?: KubeWorkload[];
}

type LabelRequirement = ReturnType<typeof parseLabelSelector>[number];

interface KubernetesTarget {
  entity: Entity;
  requirements: LabelRequirement[];
  namespace?: string;
  clusters?: string[];
}

const ageNote = (f: Freshness) => (f.state === 'stale' ? ` (from a snapshot ${f.ageSeconds ?? '?'} s old)` : '');

/**
 * The drift between the catalog and the clusters:
 * - `workload-without-entity`: a Deployment or StatefulSet that no entity's Kubernetes target
 *   (selector, namespace, clusters) matches;
 * - `no-running-workload`: an entity whose target matches no workload in the clusters it looks in,
 *   reported only when every one of those clusters could be read (fresh or stale data).
 * Targets with an invalid label selector are reported as `missing-annotation` instead.
 */
export function driftFindings(entities: Entity[], clusters: ClusterWorkloads[], targets: Targets): Finding[] {
  const out: Finding[] = [];
  const k8s: KubernetesTarget[] = [];
  for (const entity of entities) {
    const target = targets(entity).kubernetes;
    if (!target) continue;
    try {
      k8s.push({
        entity,
        requirements: parseLabelSelector(target.labelSelector),
        namespace: target.namespace,
        clusters: target.clusters,
      });
    } catch (e) {
      out.push({
        problem: 'missing-annotation',
        severity: 'error',
        ...about(entity),
        annotation: ANNOTATION_KUBERNETES_LABEL_SELECTOR,
        detail: `Invalid Kubernetes label selector "${target.labelSelector}": ${(e as Error).message}`,
      });
    }
  }

  const matches = (t: KubernetesTarget, cluster: string, w: KubeWorkload) =>
    (!t.clusters || t.clusters.includes(cluster)) &&
    (!t.namespace || t.namespace === w.namespace) &&
    matchesLabels(t.requirements, w.labels);

  for (const c of clusters) {
    for (const w of c.workloads ?? []) {
      if (k8s.some(t => matches(t, c.cluster, w))) continue;
      out.push({
        problem: 'workload-without-entity',
        severity: 'warning',
        kind: w.kind,
        name: w.name,
        cluster: c.cluster,
        namespace: w.namespace,
        detail: `${w.kind} ${w.namespace}/${w.name} in ${c.cluster} matches no catalog entity${ageNote(c.freshness)}`,
      });
    }
  }

  const byName = new Map(clusters.map(c => [c.cluster, c]));
  for (const t of k8s) {
    const { entity } = t;
    if (lower(entity.kind) === 'component' && JOB_TYPES.has(lower(entity.spec?.type))) continue;
    const named = t.clusters ?? clusters.map(c => c.cluster);
    const looked = named.map(n => byName.get(n)).filter((c): c is ClusterWorkloads => !!c);
    const unknown = named.filter(n => !byName.has(n));
    // An unreadable cluster could hold the workload: say nothing rather than something wrong.
    if (looked.some(c => !c.workloads)) continue;
    if (looked.some(c => c.workloads!.some(w => matches(t, c.cluster, w)))) continue;
    const where = looked.length
      ? `in ${looked.map(c => c.cluster).join(', ')}`
      : `anywhere: none of its clusters (${unknown.join(', ')}) is configured`;
    const stale = looked.find(c => c.freshness.state === 'stale');
    const inNamespace = t.namespace ? ` in namespace ${t.namespace}` : '';
    const alsoUnknown = looked.length && unknown.length ? ` (unknown clusters: ${unknown.join(', ')})` : '';
    out.push({
      problem: 'no-running-workload',
      severity: 'warning',
      ...about(entity),
      ...(looked.length === 1 ? { cluster: looked[0].cluster } : {}),
      ...(t.namespace ? { namespace: t.namespace } : {}),
      detail: `No Deployment or StatefulSet matches its Kubernetes target${inNamespace} ${where}${alsoUnknown}${
        stale ? ageNote(stale.freshness) : ''
      }`,
    });
  }
  return out;
}

const SEVERITY_RANK = new Map<string, number>(SEVERITIES.map((s, i) => [s, i]));
const PROBLEM_RANK = new Map<string, number>(PROBLEMS.map((p, i) => [p, i]));

/** Most severe first, then by problem, then by entity or workload. */
export function sortFindings(findings: Finding[]): Finding[] {
  const key = (f: Finding) => f.entityRef ?? `${f.cluster ?? ''}/${f.namespace ?? ''}/${f.name ?? ''}`;
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK.get(a.severity)! - SEVERITY_RANK.get(b.severity)! ||
      PROBLEM_RANK.get(a.problem)! - PROBLEM_RANK.get(b.problem)! ||
      key(a).localeCompare(key(b)) ||
      (a.annotation ?? '').localeCompare(b.annotation ?? ''),
  );
}

export function countFindings(findings: Finding[]): Record<Problem, number> {
  const counts = Object.fromEntries(PROBLEMS.map(p => [p, 0])) as Record<Problem, number>;
  for (const f of findings) counts[f.problem]++;
  return counts;
}

export function kubernetesFreshness(clusters: ClusterWorkloads[]): KubernetesFreshness {
  return {
    ...worstFreshness(clusters.map(c => c.freshness)),
    clusters: clusters.map(c => ({
      cluster: c.cluster,
      freshness: c.freshness,
    })),
  };
}

/** Every check over one read of the catalog and the clusters. */
export function buildReport(input: {
  entities: AlphaEntity[];
  unprocessed: UnprocessedEntity[] | { error: string };
  clusters: ClusterWorkloads[];
  targets: Targets;
  sandbox: boolean;
  now: Date;
}): QualityReport {
  const { entities, unprocessed, clusters, targets } = input;
  const known = new Set(entities.map(e => lower(stringifyEntityRef(e))));
  const findings = sortFindings([
    ...processingErrorFindings(entities),
    ...(Array.isArray(unprocessed) ? failedEntityFindings(unprocessed, known) : []),
    ...ownerFindings(entities, known),
    ...annotationFindings(entities, targets),
    ...orphanFindings(entities),
    ...driftFindings(entities, clusters, targets),
  ]);
  return {
    generatedAt: input.now.toISOString(),
    sandbox: input.sandbox,
    findings,
    counts: countFindings(findings),
    kubernetesFreshness: kubernetesFreshness(clusters),
    unprocessedEntities: Array.isArray(unprocessed)
      ? { state: 'fresh' }
      : { state: 'unavailable', error: unprocessed.error },
  };
}
