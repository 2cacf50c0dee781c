import type { Config } from '@backstage/config';

export interface PrrConfig {
  defaultTemplate: string;
  templateDirs: string[];
  inlineTemplates: unknown[];
  frequencyMinutes: number;
  timeoutMinutes: number;
  initialDelaySeconds: number;
  trendDays: number;
  retentionDays: number;
}

function positive(value: number | undefined, fallback: number, key: string): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`Invalid ${key}: must be a positive number (got ${v})`);
  return v;
}

/** Reads `prr.*` once at start-up, with defaults. */
export function readPrrConfig(root: Config): PrrConfig {
  const prr = root.getOptionalConfig('prr');
  const schedule = prr?.getOptionalConfig('schedule');
  return {
    defaultTemplate: prr?.getOptionalString('defaultTemplate') ?? 'default',
    templateDirs: prr?.getOptionalStringArray('templateDirs') ?? [],
    inlineTemplates: (prr?.getOptional('templates') as unknown[] | undefined) ?? [],
    frequencyMinutes: positive(schedule?.getOptionalNumber('frequencyMinutes'), 30, 'prr.schedule.frequencyMinutes'),
    timeoutMinutes: positive(schedule?.getOptionalNumber('timeoutMinutes'), 10, 'prr.schedule.timeoutMinutes'),
    initialDelaySeconds: positive(
      schedule?.getOptionalNumber('initialDelaySeconds'),
      60,
      'prr.schedule.initialDelaySeconds',
    ),
    trendDays: positive(prr?.getOptionalNumber('trendDays'), 30, 'prr.trendDays'),
    retentionDays: positive(prr?.getOptionalNumber('retentionDays'), 90, 'prr.retentionDays'),
  };
}
