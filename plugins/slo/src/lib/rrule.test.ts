import { weeklyDays, weeklyRrule } from './rrule';

describe('weekly RRULEs', () => {
  it('builds one from the chosen days, in week order', () => {
    expect(weeklyRrule(['FR', 'TU'])).toBe('FREQ=WEEKLY;BYDAY=TU,FR');
    expect(weeklyRrule([])).toBeUndefined();
  });

  it('reads the days of a simple weekly rule', () => {
    expect(weeklyDays('FREQ=WEEKLY;BYDAY=TH,TU')).toEqual(['TU', 'TH']);
    expect(weeklyDays('RRULE:freq=weekly;byday=mo')).toEqual(['MO']);
  });

  it('leaves rules it cannot say in words to the caller', () => {
    expect(weeklyDays('FREQ=DAILY')).toBeUndefined();
    expect(weeklyDays('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU')).toBeUndefined();
    expect(weeklyDays('FREQ=WEEKLY;BYDAY=1TU')).toBeUndefined();
    expect(weeklyDays('FREQ=WEEKLY')).toBeUndefined();
  });
});
