import type { Entity } from '@backstage/catalog-model';
import type { ExtensionBlueprint } from '@backstage/frontend-plugin-api';
import type { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  ANNOTATION_DATADOG_SERVICE,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_PAGERDUTY_SERVICE_ID,
} from '@internal/plugin-infra-common';

/** An entity filter predicate, as the entity card and content blueprints take it. */
type EntityPredicate = Exclude<
  (typeof EntityCardBlueprint extends ExtensionBlueprint<infer P> ? P['params'] : never)['filter'],
  string | ((entity: Entity) => boolean) | undefined
>;

/**
 * Entity filters of the cards and the tab, as filter predicates (so app-config can read and
 * override them): Components with the annotation of the source they show.
 */
export const kubernetesEntityFilter: EntityPredicate = {
  $all: [
    { kind: 'component' },
    {
      $any: [
        {
          [`metadata.annotations.${ANNOTATION_KUBERNETES_ID}` as const]: {
            $exists: true,
          },
        },
        {
          [`metadata.annotations.${ANNOTATION_KUBERNETES_LABEL_SELECTOR}` as const]: {
            $exists: true,
          },
        },
      ],
    },
  ],
};

export const pagerDutyEntityFilter: EntityPredicate = {
  $all: [
    { kind: 'component' },
    {
      [`metadata.annotations.${ANNOTATION_PAGERDUTY_SERVICE_ID}` as const]: {
        $exists: true,
      },
    },
  ],
};

export const datadogEntityFilter: EntityPredicate = {
  $all: [
    { kind: 'component' },
    {
      [`metadata.annotations.${ANNOTATION_DATADOG_SERVICE}` as const]: {
        $exists: true,
      },
    },
  ],
};

/** The label selector and namespace the backend looks for, as written in the entity's annotations. */
export function kubernetesTarget(entity: Entity): {
  selector?: string;
  namespace?: string;
} {
  const a = entity.metadata.annotations ?? {};
  const selector =
    a[ANNOTATION_KUBERNETES_LABEL_SELECTOR] ||
    (a[ANNOTATION_KUBERNETES_ID] ? `${ANNOTATION_KUBERNETES_ID}=${a[ANNOTATION_KUBERNETES_ID]}` : undefined);
  return {
    selector,
    namespace: a[ANNOTATION_KUBERNETES_NAMESPACE] || undefined,
  };
}
