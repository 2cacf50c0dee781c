import { stringifyEntityRef } from '@backstage/catalog-model';
import type { NamespaceOwnersConfig } from '../../config';
import type { LabelRequirement } from '@internal/plugin-portal-common';
import type { KubeNamespace } from './types';

/** The label on a Namespace that names the team owning it: a Group name of the `default` namespace. */
export const NAMESPACE_OWNER_LABEL = 'platform-portal.io/owner';

/**
 * Kubernetes' own namespaces: a label on them never makes a team their owner (only config can).
 * Whoever may label a Namespace must not be able to claim the cluster's system pods with it.
 */
export const SYSTEM_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];

const LABEL_VALUE = /^[a-z0-9]([-a-z0-9_.]{0,61}[a-z0-9])?$/i;

export interface NamespaceOwners {
  /** Owner group refs (`group:default/team-x`); empty when nobody owns the namespace. */
  owners: string[];
  /** Where the answer came from. */
  source: 'config' | 'label' | 'none';
}

/**
 * The owners of a namespace of a cluster. Config wins: when config names the namespace (for that
 * cluster, else for every cluster) only config's owners count, whatever the label says. Otherwise
 * the `platform-portal.io/owner` label of the Namespace object, except on Kubernetes' own
 * namespaces. `namespaces` is the cluster's Namespace snapshot; `undefined` when it could not be
 * read, and then the answer is `undefined` (unknown) unless config decides.
 */
export function namespaceOwners(
  config: NamespaceOwnersConfig,
  cluster: string,
  namespace: string,
  namespaces: KubeNamespace[] | undefined,
): NamespaceOwners | undefined {
  const configured = config.byCluster[cluster]?.[namespace] ?? config.shared[namespace];
  if (configured) return { owners: configured, source: 'config' };
  if (!namespaces) return undefined;
  const object = namespaces.find(n => n.name === namespace);
  const label = object?.labels[NAMESPACE_OWNER_LABEL]?.trim();
  if (!object || !label || SYSTEM_NAMESPACES.includes(namespace) || !LABEL_VALUE.test(label)) {
    return { owners: [], source: 'none' };
  }
  return { owners: [stringifyEntityRef({ kind: 'group', namespace: 'default', name: label })], source: 'label' };
}

/**
 * Whether a parsed selector pins a workload: at least one requirement that a label equals one of
 * some non-empty values (`app=x`, `app in (x,y)`). Selectors made only of exclusions (`!x`,
 * `x notin (a)`, `x!=a`) or mere existence (`app`) match every pod that lacks (or has) a label:
 * pods of anyone, in any namespace.
 */
export function selectorPinsWorkload(requirements: LabelRequirement[]): boolean {
  return requirements.some(r => r.op === 'in' && r.values.length > 0 && r.values.every(v => v !== ''));
}
