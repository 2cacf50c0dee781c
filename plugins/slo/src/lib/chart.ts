/** The y domains of the SLO charts (pure, so they can be tested without a DOM). */

/** Rounds down to a "nice" step (1, 2 or 5 × a power of ten) of the given span. */
function niceFloor(value: number, span: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(span));
  const step = [1, 2, 5, 10].map(m => m * magnitude).find(s => s >= span / 2) ?? magnitude;
  return Math.floor(value / step + 1e-9) * step;
}

/**
 * The y range of a daily SLI chart: up to 100 %, down far enough below both the worst day and
 * the objective that the objective line sits inside the chart, not on its edge.
 */
export function sliDomain(values: readonly number[], objective: number): [number, number] {
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
