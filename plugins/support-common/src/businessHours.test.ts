import {
  DEFAULT_CALENDAR,
  activeBusinessMs,
  addBusinessMs,
  businessMinutesBetween,
  calendarIssues,
  isBusinessTime,
  parseDurationMinutes,
  formatMinutes,
  type BusinessCalendar,
} from './businessHours';

const jst = (text: string) => Date.parse(`${text}+09:00`);
const H = 60;

describe('business hours (Asia/Tokyo, 09:00-18:00 Mon-Fri, Japanese holidays)', () => {
  const cal = DEFAULT_CALENDAR;

  it('counts only working hours within one day', () => {
    expect(businessMinutesBetween(jst('2026-11-24T08:00:00'), jst('2026-11-24T10:30:00'), cal)).toBe(90);
    expect(businessMinutesBetween(jst('2026-11-24T17:30:00'), jst('2026-11-24T23:00:00'), cal)).toBe(30);
    expect(businessMinutesBetween(jst('2026-11-24T19:00:00'), jst('2026-11-24T23:00:00'), cal)).toBe(0);
    expect(businessMinutesBetween(jst('2026-11-24T12:00:00'), jst('2026-11-24T11:00:00'), cal)).toBe(0);
  });

  it('skips a weekend', () => {
    // Friday 2026-11-27 17:00 → Monday 2026-11-30 10:00: 1 h on Friday + 1 h on Monday.
    expect(businessMinutesBetween(jst('2026-11-27T17:00:00'), jst('2026-11-30T10:00:00'), cal)).toBe(2 * H);
    expect(isBusinessTime(jst('2026-11-28T12:00:00'), cal)).toBe(false);
  });

  it('skips a weekend AND a Monday holiday (Friday 17:00 before Labour Thanksgiving Day)', () => {
    // Friday 2026-11-20 17:00, Saturday, Sunday, Monday 2026-11-23 (勤労感謝の日), Tuesday 10:00.
    const friday = jst('2026-11-20T17:00:00');
    expect(businessMinutesBetween(friday, jst('2026-11-24T10:00:00'), cal)).toBe(2 * H);
    expect(isBusinessTime(jst('2026-11-23T10:00:00'), cal)).toBe(false);
    // A 4-hour target filed then is due Tuesday 12:00 JST (1 h Friday + 3 h Tuesday).
    expect(new Date(addBusinessMs(friday, 4 * H * 60_000, cal)!).toISOString()).toBe('2026-11-24T03:00:00.000Z');
    // A 30-minute target is still due on Friday.
    expect(new Date(addBusinessMs(friday, 30 * 60_000, cal)!).toISOString()).toBe('2026-11-20T08:30:00.000Z');
  });

  it('skips Golden Week and its substitute holiday', () => {
    // Thursday 2026-04-30 17:00 → Thursday 2026-05-07 10:00; May 1 (Fri) works, May 4-6 are holidays.
    expect(businessMinutesBetween(jst('2026-04-30T17:00:00'), jst('2026-05-07T10:00:00'), cal)).toBe(H + 9 * H + H);
  });

  it('starts a clock filed at night at the next opening', () => {
    const night = jst('2026-12-01T22:00:00');
    expect(new Date(addBusinessMs(night, 60 * 60_000, cal)!).toISOString()).toBe('2026-12-02T01:00:00.000Z');
    expect(addBusinessMs(night, 0, cal)).toBe(jst('2026-12-02T09:00:00'));
  });

  it('subtracts pauses, including overlapping and open ones', () => {
    const start = jst('2026-12-01T09:00:00');
    const end = jst('2026-12-01T18:00:00');
    const pauses = [
      { from: jst('2026-12-01T10:00:00'), to: jst('2026-12-01T12:00:00') },
      { from: jst('2026-12-01T11:00:00'), to: jst('2026-12-01T13:00:00') },
      { from: jst('2026-12-01T17:00:00') },
    ];
    expect(activeBusinessMs(start, end, pauses, cal) / 60_000).toBe(9 * H - 3 * H - H);
  });

  it('works in other zones, including UTC midnight and a zone with a DST change', () => {
    const utc: BusinessCalendar = {
      timeZone: 'UTC',
      start: '00:00',
      end: '24:00',
      workDays: [0, 1, 2, 3, 4, 5, 6],
      holidays: [],
    };
    expect(businessMinutesBetween(Date.parse('2026-12-01T23:00:00Z'), Date.parse('2026-12-02T01:00:00Z'), utc)).toBe(
      2 * H,
    );
    // Europe/Berlin leaves DST on Sunday 2026-10-25: Monday 09:00 local is 08:00Z, not 07:00Z.
    const berlin: BusinessCalendar = {
      timeZone: 'Europe/Berlin',
      start: '09:00',
      end: '17:00',
      workDays: [1, 2, 3, 4, 5],
      holidays: [],
    };
    expect(new Date(addBusinessMs(Date.parse('2026-10-23T14:00:00Z'), 2 * H * 60_000, berlin)!).toISOString()).toBe(
      '2026-10-26T09:00:00.000Z',
    );
    // Tokyo has no DST: 09:00 JST is 00:00Z on every day of the year.
    for (const d of ['2026-03-30', '2026-07-01', '2026-10-26', '2027-01-04']) {
      expect(addBusinessMs(Date.parse(`${d}T00:00:00Z`) - 1, 0, DEFAULT_CALENDAR)).toBe(Date.parse(`${d}T00:00:00Z`));
    }
  });

  it('reports bad calendars and parses durations', () => {
    expect(calendarIssues(cal)).toEqual([]);
    expect(calendarIssues({ ...cal, timeZone: 'Mars/Base', end: '08:00' }).join('\n')).toMatch(/timeZone[\s\S]*end/);
    expect(parseDurationMinutes('30m')).toBe(30);
    expect(parseDurationMinutes('4h')).toBe(240);
    expect(parseDurationMinutes('1h30m')).toBe(90);
    expect(parseDurationMinutes(15)).toBe(15);
    expect(() => parseDurationMinutes('soon')).toThrow(/Invalid duration/);
    expect(formatMinutes(90)).toBe('1h 30m');
    expect(formatMinutes(45)).toBe('45m');
  });
});
