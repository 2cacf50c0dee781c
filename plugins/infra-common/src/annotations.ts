/**
 * Catalog annotations that map an entity to its upstream objects. Documented in the README.
 */

/** Kubernetes: objects labelled `backstage.io/kubernetes-id=<value>`. */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';
/** Kubernetes: a label selector, used instead of the id (e.g. `app.kubernetes.io/name=cart`). */
export const ANNOTATION_KUBERNETES_LABEL_SELECTOR = 'backstage.io/kubernetes-label-selector';
/** Kubernetes: the namespace to look in (all namespaces when absent). */
export const ANNOTATION_KUBERNETES_NAMESPACE = 'backstage.io/kubernetes-namespace';
/** Kubernetes: comma-separated cluster names to look in (all configured clusters when absent). */
export const ANNOTATION_KUBERNETES_CLUSTERS = 'platform-portal.io/kubernetes-clusters';

/** Datadog: the APM service name (`service:` tag). */
export const ANNOTATION_DATADOG_SERVICE = 'datadoghq.com/service-name';
/** Datadog: extra tag filters, comma-separated (e.g. `env:prod,team:checkout`). */
export const ANNOTATION_DATADOG_TAGS = 'datadoghq.com/tags';

/** PagerDuty: one or more service ids, comma-separated. */
export const ANNOTATION_PAGERDUTY_SERVICE_ID = 'pagerduty.com/service-id';
