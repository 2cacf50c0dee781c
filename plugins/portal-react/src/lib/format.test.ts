import { createFormatters } from './format';

describe('createFormatters', () => {
  const now = Date.parse('2025-06-03T12:00:00Z');
  const ago = (s: number) => new Date(now - s * 1000).toISOString();

  it('says relative times in English', () => {
    const f = createFormatters('en');
    expect(f.relative(ago(5 * 60), now)).toBe('5 minutes ago');
    expect(f.relative(ago(-3 * 3600), now)).toBe('in 3 hours');
    expect(f.relative(ago(26 * 3600), now)).toBe('yesterday');
    expect(f.relative(ago(0), now)).toBe('now');
    expect(f.relativeFromAge(90)).toBe('2 minutes ago');
    expect(f.list(['alice', 'bob', 'carol'])).toBe('alice, bob, and carol');
  });

  it('says relative times in Japanese', () => {
    const f = createFormatters('ja');
    expect(f.relative(ago(5 * 60), now)).toBe('5 分前');
    expect(f.relative(ago(-3 * 3600), now)).toBe('3 時間後');
    expect(f.relativeFromAge(7200)).toBe('2 時間前');
    expect(f.number(12345)).toBe('12,345');
    expect(f.list(['alice', 'bob'])).toBe('alice、bob');
  });

  it('puts a dash where there is no value', () => {
    const f = createFormatters('en');
    expect(f.relative(undefined)).toBe('—');
    expect(f.dateTime('not a date')).toBe('—');
    expect(f.number(undefined)).toBe('—');
  });
});
