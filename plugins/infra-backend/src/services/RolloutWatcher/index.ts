export { RolloutWatcher } from './RolloutWatcher';
export type { RolloutRunReport, RolloutWatcherOptions } from './RolloutWatcher';
export { readRolloutConfig } from './config';
export type { RolloutConfig } from './config';
export { scheduleRolloutWatcher, ROLLOUT_TASK_ID } from './schedule';
