import type { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { readInfraConfig } from '../config';
import type { InfraService } from '../service/InfraService';
import { readRefreshConfig } from './config';

/** The scheduled task of a snapshot family: `infra-refresh-kubernetes-<cluster>`, `infra-refresh-datadog`, ... */
export const refreshTaskId = (family: string) => `infra-refresh-${family}`;

/**
 * Schedules one family's refresh as a global task: once per interval across all replicas (the
 * scheduler's database lock), with the refresh's own deadlines; the snapshots go to the shared
 * cache, where every replica's page views read them. A run fails (and the scheduler says so)
 * when a listing of the family failed; the older snapshot stays and is served stale.
 */
export async function scheduleSnapshotRefresh(options: {
  scheduler: SchedulerService;
  infra: InfraService;
  logger: LoggerService;
  family: string;
  intervalMs: number;
  /** Delay before the first run (default none: the first run warms the cache at start-up). */
  initialDelayMs?: number;
  /** Limit of one run (default 10 minutes). */
  timeoutMs?: number;
}) {
  const { scheduler, infra, logger, family } = options;
  await scheduler.scheduleTask({
    id: refreshTaskId(family),
    scope: 'global',
    frequency: { milliseconds: options.intervalMs },
    timeout: { milliseconds: options.timeoutMs ?? 600_000 },
    ...(options.initialDelayMs ? { initialDelay: { milliseconds: options.initialDelayMs } } : {}),
    fn: async () => {
      const report = await infra.refreshSnapshots(family);
      const summary =
        `${refreshTaskId(family)}: ${report.refreshed.length} listing(s) refreshed, ` +
        `${report.idle.length} not read recently, ${report.failed.length} failed in ${report.durationMs} ms`;
      if (report.failed.length) {
        throw new Error(`${summary}: ${report.failed.map(f => `${f.key}: ${f.error}`).join('; ')}`);
      }
      logger.debug(summary);
    },
  });
}

/**
 * Schedules the refresh of every fleet snapshot family the infra service knows (each cluster,
 * Datadog, PagerDuty, and families registered before this call), as `infra.refresh` says.
 */
export async function scheduleInfraRefresh(options: {
  scheduler: SchedulerService;
  infra: InfraService;
  logger: LoggerService;
  config: Config;
}): Promise<string[]> {
  const refresh = readRefreshConfig(options.config, readInfraConfig(options.config));
  if (!refresh.enabled) {
    options.logger.warn('infra.refresh.enabled is false: fleet snapshots are only listed when a page finds none');
    return [];
  }
  const ids: string[] = [];
  for (const { family, intervalMs } of options.infra.snapshotFamilies()) {
    await scheduleSnapshotRefresh({
      ...options,
      family,
      intervalMs,
      initialDelayMs: refresh.initialDelayMs,
      // Every listing of the family may take its whole deadline, a few at a time.
      timeoutMs: Math.max(600_000, refresh.deadlineMs * 4),
    });
    ids.push(refreshTaskId(family));
  }
  return ids;
}
