import type { AuthService, LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { InfraService } from '@internal/plugin-infra-node';
import type { RolloutStore } from '../../database/RolloutStore';
import { readRolloutConfig } from './config';
import { RolloutWatcher } from './RolloutWatcher';

export const ROLLOUT_TASK_ID = 'infra-rollouts';

/**
 * Schedules the rollout watcher as a global task (once per interval across replicas; the
 * watcher's own database claims keep it once-only even if two runs overlap). Returns the watcher,
 * or undefined when `infra.rollouts.enabled` is false.
 */
export async function scheduleRolloutWatcher(options: {
  scheduler: SchedulerService;
  config: Config;
  logger: LoggerService;
  store: RolloutStore;
  infra: InfraService;
  catalog: CatalogService;
  auth: AuthService;
}): Promise<RolloutWatcher | undefined> {
  const { scheduler, config, logger, store, infra, catalog, auth } = options;
  const settings = readRolloutConfig(config);
  if (!settings.enabled) {
    logger.info('infra.rollouts.enabled is false: rollouts are not recorded nor announced');
    return undefined;
  }
  const watcher = new RolloutWatcher({ store, infra, catalog, auth, logger, options: settings });
  await scheduler.scheduleTask({
    id: ROLLOUT_TASK_ID,
    scope: 'global',
    frequency: { milliseconds: settings.intervalMs },
    timeout: { minutes: 10 },
    fn: async () => {
      const r = await watcher.run();
      logger.debug(
        `${ROLLOUT_TASK_ID}: ${r.firstSight} Deployment(s) seen first, ${r.rollouts} rollout(s), ` +
          `${r.sent} change event(s) sent, ${r.failed} given up`,
      );
    },
  });
  return watcher;
}
