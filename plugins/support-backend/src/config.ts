import type { Config } from '@backstage/config';
import {
  DEFAULT_CALENDAR,
  DEFAULT_WARNING_RATIO,
  calendarIssues,
  type BusinessCalendar,
} from '@internal/plugin-support-common';

export interface SupportConfig {
  calendar: BusinessCalendar;
  warningRatio: number;
  checkFrequencyMinutes: number;
  routingKey?: string;
  dedupWindowMinutes: number;
  maxBodyBytes: number;
  demoData: boolean;
}

/** `publicHolidays`: `JP` (the default) or `none`; anything else fails the start. */
function publicHolidays(value: string | undefined): Pick<BusinessCalendar, 'publicHolidays'> | undefined {
  if (value === undefined || value === 'JP') return { publicHolidays: 'JP' };
  if (value === 'none') return undefined;
  throw new Error(`Invalid support.businessHours: publicHolidays: "${value}" is not JP or none`);
}

/** Reads `support.*` once at start-up, with defaults; a bad calendar fails the start. */
export function readSupportConfig(root: Config): SupportConfig {
  const c = root.getOptionalConfig('support');
  const bh = c?.getOptionalConfig('businessHours');
  const calendar: BusinessCalendar = {
    timeZone: bh?.getOptionalString('timeZone') ?? DEFAULT_CALENDAR.timeZone,
    start: bh?.getOptionalString('start') ?? DEFAULT_CALENDAR.start,
    end: bh?.getOptionalString('end') ?? DEFAULT_CALENDAR.end,
    workDays: (bh?.getOptional<number[]>('workDays') ?? DEFAULT_CALENDAR.workDays).map(Number),
    ...(publicHolidays(bh?.getOptionalString('publicHolidays')) ?? {}),
    holidays: [
      ...(bh?.getOptionalStringArray('holidays') ?? DEFAULT_CALENDAR.holidays),
      ...(bh?.getOptionalStringArray('extraHolidays') ?? []),
    ],
    annualHolidays: bh?.getOptionalStringArray('annualHolidays') ?? [],
  };
  const issues = calendarIssues(calendar);
  if (issues.length) {
    throw new Error(`Invalid support.businessHours: ${issues.join('; ')}`);
  }
  const warningRatio = c?.getOptionalNumber('sla.warningRatio') ?? DEFAULT_WARNING_RATIO;
  if (!(warningRatio > 0 && warningRatio < 1)) {
    throw new Error('Invalid support.sla.warningRatio: must be between 0 and 1');
  }
  return {
    calendar,
    warningRatio,
    checkFrequencyMinutes: c?.getOptionalNumber('sla.checkFrequencyMinutes') ?? 5,
    routingKey: c?.getOptionalString('urgent.routingKey'),
    dedupWindowMinutes: c?.getOptionalNumber('urgent.dedupWindowMinutes') ?? 60,
    maxBodyBytes: c?.getOptionalNumber('maxBodyBytes') ?? 65_536,
    demoData: c?.getOptionalBoolean('demoData') ?? false,
  };
}
