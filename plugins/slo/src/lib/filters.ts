import type { Entity } from '@backstage/catalog-model';
import type { ExtensionBlueprint } from '@backstage/frontend-plugin-api';
import type { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/** An entity filter predicate, as the entity card and content blueprints take it. */
type EntityPredicate = Exclude<
  (typeof EntityCardBlueprint extends ExtensionBlueprint<infer P> ? P['params'] : never)['filter'],
  string | ((entity: Entity) => boolean) | undefined
>;

/**
 * Components that declare an SLO (`spec.slo` in catalog-info.yaml). A predicate rather than a
 * function, so app-config can read and override it.
 */
export const sloEntityFilter: EntityPredicate = {
  kind: 'component',
  'spec.slo': { $exists: true },
};
