import { coreServices, createServiceFactory, type SchedulerService } from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import { portalMetrics, type PortalMetrics } from './metrics';

/**
 * Counts and logs every run of a scheduled task in this process, so an operator (and the
 * scale-out test) can see that a `scope: 'global'` task ran once per interval across replicas.
 */
export function instrumentScheduler(
  inner: SchedulerService,
  pluginId: string,
  logger: { info(message: string, meta?: Record<string, any>): void },
  metrics: PortalMetrics = portalMetrics,
): SchedulerService {
  const wrap = <T extends { id: string; fn: (...args: any[]) => any }>(task: T): T => ({
    ...task,
    fn: async (...args: any[]) => {
      const startedAt = Date.now();
      try {
        await task.fn(...args);
        metrics.taskRuns.inc({ plugin: pluginId, task: task.id, outcome: 'succeeded' });
        logger.info(`scheduled task ${task.id} ran`, { taskId: task.id, durationMs: Date.now() - startedAt });
      } catch (error) {
        metrics.taskRuns.inc({ plugin: pluginId, task: task.id, outcome: 'failed' });
        logger.info(`scheduled task ${task.id} failed`, { taskId: task.id, durationMs: Date.now() - startedAt });
        throw error;
      } finally {
        metrics.taskDuration.observe({ plugin: pluginId, task: task.id }, (Date.now() - startedAt) / 1000);
      }
    },
  });
  return {
    triggerTask: id => inner.triggerTask(id),
    cancelTask: id => inner.cancelTask(id),
    getScheduledTasks: () => inner.getScheduledTasks(),
    scheduleTask: task => inner.scheduleTask(wrap(task)),
    createScheduledTaskRunner: schedule => {
      const runner = inner.createScheduledTaskRunner(schedule);
      return { run: task => runner.run(wrap(task)) };
    },
  };
}

/** Backstage's scheduler (database-coordinated across replicas), with run counting. */
export const instrumentedSchedulerServiceFactory = createServiceFactory({
  service: coreServices.scheduler,
  deps: {
    database: coreServices.database,
    logger: coreServices.logger,
    rootLifecycle: coreServices.rootLifecycle,
    httpRouter: coreServices.httpRouter,
    pluginMetadata: coreServices.pluginMetadata,
    metrics: metricsServiceRef,
  },
  async factory(deps) {
    const inner = DefaultSchedulerService.create(deps);
    return instrumentScheduler(inner, deps.pluginMetadata.getId(), deps.logger.child({ service: 'scheduler' }));
  },
});
