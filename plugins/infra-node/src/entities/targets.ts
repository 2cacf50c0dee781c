import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_DATADOG_SERVICE,
  ANNOTATION_DATADOG_TAGS,
  ANNOTATION_KUBERNETES_CLUSTERS,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_PAGERDUTY_SERVICE_ID,
} from '@internal/plugin-infra-common';

/** What an entity maps to upstream, read from its annotations. */
export interface EntityTargets {
  kubernetes?: { labelSelector: string; namespace?: string; clusters?: string[] };
  datadog?: { service: string; tags: string[] };
  pagerduty?: { serviceIds: string[] };
}

const list = (v?: string) =>
  (v ?? '')
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);

export function entityTargets(entity: Entity): EntityTargets {
  const a = entity.metadata.annotations ?? {};
  const out: EntityTargets = {};
  const selector =
    a[ANNOTATION_KUBERNETES_LABEL_SELECTOR] ??
    (a[ANNOTATION_KUBERNETES_ID] ? `${ANNOTATION_KUBERNETES_ID}=${a[ANNOTATION_KUBERNETES_ID]}` : undefined);
  if (selector) {
    out.kubernetes = {
      labelSelector: selector,
      namespace: a[ANNOTATION_KUBERNETES_NAMESPACE] || undefined,
      clusters: a[ANNOTATION_KUBERNETES_CLUSTERS] ? list(a[ANNOTATION_KUBERNETES_CLUSTERS]) : undefined,
    };
  }
  if (a[ANNOTATION_DATADOG_SERVICE]) {
    out.datadog = { service: a[ANNOTATION_DATADOG_SERVICE], tags: list(a[ANNOTATION_DATADOG_TAGS]) };
  }
  const pd = list(a[ANNOTATION_PAGERDUTY_SERVICE_ID]);
  if (pd.length) out.pagerduty = { serviceIds: pd };
  return out;
}
