import { DEFAULT_CALENDAR } from './businessHours';
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
    const base = { kind: 'first_response' as const, targetMinutes: 100, startedAt: jst('2026-12-01T09:00:00'), pauses: [], calendar: cal };
    expect(slaClock({ ...base, now: jst('2026-12-01T09:50:00'), warningRatio: 0.5 }).state).toBe('warning');
    expect(slaClock({ ...base, now: jst('2026-12-01T09:50:00') }).state).toBe('ok');
  });
});
