import { addWeeks, calendarMonth, dayStart, localDate, nextDayStart, weekStart, windowBounds } from './time';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('SLO windows in the configured zone', () => {
  it('finds JST days, weeks and months', () => {
    // 2026-11-26 04:45 UTC is 13:45 JST on Thursday 26 November.
    const t = at('2026-11-26T04:45:00Z');
    expect(localDate(t)).toBe('2026-11-26');
    expect(dayStart(t)).toBe(at('2026-11-25T15:00:00Z'));
    expect(weekStart(t)).toBe(at('2026-11-22T15:00:00Z')); // Monday 23 November, 00:00 JST
    // 20:00 UTC on 30 November is already 1 December in Japan.
    expect(calendarMonth(at('2026-11-30T20:00:00Z'))).toEqual({
      start: at('2026-11-30T15:00:00Z'),
      lengthSec: 31 * 86400,
    });
  });

  it('starts rolling windows on the hour and the calendar month on the 1st, JST', () => {
    const asOf = at('2026-11-26T04:45:00Z');
    expect(windowBounds('30d', asOf)).toEqual({
      start: at('2026-10-27T04:00:00Z'),
      end: asOf,
      lengthSec: 30 * 86400,
    });
    expect(windowBounds('7d', asOf).start).toBe(at('2026-11-19T04:00:00Z'));
    expect(windowBounds('calendar-month', asOf)).toEqual({
      start: at('2026-10-31T15:00:00Z'),
      end: asOf,
      lengthSec: 30 * 86400,
    });
  });

  it('follows a zone with daylight saving: 23- and 25-hour days, weeks and months', () => {
    const la = 'America/Los_Angeles';
    // Sunday 1 November 2026: PDT (UTC-7) ends at 02:00, the day lasts 25 hours.
    const sunday = at('2026-11-01T12:00:00Z');
    expect(localDate(sunday, la)).toBe('2026-11-01');
    expect(dayStart(sunday, la)).toBe(at('2026-11-01T07:00:00Z'));
    expect(nextDayStart(sunday, la) - dayStart(sunday, la)).toBe(25 * 3600);
    // The week of Monday 26 October starts at 00:00 PDT; the next one at 00:00 PST.
    expect(weekStart(sunday, la)).toBe(at('2026-10-26T07:00:00Z'));
    expect(addWeeks(weekStart(sunday, la), 1, la)).toBe(at('2026-11-02T08:00:00Z'));
    // March 2027 (DST from Sunday 14 March) is 31 days less one hour long.
    expect(calendarMonth(at('2027-03-20T00:00:00Z'), la)).toEqual({
      start: at('2027-03-01T08:00:00Z'),
      lengthSec: 31 * 86400 - 3600,
    });
    expect(windowBounds('calendar-month', at('2027-03-20T00:00:00Z'), la).start).toBe(at('2027-03-01T08:00:00Z'));
    // Tokyo, the default, has none: 00:00 JST is 15:00 UTC the day before.
    expect(dayStart(at('2026-11-01T12:00:00Z'))).toBe(at('2026-11-01T15:00:00Z') - 86400);
  });
});
