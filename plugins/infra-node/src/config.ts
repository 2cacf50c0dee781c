import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { DEFAULT_PAGE_LIMITS, type PageLimits } from './resilience/paging';
import { DEFAULT_UPSTREAM_OPTIONS, DEFAULT_WRITE_LIMITS, type UpstreamOptions } from './resilience/Upstream';

export interface KubernetesClusterConfig {
  name: string;
  url?: string;
  serviceAccountToken?: string;
  caData?: string;
  skipTLSVerify?: boolean;
  kubeconfigPath?: string;
  kubeconfigContext?: string;
  /** Link to the provider's console for this cluster (shown in the UI). */
  consoleUrl?: string;
  /** Page cap of one listing (pages of 500); `infra.resilience.maxPages.kubernetes`. */
  maxPages?: number;
}

export interface InfraConfig {
  sandbox: boolean;
  kubernetes: { clusters: KubernetesClusterConfig[]; ttlMs: number };
  datadog?: {
    site: string;
    baseUrl?: string;
    apiKey: string;
    appKey: string;
    env: string;
    appUrl: string;
    ttlMs: number;
    /** Page cap of monitor and SLO listings (pages of 1,000); `infra.resilience.maxPages.datadog`. */
    maxPages?: number;
    /** Page cap of the events listing (pages of 1,000); `infra.resilience.maxPages.datadogEvents`. */
    maxEventPages?: number;
  };
  pagerduty?: {
    apiBaseUrl: string;
    token: string;
    eventsServer: string;
    eventsCaFile?: string;
    webUrl: string;
    ttlMs: number;
    /** Page cap of one listing (pages of 100); `infra.resilience.maxPages.pagerduty`. */
    maxPages?: number;
  };
  upstream: UpstreamOptions;
}

const seconds = (c: Config | undefined, key: string, fallback: number) =>
  (c?.getOptionalNumber(key) ?? fallback) * 1000;

/** Reads `infra.*` once at start-up, with defaults. Secrets stay in this object, never logged. */
export function readInfraConfig(root: Config): InfraConfig {
  const infra = root.getOptionalConfig('infra');
  const k8s = infra?.getOptionalConfig('kubernetes');
  const dd = infra?.getOptionalConfig('datadog');
  const pd = infra?.getOptionalConfig('pagerduty');
  const res = infra?.getOptionalConfig('resilience');
  const site = dd?.getOptionalString('site') ?? 'datadoghq.com';
  const pages = readPageLimits(res);
  return {
    sandbox: infra?.getOptionalBoolean('sandbox') ?? false,
    kubernetes: {
      ttlMs: seconds(k8s, 'cacheTtlSeconds', 30),
      clusters: (k8s?.getOptionalConfigArray('clusters') ?? []).map(c => ({
        name: c.getString('name'),
        url: c.getOptionalString('url'),
        serviceAccountToken: c.getOptionalString('serviceAccountToken'),
        caData: c.getOptionalString('caData'),
        skipTLSVerify: c.getOptionalBoolean('skipTLSVerify'),
        kubeconfigPath: c.getOptionalString('kubeconfigPath'),
        kubeconfigContext: c.getOptionalString('kubeconfigContext'),
        consoleUrl: c.getOptionalString('consoleUrl'),
        maxPages: pages.kubernetes,
      })),
    },
    datadog: dd
      ? {
          site,
          baseUrl: dd.getOptionalString('baseUrl'),
          apiKey: dd.getString('apiKey'),
          appKey: dd.getString('appKey'),
          env: dd.getOptionalString('env') ?? 'prod',
          appUrl: dd.getOptionalString('appUrl') ?? `https://app.${site}`,
          ttlMs: seconds(dd, 'cacheTtlSeconds', 60),
          maxPages: pages.datadog,
          maxEventPages: pages.datadogEvents,
        }
      : undefined,
    pagerduty: pd
      ? {
          apiBaseUrl: pd.getOptionalString('apiBaseUrl') ?? 'https://api.pagerduty.com',
          token: pd.getString('token'),
          eventsServer: pd.getOptionalString('eventsServer') ?? 'events.pagerduty.com',
          eventsCaFile: pd.getOptionalString('eventsCaFile'),
          webUrl: pd.getOptionalString('webUrl') ?? 'https://app.pagerduty.com',
          ttlMs: seconds(pd, 'cacheTtlSeconds', 60),
          maxPages: pages.pagerduty,
        }
      : undefined,
    upstream: {
      timeoutMs: res?.getOptionalNumber('timeoutMs') ?? DEFAULT_UPSTREAM_OPTIONS.timeoutMs,
      retries: res?.getOptionalNumber('retries') ?? DEFAULT_UPSTREAM_OPTIONS.retries,
      backoffMs: res?.getOptionalNumber('backoffMs') ?? DEFAULT_UPSTREAM_OPTIONS.backoffMs,
      deadlineMs: res?.getOptionalNumber('deadlineMs') ?? DEFAULT_UPSTREAM_OPTIONS.deadlineMs,
      writeTimeoutMs: res?.getOptionalNumber('writeTimeoutMs') ?? DEFAULT_WRITE_LIMITS.timeoutMs,
      writeDeadlineMs: res?.getOptionalNumber('writeDeadlineMs') ?? DEFAULT_WRITE_LIMITS.deadlineMs,
      breaker: {
        failureThreshold:
          res?.getOptionalNumber('breakerFailureThreshold') ?? DEFAULT_UPSTREAM_OPTIONS.breaker.failureThreshold,
        openMs: (res?.getOptionalNumber('breakerOpenSeconds') ?? 30) * 1000,
      },
      staleTtlMs: (res?.getOptionalNumber('staleTtlHours') ?? 24) * 3600 * 1000,
    },
  };
}

/** `infra.resilience.maxPages.*`: the page cap of paged listings per upstream (positive integers). */
function readPageLimits(res: Config | undefined): PageLimits {
  const read = (key: keyof PageLimits) => {
    const value = res?.getOptionalNumber(`maxPages.${key}`);
    if (value === undefined) return DEFAULT_PAGE_LIMITS[key];
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`infra.resilience.maxPages.${key}: expected a positive whole number of pages, got ${value}`);
    }
    return value;
  };
  return {
    kubernetes: read('kubernetes'),
    pagerduty: read('pagerduty'),
    datadog: read('datadog'),
    datadogEvents: read('datadogEvents'),
  };
}

/**
 * Who owns which Kubernetes namespace, from config: owner group refs per namespace, for every
 * cluster (`infra.kubernetes.namespaceOwners`) and per cluster (`namespaceOwners` of a cluster
 * entry, which replaces the shared entry of the same namespace in that cluster).
 */
export interface NamespaceOwnersConfig {
  /** namespace -> owner group refs (full refs, `group:default/team-x`), every cluster. */
  shared: Record<string, string[]>;
  /** cluster -> namespace -> owner group refs. */
  byCluster: Record<string, Record<string, string[]>>;
}

function ownersMap(c: Config | undefined, key: string): Record<string, string[]> {
  const raw = c?.getOptional<unknown>('namespaceOwners');
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(`${key}: expected a map of namespace to owner group ref(s)`);
  }
  const out: Record<string, string[]> = {};
  for (const [namespace, value] of Object.entries(raw as Record<string, unknown>)) {
    const refs = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(refs) || refs.length === 0 || refs.some(r => typeof r !== 'string' || !r)) {
      throw new Error(`${key}.${namespace}: expected a group ref or a non-empty list of group refs`);
    }
    out[namespace] = refs.map(ref => {
      const parsed = parseEntityRef(ref as string, { defaultKind: 'group', defaultNamespace: 'default' });
      if (parsed.kind.toLocaleLowerCase('en-US') !== 'group') {
        throw new Error(`${key}.${namespace}: "${ref}" is not a Group reference`);
      }
      return stringifyEntityRef(parsed);
    });
  }
  return out;
}

/** Reads `infra.kubernetes.namespaceOwners` and each cluster's `namespaceOwners`; throws on bad refs. */
export function readNamespaceOwners(root: Config): NamespaceOwnersConfig {
  const k8s = root.getOptionalConfig('infra.kubernetes');
  const byCluster: NamespaceOwnersConfig['byCluster'] = {};
  for (const c of k8s?.getOptionalConfigArray('clusters') ?? []) {
    const name = c.getString('name');
    byCluster[name] = ownersMap(c, `infra.kubernetes.clusters[${name}].namespaceOwners`);
  }
  return { shared: ownersMap(k8s, 'infra.kubernetes.namespaceOwners'), byCluster };
}
