import type { DailySli, SloCorrection } from '@internal/plugin-slo-common';
import {
  correctedDays,
  correctionBands,
  dayStartMs,
  deployMarks,
  historyWindow,
  mergeDeploys,
  localDay,
} from './chartMarks';

const day = (date: string, corrected = false): DailySli => ({
  date,
  total: 100,
  bad: 0,
  sli: 1,
  budgetRemainingRatio: 1,
  corrected,
});

const correction = (overrides: Partial<SloCorrection>): SloCorrection => ({
  id: 'c',
  entityRef: 'component:default/checkout',
  start: '2026-11-20T17:00:00.000Z',
  end: '2026-11-20T19:00:00.000Z',
  reason: 'DB maintenance',
  author: 'user:default/alice',
  createdAt: '2026-11-01T00:00:00.000Z',
  ...overrides,
});

// Mon 16 … Sun 22 November 2026 (JST).
const week = [16, 17, 18, 19, 20, 21, 22].map(d => day(`2026-11-${d}`));

describe('correction marks', () => {
  it('puts a one-off window on the JST day it falls on, with its reason', () => {
    // 02:00–04:00 JST on Saturday the 21st is still Friday the 20th in UTC.
    const byDay = correctedDays(week, [correction({})]);
    expect([...byDay.entries()]).toEqual([['2026-11-21', ['DB maintenance']]]);
    expect(correctionBands(week, byDay)).toEqual([
      {
        x1: dayStartMs('2026-11-21'),
        x2: dayStartMs('2026-11-22'),
        firstDay: '2026-11-21',
        lastDay: '2026-11-21',
        reasons: ['DB maintenance'],
      },
    ]);
  });

  it('repeats a weekly window on its days and merges consecutive days into one band', () => {
    const weekly = correction({
      start: '2026-11-09T17:00:00.000Z', // Tue 10 Nov, 02:00 JST
      end: '2026-11-09T19:00:00.000Z',
      rrule: 'FREQ=WEEKLY;BYDAY=TU,WE,FR',
      reason: 'Patch window',
    });
    const byDay = correctedDays(week, [weekly]);
    expect([...byDay.keys()].sort()).toEqual(['2026-11-17', '2026-11-18', '2026-11-20']);
    const bands = correctionBands(week, byDay);
    expect(bands.map(b => [b.firstDay, b.lastDay])).toEqual([
      ['2026-11-17', '2026-11-18'],
      ['2026-11-20', '2026-11-20'],
    ]);
  });

  it('keeps a day the history marks as corrected even without a matching correction', () => {
    const days = [day('2026-11-16'), day('2026-11-17', true)];
    const byDay = correctedDays(days, []);
    expect([...byDay.entries()]).toEqual([['2026-11-17', []]]);
    expect(correctionBands(days, byDay)).toHaveLength(1);
  });

  it('ignores corrections outside the window', () => {
    const early = correction({
      start: '2026-10-01T00:00:00.000Z',
      end: '2026-10-01T02:00:00.000Z',
    });
    expect(correctedDays(week, [early]).size).toBe(0);
  });
});

describe('deploy marks', () => {
  it('keeps the deploys inside the window, oldest first, labelled by version', () => {
    const from = dayStartMs('2026-11-16');
    const to = dayStartMs('2026-11-23');
    expect(
      deployMarks(
        [
          { id: 'b', at: '2026-11-20T03:00:00Z', title: 'Deployed checkout', version: '1.4.2' },
          { id: 'a', at: '2026-11-17T03:00:00Z', title: 'Deployed checkout' },
          { id: 'old', at: '2026-11-01T03:00:00Z', title: 'Deployed checkout', version: '1.3.0' },
        ],
        from,
        to,
      ).map(d => [d.id, d.label]),
    ).toEqual([
      ['a', 'Deployed checkout'],
      ['b', '1.4.2'],
    ]);
  });
});

describe('marks in the configured SLO zone (slo.timeZone)', () => {
  const la = 'America/Los_Angeles';
  // Sat 31 Oct … Mon 2 Nov 2026 in Los Angeles; DST ends on Sunday 1 November (a 25-hour day).
  const days = ['2026-10-31', '2026-11-01', '2026-11-02'].map(d => day(d));

  it('starts each day at local midnight and gives the DST day its 25 hours', () => {
    expect(new Date(dayStartMs('2026-11-01', la)).toISOString()).toBe('2026-11-01T07:00:00.000Z');
    expect(new Date(dayStartMs('2026-11-02', la)).toISOString()).toBe('2026-11-02T08:00:00.000Z');
    expect(new Date(dayStartMs('2026-11-01')).toISOString()).toBe('2026-10-31T15:00:00.000Z');
  });

  it('puts a window on the local day of that zone and bands the whole 25-hour day', () => {
    // 23:00–23:30 on Sunday 1 Nov in Los Angeles is already Monday in UTC and in Tokyo.
    const late = correction({
      start: '2026-11-02T07:00:00.000Z',
      end: '2026-11-02T07:30:00.000Z',
      reason: 'Late deploy freeze',
    });
    const byDay = correctedDays(days, [late], la);
    expect([...byDay.keys()]).toEqual(['2026-11-01']);
    const [band] = correctionBands(days, byDay, la);
    expect(band.x2 - band.x1).toBe(25 * 3600_000);
    expect(localDay(Date.parse('2026-11-02T07:00:00.000Z'), la)).toBe('2026-11-01');
    expect(localDay(Date.parse('2026-11-02T07:00:00.000Z'))).toBe('2026-11-02');
  });
});

describe('mergeDeploys', () => {
  const rollout = (id: string, at: string, version: string, cluster = 'aws-tokyo') => ({
    id,
    at,
    title: `Deployed checkout ${version}`,
    version,
    cluster,
  });

  it('keeps every recorded rollout and the Datadog deploy events that are not one of them, oldest first', () => {
    const recorded = [
      rollout('rollout:2', '2026-11-21T00:00:00Z', 'v1.2.0'),
      rollout('rollout:1', '2026-11-20T00:00:00Z', 'v1.1.0'),
    ];
    const events = [
      // The same deploy, seen by Datadog: left out.
      rollout('dd1', '2026-11-20T00:01:00Z', 'v1.1.0'),
      // The same version in another cluster, an event without a cluster, one without a version: kept.
      rollout('dd2', '2026-11-20T03:00:00Z', 'v1.1.0', 'gcp-osaka'),
      { id: 'dd3', at: '2026-11-22T00:00:00Z', title: 'Deployed checkout', version: 'v1.3.0' },
      { id: 'dd4', at: '2026-11-19T00:00:00Z', title: 'Deployed checkout' },
    ];
    expect(mergeDeploys(recorded, events).map(d => d.id)).toEqual(['dd4', 'rollout:1', 'dd2', 'rollout:2', 'dd3']);
    // An event without a cluster is the recorded rollout of the same version.
    expect(
      mergeDeploys(recorded, [{ id: 'dd5', at: '2026-11-21T00:00:00Z', title: 'x', version: 'v1.2.0' }]).map(d => d.id),
    ).toEqual(['rollout:1', 'rollout:2']);
  });
});

describe('historyWindow', () => {
  it('spans the history from midnight JST of its first day to the end of its last', () => {
    expect(historyWindow([day('2026-11-20'), day('2026-11-21'), day('2026-11-23')])).toEqual({
      from: '2026-11-19T15:00:00.000Z',
      to: '2026-11-23T15:00:00.000Z',
    });
    expect(historyWindow([])).toBeUndefined();
  });
});
