import type { Tier } from './types';

/** A (≥ 99.9 %), B (99 % to 99.9 %), C (below 99 %); `null` without an objective. */
export function tierOf(objective: number | undefined): Tier | null {
  if (objective === undefined || !Number.isFinite(objective)) return null;
  // 99.9 written as a float can be 99.89999…: compare in thousandths.
  const milli = Math.round(objective * 1000);
  if (milli >= 99_900) return 'A';
  if (milli >= 99_000) return 'B';
  return 'C';
}

/** The tier whose items apply: an untiered service (no SLO) gets the tier C baseline. */
export function effectiveTier(tier: Tier | null): Tier {
  return tier ?? 'C';
}
