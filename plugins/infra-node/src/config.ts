import type { Config } from '@backstage/config';
import { DEFAULT_UPSTREAM_OPTIONS, type UpstreamOptions } from './resilience/Upstream';

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
  };
  pagerduty?: {
    apiBaseUrl: string;
    token: string;
    eventsServer: string;
    eventsCaFile?: string;
    webUrl: string;
    ttlMs: number;
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
        }
      : undefined,
    upstream: {
      timeoutMs: res?.getOptionalNumber('timeoutMs') ?? DEFAULT_UPSTREAM_OPTIONS.timeoutMs,
      retries: res?.getOptionalNumber('retries') ?? DEFAULT_UPSTREAM_OPTIONS.retries,
      backoffMs: res?.getOptionalNumber('backoffMs') ?? DEFAULT_UPSTREAM_OPTIONS.backoffMs,
      deadlineMs: res?.getOptionalNumber('deadlineMs') ?? DEFAULT_UPSTREAM_OPTIONS.deadlineMs,
      breaker: {
        failureThreshold:
          res?.getOptionalNumber('breakerFailureThreshold') ??
          DEFAULT_UPSTREAM_OPTIONS.breaker.failureThreshold,
        openMs: (res?.getOptionalNumber('breakerOpenSeconds') ?? 30) * 1000,
      },
      staleTtlMs: (res?.getOptionalNumber('staleTtlHours') ?? 24) * 3600 * 1000,
    },
  };
}
