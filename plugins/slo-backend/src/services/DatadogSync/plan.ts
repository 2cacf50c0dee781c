import {
  datadogTagValue as tagValueOf,
  type DatadogSloSpec,
  type SliRule,
  type SloSyncChange,
} from '@internal/plugin-slo-common';
import type { SloEntity } from '../Slo/types';

/** Tag on every Datadog SLO the portal manages; the sync never touches SLOs without it. */
export const MANAGED_TAG = 'managed-by:platform-portal';
export const ENTITY_TAG_PREFIX = 'backstage-entity:';

/**
 * Datadog's tag normalisation (`POST /v1/carts/{cartId}` → `post_/v1/carts/_cartid`): the SLO
 * queries name tag values as Datadog stores them. See `datadogTagValue` in slo-common.
 */
export const datadogTagValue = (value: string, key = 'resource_name') => tagValueOf(value, key);

const TIMEFRAMES: Record<string, DatadogSloSpec['timeframe'] | undefined> = {
  '7d': '7d',
  '30d': '30d',
};

/** The Datadog metric SLO that expresses an entity's `spec.slo` with the company's SLI rule. */
export function desiredSlo(
  entity: SloEntity,
  options: { metric: string; env: string; rule: SliRule },
): DatadogSloSpec | { unsupported: string } {
  const timeframe = TIMEFRAMES[entity.slo.window];
  if (!timeframe) {
    return {
      unsupported: `Datadog SLOs have 7d, 30d or 90d windows; ${entity.slo.window} cannot be synced`,
    };
  }
  const resources = entity.slo.endpoints.map(e => datadogTagValue(e.resource));
  const scope = [
    `env:${options.env}`,
    `service:${datadogTagValue(entity.service, 'service')}`,
    `resource_name:(${resources.join(' OR ')})`,
  ];
  const bad = [
    ...options.rule.badStatusClasses.map(c => `!http.status_class:${c}`),
    ...options.rule.badStatusCodes.map(c => `!http.status_code:${c}`),
  ];
  const metric = (filters: string[]) => `sum:${options.metric}{${filters.join(',')}}.as_count()`;
  return {
    name: `${entity.name} availability (portal)`,
    description:
      `Managed by Platform Portal from spec.slo of ${entity.entityRef}: ` +
      `requests are good unless ${[...options.rule.badStatusClasses, ...options.rule.badStatusCodes].join(' or ')}. ` +
      'Change catalog-info.yaml, not this SLO.',
    tags: [
      MANAGED_TAG,
      `${ENTITY_TAG_PREFIX}${entity.entityRef}`,
      `service:${datadogTagValue(entity.service, 'service')}`,
      ...(entity.owner ? [`team:${entity.owner.replace(/^group:(default\/)?/, '')}`] : []),
    ].sort(),
    numerator: metric([...scope, ...bad]),
    denominator: metric(scope),
    timeframe,
    target: entity.slo.objective,
  };
}

/** A managed SLO as it exists in Datadog. */
export interface ExistingSlo {
  id: string;
  spec: DatadogSloSpec;
}

function differences(a: DatadogSloSpec, b: DatadogSloSpec): string[] {
  const out: string[] = [];
  for (const key of ['name', 'description', 'numerator', 'denominator', 'timeframe', 'target'] as const) {
    if (a[key] !== b[key]) out.push(key);
  }
  if ([...a.tags].sort().join(',') !== [...b.tags].sort().join(',')) out.push('tags');
  return out;
}

/**
 * What the sync would do: create SLOs for definitions Datadog lacks, update the ones that drifted,
 * report unsupported windows, and list managed SLOs whose entity no longer declares one (orphans
 * are reported, never deleted automatically).
 */
export function planSync(
  entities: SloEntity[],
  existing: ExistingSlo[],
  options: { metric: string; env: string; rule: SliRule },
): SloSyncChange[] {
  const byEntity = new Map<string, ExistingSlo>();
  for (const slo of existing) {
    const tag = slo.spec.tags.find(t => t.startsWith(ENTITY_TAG_PREFIX));
    if (tag) byEntity.set(tag.slice(ENTITY_TAG_PREFIX.length), slo);
  }
  const changes: SloSyncChange[] = [];
  for (const entity of entities) {
    const desired = desiredSlo(entity, options);
    const current = byEntity.get(entity.entityRef);
    byEntity.delete(entity.entityRef);
    if ('unsupported' in desired) {
      changes.push({ entityRef: entity.entityRef, action: 'skip', reason: desired.unsupported, sloId: current?.id });
      continue;
    }
    if (!current) {
      changes.push({ entityRef: entity.entityRef, action: 'create', desired });
      continue;
    }
    const diff = differences(current.spec, desired);
    changes.push(
      diff.length
        ? {
            entityRef: entity.entityRef,
            action: 'update',
            sloId: current.id,
            desired,
            reason: `changed: ${diff.join(', ')}`,
          }
        : { entityRef: entity.entityRef, action: 'unchanged', sloId: current.id },
    );
  }
  for (const [entityRef, slo] of byEntity) {
    changes.push({
      entityRef,
      action: 'orphan',
      sloId: slo.id,
      reason: 'the entity no longer declares spec.slo (or is gone); delete the SLO in Datadog if it is not needed',
    });
  }
  return changes.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
}
