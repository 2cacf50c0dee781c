import { teamRollups } from './rollup';
import type { FleetRow } from './types';

const row = (name: string, owner: string | undefined, budget: number, policy: FleetRow['policy'], alertState: FleetRow['alertState'] = 'ok'): FleetRow => ({
  entityRef: `component:default/${name}`,
  name,
  owner,
  objective: 99.9,
  sli: 0.999,
  budgetRemainingRatio: budget,
  burnRate1h: 1,
  alertState,
  policy,
});

describe('teamRollups', () => {
  it('counts each team’s states and puts the team with the least budget first', () => {
    const rollups = teamRollups([
      row('a', 'group:default/team-x', 0.8, 'healthy'),
      row('b', 'group:default/team-y', -0.2, 'exhausted', 'ticket'),
      row('c', 'group:default/team-y', 0.1, 'at-risk', 'page'),
      row('d', undefined, 0.5, 'healthy'),
    ]);
    expect(rollups.map(r => r.owner)).toEqual(['group:default/team-y', undefined, 'group:default/team-x']);
    expect(rollups[0]).toMatchObject({
      services: 2,
      healthy: 0,
      atRisk: 1,
      exhausted: 1,
      paging: 1,
      ticketing: 1,
      worstBudgetRemainingRatio: -0.2,
      worstService: 'b',
    });
  });
});
