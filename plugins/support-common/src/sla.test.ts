import { DEFAULT_CALENDAR, isBusinessTime, type BusinessCalendar } from './businessHours';
import { pausesOf, requestSla, slaClock } from './sla';

const jst = (text: string) => Date.parse(`${text}+09:00`);
const cal = DEFAULT_CALENDAR;
const target = { firstResponseMinutes: 4 * 60, resolutionMinutes: 16 * 60 };

describe('SLA clocks', () => {
  it('runs on business time: filed Friday 17:00 before a Monday holiday', () => {
    const createdAt = jst('2026-11-20T17:00:00');
    // Tuesday 10:30: 1 h Friday + 1.5 h Tuesday = 150 of 240 minutes (62.5 %), still ok.
    let sla = requestSla({ createdAt, statusChanges: [], target, now: jst('2026-11-24T10:30:00'), calendar: cal });
    expect(sla.firstResponse).toMatchObject({ elapsedMinutes: 150, remainingMinutes: 90, state: 'ok', paused: false });
    expect(sla.firstResponse.dueAt).toBe('2026-11-24T03:00:00.000Z');
    // Tuesday 11:00: 180 minutes = 75 %: warning.
    sla = requestSla({ createdAt, statusChanges: [], target, now: jst('2026-11-24T11:00:00'), calendar: cal });
    expect(sla.firstResponse.state).toBe('warning');
    // Tuesday 12:00: 240 minutes: breached; a clock stopped in time is met.
    sla = requestSla({ createdAt, statusChanges: [], target, now: jst('2026-11-24T12:00:00'), calendar: cal });
    expect(sla.firstResponse.state).toBe('breached');
    sla = requestSla({
      createdAt,
      firstResponseAt: jst('2026-11-24T09:30:00'),
      statusChanges: [],
      target,
      now: jst('2026-11-25T12:00:00'),
      calendar: cal,
    });
    expect(sla.firstResponse).toMatchObject({ state: 'met', elapsedMinutes: 90 });
    // Resolution: 1 h + 9 h (Tuesday) + 3 h (Wednesday) = 780 of 960 minutes: past 75 %.
    expect(sla.resolution).toMatchObject({ state: 'warning', elapsedMinutes: 780 });
  });

  it('pauses while waiting on the requester', () => {
    const createdAt = jst('2026-12-01T09:00:00');
    const statusChanges = [
      { at: jst('2026-12-01T10:00:00'), to: 'triaged' as const },
      { at: jst('2026-12-01T11:00:00'), to: 'waiting_on_requester' as const },
      { at: jst('2026-12-02T11:00:00'), to: 'in_progress' as const },
      { at: jst('2026-12-02T15:00:00'), to: 'waiting_on_requester' as const },
    ];
    expect(pausesOf(statusChanges)).toEqual([
      { from: jst('2026-12-01T11:00:00'), to: jst('2026-12-02T11:00:00') },
      { from: jst('2026-12-02T15:00:00') },
    ]);
    const sla = requestSla({
      createdAt,
      firstResponseAt: jst('2026-12-01T10:00:00'),
      statusChanges,
      target,
      now: jst('2026-12-03T17:00:00'),
      calendar: cal,
    });
    // Active: 1 Dec 09-11 (2 h) + 2 Dec 11-15 (4 h) = 6 h; paused since 2 Dec 15:00.
    expect(sla.resolution).toMatchObject({ elapsedMinutes: 360, state: 'ok', paused: true });
    expect(sla.resolution.dueAt).toBeUndefined();
  });

  it('is breached when stopped late, and keeps its stop time', () => {
    const clock = slaClock({
      kind: 'resolution',
      targetMinutes: 60,
      startedAt: jst('2026-12-01T09:00:00'),
      stoppedAt: jst('2026-12-01T11:00:00'),
      pauses: [],
      now: jst('2026-12-05T00:00:00'),
      calendar: cal,
    });
    expect(clock).toMatchObject({ state: 'breached', elapsedMinutes: 120, stoppedAt: '2026-12-01T02:00:00.000Z' });
  });

  it('honours a custom warning ratio', () => {
    const base = {
      kind: 'first_response' as const,
      targetMinutes: 100,
      startedAt: jst('2026-12-01T09:00:00'),
      pauses: [],
      calendar: cal,
    };
    expect(slaClock({ ...base, now: jst('2026-12-01T09:50:00'), warningRatio: 0.5 }).state).toBe('warning');
    expect(slaClock({ ...base, now: jst('2026-12-01T09:50:00') }).state).toBe('ok');
  });
});

describe('SLA clocks beyond a hand-written holiday table', () => {
  // Default P4 targets (types/default.yaml): first response 9 h, resolution 45 h of business time.
  const p4 = { firstResponseMinutes: 9 * 60, resolutionMinutes: 45 * 60 };

  it('An SLA test for a request filed on 2028-01-02 (Sunday, new year) computes its due time from the real 2028 holidays', () => {
    // Saturday 1 Jan 2028 is 元日; Sunday 2 Jan is filed; Monday 3 Jan is a working day;
    // Monday 10 Jan 2028 is 成人の日 (Coming-of-Age Day, second Monday of January).
    const createdAt = jst('2028-01-02T10:00:00');
    const filed = requestSla({ createdAt, statusChanges: [], target: p4, now: createdAt, calendar: cal });
    // Nothing runs over the weekend: 9 h from Monday 09:00 is Monday 18:00 JST.
    expect(filed.firstResponse.dueAt).toBe('2028-01-03T09:00:00.000Z');
    // 45 h = Monday 3 to Friday 7 January, 09:00-18:00: Friday 18:00 JST.
    expect(filed.resolution.dueAt).toBe('2028-01-07T09:00:00.000Z');

    // Answered Monday 10:00, then a day waiting on the requester (Tue 12:00 - Wed 12:00):
    // 12 h ran (Mon 9 h + Tue 3 h), 33 h remain from Wednesday 12:00 = Wed 6 h + Thu 9 h + Fri 9 h,
    // then Monday 10 January is a holiday, so the last 9 h run on Tuesday 11 January: 18:00 JST.
    const statusChanges = [
      { at: jst('2028-01-03T10:00:00'), to: 'in_progress' as const },
      { at: jst('2028-01-04T12:00:00'), to: 'waiting_on_requester' as const },
      { at: jst('2028-01-05T12:00:00'), to: 'in_progress' as const },
    ];
    const now = jst('2028-01-05T12:00:00');
    const later = requestSla({
      createdAt,
      firstResponseAt: jst('2028-01-03T10:00:00'),
      statusChanges,
      target: p4,
      now,
      calendar: cal,
    });
    expect(later.resolution).toMatchObject({
      elapsedMinutes: 12 * 60,
      remainingMinutes: 33 * 60,
      state: 'ok',
      paused: false,
    });
    expect(later.resolution.dueAt).toBe('2028-01-11T09:00:00.000Z');
    expect(isBusinessTime(jst('2028-01-10T12:00:00'), cal)).toBe(false);

    // A company new-year closure (every year, on top of the national holidays) moves it again:
    // Monday 3 January is closed too, so the first response is due Tuesday 4 January 18:00 JST.
    const closed: BusinessCalendar = { ...cal, annualHolidays: ['12-29', '12-30', '12-31', '01-02', '01-03'] };
    expect(
      requestSla({ createdAt, statusChanges: [], target: p4, now: createdAt, calendar: closed }).firstResponse.dueAt,
    ).toBe('2028-01-04T09:00:00.000Z');
  });

  it('knows the national holidays of years far from today (no end year in 2027)', () => {
    // 2030: 春分の日 Wednesday 20 March; 2035: 振替休日 Monday 24 September (秋分の日 on Sunday).
    expect(isBusinessTime(jst('2030-03-20T10:00:00'), cal)).toBe(false);
    expect(isBusinessTime(jst('2030-03-19T10:00:00'), cal)).toBe(true);
    expect(isBusinessTime(jst('2035-09-24T10:00:00'), cal)).toBe(false);
  });
});
