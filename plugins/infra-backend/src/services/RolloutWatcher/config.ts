import type { Config } from '@backstage/config';
import { readInfraConfig, readRefreshConfig } from '@internal/plugin-infra-node';
import type { RolloutWatcherOptions } from './RolloutWatcher';

export interface RolloutConfig extends RolloutWatcherOptions {
  /** Schedule the watcher (default true). */
  enabled: boolean;
  /** Interval of the global task `infra-rollouts` (default: the Kubernetes refresh interval). */
  intervalMs: number;
}

/** `infra.rollouts`, read once at start-up. */
export function readRolloutConfig(config: Config): RolloutConfig {
  const r = config.getOptionalConfig('infra.rollouts');
  const refresh = readRefreshConfig(config, readInfraConfig(config));
  const seconds = (key: string) => {
    const v = r?.getOptionalNumber(key);
    return v === undefined ? undefined : v * 1000;
  };
  return {
    enabled: r?.getOptionalBoolean('enabled') ?? true,
    changeEvents: r?.getOptionalBoolean('changeEvents') ?? true,
    intervalMs: seconds('intervalSeconds') ?? refresh.intervalMs.kubernetes,
    maxAttempts: Math.max(1, r?.getOptionalNumber('maxAttempts') ?? 5),
    retryDelayMs: seconds('retryDelaySeconds') ?? 60_000,
    leaseMs: 5 * 60_000,
    appBaseUrl: config.getOptionalString('app.baseUrl'),
  };
}
