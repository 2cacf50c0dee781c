import { WEEKDAYS, type Weekday } from './format';

/** The RRULE of a window that repeats every week on the given days (none: a one-off window). */
export function weeklyRrule(days: readonly Weekday[]): string | undefined {
  if (days.length === 0) return undefined;
  const ordered = WEEKDAYS.filter(d => days.includes(d));
  return `FREQ=WEEKLY;BYDAY=${ordered.join(',')}`;
}

/**
 * The days of a simple weekly RRULE (`FREQ=WEEKLY;BYDAY=TU,TH`), or undefined for anything this
 * UI does not describe in words (other frequencies, intervals, counts, positional days).
 */
export function weeklyDays(rrule: string): Weekday[] | undefined {
  const parts = new Map<string, string>();
  for (const part of rrule.replace(/^RRULE:/i, '').split(';')) {
    const [key, value = ''] = part.split('=');
    if (key) parts.set(key.trim().toUpperCase(), value.trim().toUpperCase());
  }
  if (parts.get('FREQ') !== 'WEEKLY') return undefined;
  for (const key of parts.keys()) {
    if (key !== 'FREQ' && key !== 'BYDAY' && key !== 'WKST') return undefined;
  }
  const byDay = parts.get('BYDAY');
  if (!byDay) return undefined;
  const days = byDay.split(',');
  if (!days.every(d => (WEEKDAYS as readonly string[]).includes(d))) {
    return undefined;
  }
  return WEEKDAYS.filter(d => days.includes(d));
}
