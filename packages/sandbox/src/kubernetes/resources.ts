import type { KubeObject } from './meta';

/** The resource types this API server serves, and what each supports. */

export interface ResourceType {
  /** API group; '' for the core group (served under /api/v1). */
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
  /** Whether `/{name}/status` is served. */
  status: boolean;
  /**
   * Fields usable in a fieldSelector besides metadata.name and metadata.namespace, read from an
   * object. The real API server registers a similar set per resource.
   */
  fields?: (object: KubeObject) => Record<string, string | undefined>;
}

export function groupVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** `deployments.apps`, or just `pods` for the core group: how errors name a resource. */
export function qualifiedName(type: ResourceType): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

const get = (object: unknown, path: string): string | undefined => {
  const value = path.split('.').reduce<any>((o, k) => (o === undefined || o === null ? undefined : o[k]), object);
  return value === undefined || value === null ? undefined : String(value);
};

const pick = (object: KubeObject, paths: string[], prefix = '') =>
  Object.fromEntries(paths.map(p => [`${prefix}${p}`, get(object, p)]));

const INVOLVED = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'];

export const RESOURCES: ResourceType[] = [
  {
    group: '',
    version: 'v1',
    plural: 'namespaces',
    kind: 'Namespace',
    namespaced: false,
    status: true,
    fields: o => pick(o, ['status.phase']),
  },
  {
    group: '',
    version: 'v1',
    plural: 'pods',
    kind: 'Pod',
    namespaced: true,
    status: true,
    fields: o =>
      pick(o, [
        'spec.nodeName',
        'spec.restartPolicy',
        'spec.schedulerName',
        'spec.serviceAccountName',
        'status.phase',
        'status.podIP',
      ]),
  },
  { group: '', version: 'v1', plural: 'services', kind: 'Service', namespaced: true, status: true },
  {
    group: '',
    version: 'v1',
    plural: 'events',
    kind: 'Event',
    namespaced: true,
    status: false,
    fields: o => ({
      ...Object.fromEntries(INVOLVED.map(k => [`involvedObject.${k}`, get(o, `involvedObject.${k}`)])),
      reason: get(o, 'reason'),
      reportingComponent: get(o, 'reportingComponent'),
      source: get(o, 'source.component'),
      type: get(o, 'type'),
    }),
  },
  { group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment', namespaced: true, status: true },
  {
    group: 'apps',
    version: 'v1',
    plural: 'replicasets',
    kind: 'ReplicaSet',
    namespaced: true,
    status: true,
    fields: o => pick(o, ['status.replicas']),
  },
  { group: 'apps', version: 'v1', plural: 'statefulsets', kind: 'StatefulSet', namespaced: true, status: true },
  {
    group: 'events.k8s.io',
    version: 'v1',
    plural: 'events',
    kind: 'Event',
    namespaced: true,
    status: false,
    // The API server converts these to the core/v1 field names; both spellings are accepted here.
    fields: o => ({
      ...Object.fromEntries(INVOLVED.map(k => [`regarding.${k}`, get(o, `regarding.${k}`)])),
      ...Object.fromEntries(INVOLVED.map(k => [`involvedObject.${k}`, get(o, `regarding.${k}`)])),
      reason: get(o, 'reason'),
      reportingController: get(o, 'reportingController'),
      type: get(o, 'type'),
    }),
  },
  {
    group: 'policy',
    version: 'v1',
    plural: 'poddisruptionbudgets',
    kind: 'PodDisruptionBudget',
    namespaced: true,
    status: true,
  },
  {
    group: 'autoscaling',
    version: 'v2',
    plural: 'horizontalpodautoscalers',
    kind: 'HorizontalPodAutoscaler',
    namespaced: true,
    status: true,
  },
  { group: 'networking.k8s.io', version: 'v1', plural: 'ingresses', kind: 'Ingress', namespaced: true, status: true },
];

export function findResource(groupVersion: string, plural: string): ResourceType | undefined {
  return RESOURCES.find(r => groupVersionOf(r) === groupVersion && r.plural === plural);
}

export function resourceKey(type: ResourceType): string {
  return `${groupVersionOf(type)}/${type.plural}`;
}
