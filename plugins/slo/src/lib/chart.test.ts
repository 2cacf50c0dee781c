import { budgetDomain, sliDomain } from './chart';

describe('chart helpers', () => {
  it('keeps the objective inside the SLI chart', () => {
    const [low, high] = sliDomain([0.9995, 0.9999], 0.999);
    expect(high).toBe(1);
    expect(low).toBeLessThan(0.999);
    expect(low).toBeGreaterThan(0.99);
    expect(sliDomain([0.95], 0.999)[0]).toBeLessThan(0.95);
  });

  it('widens the budget chart below zero when the budget is overspent', () => {
    expect(budgetDomain([0.9, 0.5])).toEqual([0, 1]);
    expect(budgetDomain([0.2, -0.34])).toEqual([-0.4, 1]);
  });
});
