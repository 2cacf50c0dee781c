import type { Config } from '@backstage/config';
import type { InfraConfig } from '../config';

/**
 * `infra.refresh`: how fleet snapshots (whole-cluster and whole-account listings) are refreshed in
 * the background, away from page deadlines.
 */
export interface RefreshConfig {
  /** Whether infra-backend schedules the refresh tasks (default true). */
  enabled: boolean;
  /** Limit of one attempt of one listing in a refresh (default 90 s). */
  timeoutMs: number;
  /** Limit of one listing in a refresh, attempts and waits included (default 120 s). */
  deadlineMs: number;
  /**
   * How long a page view waits for a refresh it started (no snapshot yet, or one past its
   * time-to-live) before answering `loading` or the stale snapshot (default: the page deadline,
   * `infra.resilience.deadlineMs`).
   */
  pageWaitMs: number;
  /** Interval of each family's task; default half the source's `cacheTtlSeconds` (at least 1 s). */
  intervalMs: { kubernetes: number; datadog: number; pagerduty: number };
  /** Delay before a task's first run (default 0: the first run warms the cache at start-up). */
  initialDelayMs: number;
  /** Listings of a family refreshed at the same time (default 3). */
  concurrency: number;
  /** A snapshot nobody read for this long is no longer refreshed (default 1 hour). */
  idleMs: number;
}

/** Reads `infra.refresh` of the root config; defaults follow the upstream settings already read. */
export function readRefreshConfig(root: Config | undefined, infra: InfraConfig): RefreshConfig {
  const r = root?.getOptionalConfig('infra.refresh');
  const defaults = {
    pageWaitMs: infra.upstream.deadlineMs,
    ttlMs: {
      kubernetes: infra.kubernetes.ttlMs,
      datadog: infra.datadog?.ttlMs ?? 60_000,
      pagerduty: infra.pagerduty?.ttlMs ?? 60_000,
    },
  };
  const seconds = (key: string) => {
    const v = r?.getOptionalNumber(key);
    return v === undefined ? undefined : v * 1000;
  };
  const interval = (source: 'kubernetes' | 'datadog' | 'pagerduty') =>
    seconds(`${source}.intervalSeconds`) ??
    seconds('intervalSeconds') ??
    Math.max(1000, Math.round(defaults.ttlMs[source] / 2));
  return {
    enabled: r?.getOptionalBoolean('enabled') ?? true,
    timeoutMs: seconds('listingTimeoutSeconds') ?? 90_000,
    deadlineMs: seconds('deadlineSeconds') ?? 120_000,
    pageWaitMs: r?.getOptionalNumber('pageWaitMs') ?? defaults.pageWaitMs,
    intervalMs: { kubernetes: interval('kubernetes'), datadog: interval('datadog'), pagerduty: interval('pagerduty') },
    initialDelayMs: seconds('initialDelaySeconds') ?? 0,
    concurrency: Math.max(1, r?.getOptionalNumber('concurrency') ?? 3),
    idleMs: seconds('idleSeconds') ?? 3600_000,
  };
}
