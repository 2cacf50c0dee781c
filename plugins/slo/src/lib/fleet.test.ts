import { fleet, fleetRow } from '../testing/fixtures';
import { distinctValues, filterFleet, sortFleet } from './fleet';

describe('fleet', () => {
  it('sorts by budget remaining, then by burn rate, then by name', () => {
    const rows = [
      fleetRow({ name: 'b', budgetRemainingRatio: 0.5, burnRate1h: 1 }),
      fleetRow({ name: 'a', budgetRemainingRatio: 0.5, burnRate1h: 1 }),
      fleetRow({ name: 'c', budgetRemainingRatio: 0.5, burnRate1h: 4 }),
      fleetRow({ name: 'd', budgetRemainingRatio: -0.1, burnRate1h: 0 }),
    ];
    expect(sortFleet(rows).map(r => r.name)).toEqual(['d', 'c', 'a', 'b']);
  });

  it('filters by owner and system, and lists their distinct values', () => {
    const rows = fleet().rows;
    expect(filterFleet(rows, { owner: 'group:default/team-discovery' }).map(r => r.name)).toEqual(['search']);
    expect(filterFleet(rows, {})).toHaveLength(4);
    expect(distinctValues(rows, r => r.system)).toEqual(['system:default/catalog', 'system:default/shop']);
  });
});
