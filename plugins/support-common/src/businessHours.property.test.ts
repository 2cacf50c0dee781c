import fc from 'fast-check';
import { DEFAULT_CALENDAR, addBusinessMs, businessMsBetween, isBusinessTime } from './businessHours';

const from = Date.parse('2025-12-20T00:00:00Z');
const to = Date.parse('2028-01-10T00:00:00Z');
const instant = fc.integer({ min: from, max: to }).map(ms => ms - (ms % 60_000));
const minutes = fc.integer({ min: 0, max: 20 * 540 });

describe('business-hours arithmetic, for any instants in 2026-2027', () => {
  it('is additive: [a, c) = [a, b) + [b, c)', () => {
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q);
        expect(businessMsBetween(a, c, DEFAULT_CALENDAR)).toBe(
          businessMsBetween(a, b, DEFAULT_CALENDAR) + businessMsBetween(b, c, DEFAULT_CALENDAR),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('adding n business minutes and counting back gives n, and never lands outside working hours', () => {
    fc.assert(
      fc.property(instant, minutes, (start, n) => {
        const due = addBusinessMs(start, n * 60_000, DEFAULT_CALENDAR)!;
        expect(businessMsBetween(start, due, DEFAULT_CALENDAR)).toBe(n * 60_000);
        expect(n === 0 || isBusinessTime(due - 1, DEFAULT_CALENDAR)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('never counts more than 9 hours a day', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), (start, days) => {
        expect(businessMsBetween(start, start + days * 86_400_000, DEFAULT_CALENDAR)).toBeLessThanOrEqual(
          (days + 1) * 9 * 3_600_000,
        );
      }),
      { numRuns: 100 },
    );
  });
});
