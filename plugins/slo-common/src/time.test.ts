import {
  jstDate,
  jstDayStart,
  jstMonth,
  jstWeekStart,
  windowBounds,
} from './time';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('JST windows', () => {
  it('finds JST days, weeks and months', () => {
    // 2026-11-26 04:45 UTC is 13:45 JST on Thursday 26 November.
    const t = at('2026-11-26T04:45:00Z');
    expect(jstDate(t)).toBe('2026-11-26');
    expect(jstDayStart(t)).toBe(at('2026-11-25T15:00:00Z'));
    expect(jstWeekStart(t)).toBe(at('2026-11-22T15:00:00Z')); // Monday 23 November, 00:00 JST
    // 20:00 UTC on 30 November is already 1 December in Japan.
    expect(jstMonth(at('2026-11-30T20:00:00Z'))).toEqual({
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
});
