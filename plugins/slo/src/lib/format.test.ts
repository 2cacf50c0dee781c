import { createSloFormatters, toRatio } from './format';

describe('createSloFormatters', () => {
  const en = createSloFormatters('en');
  const ja = createSloFormatters('ja');

  it('shows an SLI with 3–4 decimals and never rounds it up to the next step', () => {
    expect(en.sli(0.999512)).toBe('99.9512%');
    expect(en.sli(0.9995)).toBe('99.950%');
    expect(en.sli(0.99999999)).toBe('99.9999%');
    expect(en.sli(1)).toBe('100.000%');
    expect(en.sli(undefined)).toBe('—');
  });

  it('reads objectives and attainments as ratios or percentages', () => {
    expect(toRatio(99.9)).toBe(0.999);
    expect(toRatio(0.999)).toBe(0.999);
    expect(toRatio(99.95)).toBe(0.9995);
    expect(en.objective(99.9)).toBe('99.9%');
    expect(en.objective(0.9995)).toBe('99.95%');
    expect(en.attainment(99.8996)).toBe('99.899%');
    expect(en.attainment(null)).toBe('—');
  });

  it('formats budget shares and burn rates', () => {
    expect(en.percent(0.512)).toBe('51.2%');
    expect(en.percent(-0.88)).toBe('-88%');
    expect(en.burnRate(14.4)).toBe('14.4×');
    expect(en.burnRate(1)).toBe('1.0×');
    expect(en.burnRate(undefined)).toBe('—');
  });

  it('formats days in UTC so a YYYY-MM-DD day stays that day', () => {
    expect(en.day('2026-11-03')).toBe('Nov 3, 2026');
    expect(en.shortDay('2026-11-03')).toBe('11/3');
    expect(ja.day('2026-11-03')).toBe('2026/11/03');
  });

  it('shows instants of SLO windows and corrections in the SLO zone (default Asia/Tokyo)', () => {
    expect(en.zoneDateTime('2026-11-18T17:00:00.000Z')).toBe('Nov 19, 2026, 2:00 AM');
    expect(ja.zoneDateTime('2026-11-18T17:00:00.000Z')).toBe('2026/11/19 2:00');
    expect(en.zoneDateTime(undefined)).toBe('—');
  });

  it('speaks the app language for relative times, weekdays and lists', () => {
    const now = Date.parse('2026-11-26T00:00:00Z');
    expect(en.relative('2026-11-29T00:00:00Z', now)).toBe('in 3 days');
    expect(ja.relative('2026-11-29T00:00:00Z', now)).toBe('3 日後');
    expect(ja.relative('2026-11-25T22:00:00Z', now)).toBe('2 時間前');
    expect(en.weekday('TU')).toBe('Tue');
    expect(ja.weekday('TU')).toBe('火');
    expect(en.list(['Tue', 'Thu'])).toBe('Tue and Thu');
    expect(ja.list(['火', '木'])).toBe('火、木');
  });
});
