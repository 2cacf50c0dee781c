import type { CountsTier } from '../SloCounts/types';

export interface Sums {
  total: number;
  bad: number;
}

/** Prefix sums of one series of one tier (built once per cached tier and series). */
class TierPrefix {
  private readonly cumTotal: Float64Array;
  private readonly cumBad: Float64Array;

  constructor(private readonly tier: CountsTier, private readonly values: { total: number[]; bad: number[] }) {
    const n = values.total.length;
    this.cumTotal = new Float64Array(n + 1);
    this.cumBad = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) {
      this.cumTotal[i + 1] = this.cumTotal[i] + values.total[i];
      this.cumBad[i + 1] = this.cumBad[i] + values.bad[i];
    }
  }

  /** Counts in `[a, b)`; a bucket cut by `a` or `b` counts in proportion to the part inside. */
  addTo(out: Sums, a: number, b: number) {
    const { from, interval } = this.tier;
    const n = this.values.total.length;
    const lo = Math.max(a, from);
    const hi = Math.min(b, this.tier.to, from + n * interval);
    if (hi <= lo) return;
    const i0 = Math.floor((lo - from) / interval);
    const i1 = Math.ceil((hi - from) / interval); // exclusive
    let total = this.cumTotal[i1] - this.cumTotal[i0];
    let bad = this.cumBad[i1] - this.cumBad[i0];
    const head = (lo - (from + i0 * interval)) / interval;
    if (head > 0) {
      total -= this.values.total[i0] * head;
      bad -= this.values.bad[i0] * head;
    }
    const tail = (from + i1 * interval - hi) / interval;
    if (tail > 0) {
      total -= this.values.total[i1 - 1] * tail;
      bad -= this.values.bad[i1 - 1] * tail;
    }
    out.total += total;
    out.bad += bad;
  }
}

const prefixes = new WeakMap<CountsTier, Map<string, TierPrefix | null>>();

function prefixOf(tier: CountsTier, key: string): TierPrefix | null {
  let byKey = prefixes.get(tier);
  if (!byKey) prefixes.set(tier, (byKey = new Map()));
  let prefix = byKey.get(key);
  if (prefix === undefined) {
    const values = tier.series[key];
    prefix = values ? new TierPrefix(tier, values) : null;
    byKey.set(key, prefix);
  }
  return prefix;
}

/**
 * The counts of one endpoint across tiers, summed over any span of time with corrections
 * (excluded periods) taken out.
 */
export class Timeline {
  private readonly parts: TierPrefix[];

  constructor(tiers: CountsTier[], key: string) {
    this.parts = tiers.map(t => prefixOf(t, key)).filter((p): p is TierPrefix => !!p);
  }

  /** Sums of `[a, b)` minus the parts of `excluded` (sorted, merged periods) inside it. */
  sum(a: number, b: number, excluded: Array<[number, number]> = []): Sums {
    const out = { total: 0, bad: 0 };
    if (b <= a) return out;
    for (const p of this.parts) p.addTo(out, a, b);
    if (excluded.length) {
      const minus = { total: 0, bad: 0 };
      for (const [x, y] of excluded) {
        if (y <= a) continue;
        if (x >= b) break;
        for (const p of this.parts) p.addTo(minus, Math.max(a, x), Math.min(b, y));
      }
      out.total = Math.max(0, out.total - minus.total);
      out.bad = Math.max(0, out.bad - minus.bad);
    }
    return out;
  }
}

export const addSums = (a: Sums, b: Sums): Sums => ({
  total: a.total + b.total,
  bad: a.bad + b.bad,
});
