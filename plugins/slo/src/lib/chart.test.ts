import { budgetDomain, linearScale, polylinePath, sliDomain } from './chart';

describe('chart helpers', () => {
  it('scales linearly, and a flat domain to the middle', () => {
    const y = linearScale([0, 1], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(0.25)).toBe(150);
    expect(linearScale([1, 1], [0, 10])(1)).toBe(5);
  });

  it('draws a path through the points', () => {
    expect(
      polylinePath([
        [0, 1],
        [2.25, 3],
      ]),
    ).toBe('M0.0,1.0 L2.3,3.0');
  });

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
