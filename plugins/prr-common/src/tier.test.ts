import { effectiveTier, tierOf } from './tier';
import { itemStatusOf, progressOf } from './progress';

describe('tiers', () => {
  it('A from 99.9 %, B from 99 %, C below, null without an SLO', () => {
    expect(tierOf(99.99)).toBe('A');
    expect(tierOf(99.9)).toBe('A');
    expect(tierOf(99.89)).toBe('B');
    expect(tierOf(99)).toBe('B');
    expect(tierOf(98.5)).toBe('C');
    expect(tierOf(undefined)).toBeNull();
    expect(effectiveTier(null)).toBe('C');
  });
});

describe('progress', () => {
  it('counts applicable items and scores the share that pass', () => {
    const items = [
      { status: itemStatusOf({ applies: true, kind: 'automatic', result: { status: 'pass' } }) },
      { status: itemStatusOf({ applies: true, kind: 'automatic', result: { status: 'fail' } }) },
      { status: itemStatusOf({ applies: true, kind: 'automatic' }) },
      { status: itemStatusOf({ applies: true, kind: 'manual', manual: { state: 'done' } }) },
      { status: itemStatusOf({ applies: true, kind: 'manual', manual: { state: 'not-applicable' } }) },
      { status: itemStatusOf({ applies: false, kind: 'automatic', result: { status: 'fail' } }) },
    ];
    expect(items.map(i => i.status)).toEqual(['pass', 'fail', 'unknown', 'pass', 'not-applicable', 'not-applicable']);
    expect(progressOf(items)).toEqual({ total: 4, passed: 2, failed: 1, pending: 1, score: 50 });
    expect(progressOf([]).score).toBe(100);
  });
});
