import type { Cluster } from '../world/types';
import { RESOURCES, groupVersionOf } from './resources';

/** `/version`, `/api`, `/apis` and the per-group resource lists `kubectl` discovers. */

/** What each managed offering reports for the same minor version. */
export function versionInfo(cluster: Cluster) {
  const aws = cluster.provider === 'aws';
  return {
    major: '1',
    minor: '33',
    gitVersion: aws ? 'v1.33.5-eks-3025e55' : 'v1.33.5-gke.1162000',
    gitCommit: aws ? '8e3f1c9b6f3f8e8c2a3a0b1de5b0e6e0c8f1a2b3' : '4f1a9e0c3d2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f',
    gitTreeState: 'clean',
    buildDate: '2025-09-18T21:40:12Z',
    goVersion: 'go1.24.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function coreVersions(cluster: Cluster) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [
      { clientCIDR: '0.0.0.0/0', serverAddress: cluster.provider === 'aws' ? '10.0.12.5:443' : '172.16.0.2:443' },
    ],
  };
}

export function apiGroups() {
  const groups = [...new Set(RESOURCES.filter(r => r.group).map(r => r.group))];
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map(name => {
      const version = RESOURCES.find(r => r.group === name)!.version;
      const gv = { groupVersion: `${name}/${version}`, version };
      return { name, versions: [gv], preferredVersion: gv };
    }),
  };
}

/** The APIResourceList of one group version, or undefined when it is not served. */
export function apiResources(groupVersion: string) {
  const types = RESOURCES.filter(r => groupVersionOf(r) === groupVersion);
  if (!types.length) return undefined;
  const verbs = ['get', 'list'];
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: types.flatMap(t => {
      const main = {
        name: t.plural,
        singularName: t.kind.toLowerCase(),
        namespaced: t.namespaced,
        kind: t.kind,
        verbs,
      };
      const subresources = [
        ...(t.status
          ? [{ name: `${t.plural}/status`, singularName: '', namespaced: t.namespaced, kind: t.kind, verbs: ['get'] }]
          : []),
        ...(t.plural === 'pods' && !t.group
          ? [{ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] }]
          : []),
      ];
      return [main, ...subresources];
    }),
  };
}
