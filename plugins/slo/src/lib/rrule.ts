import {
  occurrenceStarts,
  parseRecurrence,
  summarizeRecurrence,
  type Recurrence,
  type RecurrenceIssue,
} from '@internal/plugin-slo-common';
import { WEEKDAYS, type SloFormatters, type Weekday } from './format';

/** The RRULE of a window that repeats every week on the given days (none: a one-off window). */
export function weeklyRrule(days: readonly Weekday[]): string | undefined {
  if (days.length === 0) return undefined;
  const ordered = WEEKDAYS.filter(d => days.includes(d));
  return `FREQ=WEEKLY;BYDAY=${ordered.join(',')}`;
}

/** The translation function of the slo plugin, as far as these helpers need it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Translate = (key: any, values?: any) => string;

/** A rule's problem in the user's language (the codes come from the shared parser). */
export function issueText(issue: RecurrenceIssue, t: Translate): string {
  const { code, ...values } = issue;
  return t(`rrule.issue.${code}`, values as Record<string, string | number>);
}

/**
 * A rule in words ("Every week on Tue at 2:00 AM, 5 times" / "毎週 火 2:00、5 回"), from what
 * the shared parser (rrule) read; undefined for what these words do not cover (numbered weekdays,
 * BYSETPOS, BYYEARDAY, BYWEEKNO, several times a day), which the caller shows as the rule itself.
 */
export function describeRecurrence(
  recurrence: Recurrence,
  start: string | undefined,
  t: Translate,
  format: SloFormatters,
): string | undefined {
  const r = summarizeRecurrence(recurrence);
  if (r.more || r.hours.length > 1 || r.minutes.length > 1) return undefined;
  if (r.nthDays.some(d => d.n < -1)) return undefined;
  const days = format.list(r.days.map(d => format.weekday(WEEKDAYS[d])));
  const parts: string[] = [];
  if (r.freq === 'WEEKLY' && r.interval === 1 && r.days.length) {
    parts.push(t('corrections.weekly', { days }));
  } else {
    parts.push(
      r.interval === 1 ? t(`rrule.text.every.${r.freq}`) : t(`rrule.text.everyN.${r.freq}`, { n: r.interval }),
    );
    if (r.days.length) parts.push(t('rrule.text.onDays', { days }));
  }
  if (r.nthDays.length) {
    // "the 1st Sun" / "第1日曜日"; the ordinal suffix by the language's plural rules.
    const ordinal = new Intl.PluralRules(format.language, { type: 'ordinal' });
    const nth = r.nthDays.map(({ n, weekday }) => {
      const day = format.weekday(WEEKDAYS[weekday]);
      return n === -1
        ? t('rrule.text.lastDay', { day })
        : t('rrule.text.nthDay', {
            day,
            nth: t(`rrule.text.ordinal.${n > 0 ? ordinal.select(n) : 'other'}`, { n }),
          });
    });
    parts.push(t('rrule.text.onNthDays', { days: format.list(nth) }));
  }
  if (r.monthDays.length) {
    parts.push(t('rrule.text.onMonthDays', { days: r.monthDays.join(', ') }));
  }
  if (r.months.length) {
    parts.push(t('rrule.text.inMonths', { months: r.months.join(', ') }));
  }
  if (r.hours.length) {
    // The time of day as the user's locale writes it (the date itself is irrelevant).
    const time = new Intl.DateTimeFormat(format.language, {
      timeStyle: 'short',
      timeZone: 'UTC',
    }).format(Date.UTC(2024, 0, 1, r.hours[0], r.minutes[0] ?? 0));
    parts.push(t('rrule.text.at', { time }));
  } else if (start && !r.minutes.length) {
    parts.push(t('rrule.text.at', { time: format.zoneTime(start) }));
  } else if (r.minutes.length) {
    return undefined;
  }
  if (r.count) parts.push(t('rrule.text.count', { count: r.count }));
  if (r.untilDate) {
    parts.push(t('rrule.text.until', { date: format.day(r.untilDate) }));
  }
  return parts.join(t('rrule.text.separator'));
}

/** A stored correction's rule in words, or "Custom rule (…)" when the words do not cover it. */
export function describeRule(rrule: string, start: string | undefined, t: Translate, format: SloFormatters): string {
  const parsed = parseRecurrence(rrule);
  const words = parsed.ok ? describeRecurrence(parsed.recurrence, start, t, format) : undefined;
  return words ?? t('corrections.custom', { rrule });
}

/** The first `count` occurrences (ISO instants) of a rule from `start`, in the SLO zone. */
export function nextOccurrences(
  recurrence: Recurrence,
  start: string,
  end: string,
  timeZone: string,
  count = 3,
): string[] {
  const s = Date.parse(start) / 1000;
  const e = Date.parse(end) / 1000;
  if (!(e > s)) return [];
  // Any rule a correction accepts repeats at least yearly; ten years hold its next few.
  return occurrenceStarts(recurrence, s, e - s, s, s + 10 * 366 * 86400, timeZone, count).map(x =>
    new Date(x * 1000).toISOString(),
  );
}
