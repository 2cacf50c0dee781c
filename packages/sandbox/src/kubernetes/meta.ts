import { resourceVersionFor, rfc3339 } from './ids';
import type { Labels } from './model';

/** The wire shapes shared by every object (only the fields this simulator fills in). */

export interface ObjectMeta {
  name: string;
  generateName?: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp: string;
  labels?: Labels;
  annotations?: Labels;
  ownerReferences?: OwnerReference[];
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
  blockOwnerDeletion: boolean;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** Builds `metadata` in the order the API server writes its fields. */
export function objectMeta(
  cluster: string,
  kind: string,
  fields: {
    name: string;
    namespace?: string;
    uid: string;
    created: number;
    generateName?: string;
    generation?: number;
    labels?: Labels;
    annotations?: Labels;
    owner?: OwnerReference;
  },
): ObjectMeta {
  const meta: ObjectMeta = {
    name: fields.name,
    generateName: fields.generateName,
    namespace: fields.namespace,
    uid: fields.uid,
    resourceVersion: resourceVersionFor(cluster, kind, fields.namespace ?? '', fields.name),
    generation: fields.generation,
    creationTimestamp: rfc3339(fields.created),
    labels: fields.labels && Object.keys(fields.labels).length ? { ...fields.labels } : undefined,
    annotations: fields.annotations && Object.keys(fields.annotations).length ? { ...fields.annotations } : undefined,
    ownerReferences: fields.owner ? [fields.owner] : undefined,
  };
  // The API server omits empty fields rather than sending null.
  for (const key of Object.keys(meta) as Array<keyof ObjectMeta>) {
    if (meta[key] === undefined) delete meta[key];
  }
  return meta;
}

/** The owner reference a controller sets on what it creates. */
export function controllerRef(apiVersion: string, kind: string, name: string, uid: string): OwnerReference {
  return { apiVersion, kind, name, uid, controller: true, blockOwnerDeletion: true };
}

/** Drops undefined fields (JSON.stringify would too, but tests compare objects). */
export function compact<T extends Record<string, unknown>>(object: T): T {
  for (const key of Object.keys(object)) {
    if (object[key] === undefined) delete object[key];
  }
  return object;
}
