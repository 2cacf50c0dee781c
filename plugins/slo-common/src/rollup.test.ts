import { teamRollups } from './rollup';
import type { FleetRow } from './types';

const row = (
  name: string,
  owner: string | undefined,
  budget: number,
  policy: FleetRow['policy'],
  alertState: FleetRow['alertState'] = 'ok',
): FleetRow => ({
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

describe('teamRollups without data', () => {
  it('counts services without data apart: they never make a team healthy nor set its least budget', () => {
    const [x] = teamRollups([
      row('a', 'group:default/team-x', 0.4, 'healthy'),
      {
        ...row('ghost', 'group:default/team-x', 1, 'no-data', 'no-data'),
        noData: { code: 'no-series', reason: 'no series' },
      },
    ]);
    expect(x).toMatchObject({ services: 2, healthy: 1, noData: 1, worstService: 'a', worstBudgetRemainingRatio: 0.4 });
    expect(x.worstNoData).toBeUndefined();
    const [y] = teamRollups([row('ghost', 'group:default/team-y', 1, 'no-data', 'no-data')]);
    expect(y).toMatchObject({ healthy: 0, noData: 1, worstService: 'ghost', worstNoData: true });
  });
});
