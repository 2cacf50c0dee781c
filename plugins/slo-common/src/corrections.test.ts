import { correctionIssues, correctionPeriods, mergePeriods, parseRecurrence } from './corrections';
import { localDate } from './time';

const jst = (text: string) => Date.parse(`${text}+09:00`) / 1000;
const show = (periods: Array<[number, number]>) =>
  periods.map(
    ([a, b]) =>
      `${new Date((a + 9 * 3600) * 1000).toISOString().slice(0, 16)}–${new Date((b + 9 * 3600) * 1000)
        .toISOString()
        .slice(11, 16)}`,
  );

describe('corrections', () => {
  it('reads RRULEs with rrule and explains, in words, what a correction cannot use', () => {
    const ok = (rule: string) => parseRecurrence(rule).ok;
    expect(ok('FREQ=WEEKLY;BYDAY=TU,TH')).toBe(true);
    expect(ok('RRULE:FREQ=DAILY;INTERVAL=2;COUNT=5')).toBe(true);
    expect(ok('FREQ=WEEKLY;BYDAY=TU;BYHOUR=2')).toBe(true);
    // The first Sunday of every month: a numbered weekday is fine with MONTHLY.
    expect(ok('FREQ=MONTHLY;BYDAY=1SU')).toBe(true);
    expect(parseRecurrence('FREQ=WEEKLY;UNTIL=20261231T150000Z')).toMatchObject({
      ok: true,
      recurrence: { until: 'utc' },
    });
    const issue = (rule: string) => {
      const r = parseRecurrence(rule);
      return r.ok ? undefined : [r.issue, r.message];
    };
    expect(issue('FREQ=HOURLY')).toEqual([
      { code: 'freqUnsupported', freq: 'HOURLY' },
      'rrule: FREQ=HOURLY is not supported (DAILY, WEEKLY, MONTHLY, YEARLY)',
    ]);
    expect(issue('FREQ=WEEKLY;FOO=1')).toEqual([
      { code: 'unsupportedPart', part: 'FOO' },
      'rrule: FOO is not supported here',
    ]);
    expect(issue('FREQ=WEEKLY;BYDAY=XX')?.[0]).toEqual({ code: 'badDay', day: 'XX' });
    expect(issue('FREQ=WEEKLY;BYDAY=1MO')?.[0]).toEqual({ code: 'ordinalDay', day: '1MO' });
    expect(issue('BYDAY=MO')?.[0]).toEqual({ code: 'freqRequired' });
    expect(issue('FREQ=WEEKLY;BYHOUR=25')?.[0]).toEqual({ code: 'badNumber', part: 'BYHOUR', min: 0, max: 23 });
    expect(issue('FREQ=WEEKLY;INTERVAL=0')?.[0]).toMatchObject({ code: 'badNumber', part: 'INTERVAL' });
    expect(issue('FREQ=WEEKLY;COUNT=abc')?.[0]).toMatchObject({ code: 'badNumber', part: 'COUNT' });
    expect(issue('FREQ=DAILY;COUNT=2;UNTIL=20270101')?.[0]).toEqual({ code: 'countAndUntil' });
    expect(issue('FREQ=WEEKLY;UNTIL=2026')?.[0]).toEqual({ code: 'badUntil' });
    expect(issue('DTSTART:20260101T000000Z;FREQ=DAILY')?.[0]).toEqual({ code: 'unsupportedPart', part: 'DTSTART' });
    expect(issue('  ')?.[0]).toEqual({ code: 'empty' });
  });

  it('repeats a weekly maintenance window on the given JST weekdays', () => {
    // Tuesdays and Thursdays 02:00–04:00 JST from Tuesday 3 November 2026.
    const recurrence = (parseRecurrence('FREQ=WEEKLY;BYDAY=TU,TH') as any).recurrence;
    const periods = correctionPeriods(
      {
        start: jst('2026-11-03T02:00:00'),
        end: jst('2026-11-03T04:00:00'),
        recurrence,
      },
      jst('2026-11-01T00:00:00'),
      jst('2026-11-13T00:00:00'),
    );
    expect(show(periods)).toEqual([
      '2026-11-03T02:00–04:00',
      '2026-11-05T02:00–04:00',
      '2026-11-10T02:00–04:00',
      '2026-11-12T02:00–04:00',
    ]);
    expect(periods.map(([a]) => localDate(a))).toEqual(['2026-11-03', '2026-11-05', '2026-11-10', '2026-11-12']);
  });

  it('honours INTERVAL, COUNT, UNTIL and clips to the range', () => {
    const start = jst('2026-11-02T23:30:00'); // a Monday
    const end = jst('2026-11-03T00:30:00');
    const every = (rrule: string) => (parseRecurrence(rrule) as any).recurrence;
    // The last occurrence is clipped at the end of the range.
    expect(
      show(
        correctionPeriods(
          { start, end, recurrence: every('FREQ=WEEKLY;INTERVAL=2') },
          start,
          jst('2026-12-01T00:00:00'),
        ),
      ),
    ).toEqual(['2026-11-02T23:30–00:30', '2026-11-16T23:30–00:30', '2026-11-30T23:30–00:00']);
    expect(
      correctionPeriods({ start, end, recurrence: every('FREQ=DAILY;COUNT=3') }, start, jst('2027-01-01T00:00:00')),
    ).toHaveLength(3);
    // UNTIL as a date includes that whole JST day: 2, 3, 4 and 5 November.
    expect(
      correctionPeriods(
        { start, end, recurrence: every('FREQ=DAILY;UNTIL=20261105') },
        start,
        jst('2027-01-01T00:00:00'),
      ),
    ).toHaveLength(4);
    // Clipped: the range starts in the middle of the second occurrence.
    expect(
      show(
        correctionPeriods(
          { start, end, recurrence: every('FREQ=DAILY;COUNT=3') },
          jst('2026-11-04T00:00:00'),
          jst('2026-11-30T00:00:00'),
        ),
      ),
    ).toEqual(['2026-11-04T00:00–00:30', '2026-11-04T23:30–00:30']);
    // A daily rule started long ago walks only the periods near the range.
    const old = correctionPeriods(
      {
        start: jst('2000-01-01T03:00:00'),
        end: jst('2000-01-01T03:10:00'),
        recurrence: every('FREQ=DAILY'),
      },
      jst('2026-11-01T00:00:00'),
      jst('2026-11-03T00:00:00'),
    );
    expect(show(old)).toEqual(['2026-11-01T03:00–03:10', '2026-11-02T03:00–03:10']);
  });

  it('merges overlapping periods so nothing is excluded twice', () => {
    expect(
      mergePeriods([
        [10, 20],
        [0, 5],
        [15, 30],
        [30, 31],
        [40, 40],
      ]),
    ).toEqual([
      [0, 5],
      [10, 31],
    ]);
  });

  it('validates a correction', () => {
    expect(correctionIssues({ start: 10, end: 10 })).toEqual(['end must be after start']);
    expect(correctionIssues({ start: 0, end: 32 * 86400 })).toEqual(['a correction may last at most 31 days']);
    expect(correctionIssues({ start: 0, end: 2 * 86400, rrule: 'FREQ=DAILY' })).toEqual([
      'a recurring correction may last at most 24 hours per occurrence',
    ]);
    expect(correctionIssues({ start: 0, end: 3600, rrule: 'FREQ=HOURLY' })).toEqual([
      'rrule: FREQ=HOURLY is not supported (DAILY, WEEKLY, MONTHLY, YEARLY)',
    ]);
    expect(correctionIssues({ start: 0, end: 3600, rrule: 'FREQ=WEEKLY;BYDAY=SA' })).toEqual([]);
  });
});
