/** Scales and domains of the inline SVG charts (pure, so they can be tested without a DOM). */

/** Maps a domain linearly onto a range; a flat domain maps to the range's middle. */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => (r0 + r1) / 2;
  return value => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
}

/** An SVG path through the points, in order. */
export function polylinePath(points: ReadonlyArray<[number, number]>): string {
  return points
    .map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`)
    .join(' ');
}

/** Rounds down to a "nice" step (1, 2 or 5 × a power of ten) of the given span. */
function niceFloor(value: number, span: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(span));
  const step =
    [1, 2, 5, 10].map(m => m * magnitude).find(s => s >= span / 2) ?? magnitude;
  return Math.floor(value / step + 1e-9) * step;
}

/**
 * The y range of a daily SLI chart: up to 100 %, down far enough below both the worst day and
 * the objective that the objective line sits inside the chart, not on its edge.
 */
export function sliDomain(
  values: readonly number[],
  objective: number,
): [number, number] {
  const lowest = Math.min(objective, ...values);
  const gap = Math.max(1 - lowest, 0.0001);
  return [Math.max(0, niceFloor(lowest - gap * 0.25, gap * 1.25)), 1];
}

/** The y range of a burn-down chart: 0–100 %, widened when the budget went negative or above. */
export function budgetDomain(values: readonly number[]): [number, number] {
  const low = Math.min(0, ...values);
  const high = Math.max(1, ...values);
  return [low < 0 ? Math.floor(low * 10) / 10 : 0, high];
}
