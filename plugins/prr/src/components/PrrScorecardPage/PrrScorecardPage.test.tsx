import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { Scorecard } from '@internal/plugin-prr-common';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { prrApiRef, type PrrApi, type ScorecardFilter } from '../../api/PrrApi';
import { PrrScorecardPage } from './PrrScorecardPage';

const scorecard = (filter: ScorecardFilter): Scorecard => {
  const rows: Scorecard['rows'] = [
    {
      entityRef: 'component:default/fraud-scoring',
      name: 'fraud-scoring',
      owner: 'group:default/team-checkout',
      tier: 'A',
      reviewStatus: 'in_review',
      score: 40,
      sections: { kubernetes: 30, oncall: 100 },
      trend: [
        { at: '2026-11-25', score: 35 },
        { at: '2026-11-26', score: 40 },
      ],
    },
    {
      entityRef: 'component:default/inventory-service',
      name: 'inventory-service',
      owner: 'group:default/team-catalog',
      tier: 'A',
      reviewStatus: 'drifted',
      score: 95,
      sections: { kubernetes: 90, oncall: null },
      trend: [{ at: '2026-11-26', score: 95 }],
    },
  ];
  return {
    sections: [
      { id: 'kubernetes', title: { en: 'Kubernetes', ja: 'Kubernetes' } },
      { id: 'oncall', title: { en: 'On-call', ja: 'オンコール' } },
    ],
    rows: rows.filter(r => !filter.team || r.owner === filter.team),
    trend: [
      { at: '2026-11-25', score: 35 },
      { at: '2026-11-26', score: 68 },
    ],
  };
};

// Rendering the whole app shell is slow on a busy machine.
jest.setTimeout(60_000);

describe('PrrScorecardPage', () => {
  it('shows services by section with their scores, the trend, and filters by team', async () => {
    const getScorecard = jest.fn(async (filter: ScorecardFilter = {}) => scorecard(filter));
    const api = { getScorecard } as unknown as PrrApi;
    await renderInTestApp(<PrrScorecardPage />, { apis: [[prrApiRef, api]] });

    const table = await screen.findByRole('table', { name: 'Readiness by service and section' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(r =>
        within(r)
          .getAllByRole('cell')
          .slice(0, 7)
          .map(c => c.textContent),
      ),
    ).toEqual([
      ['fraud-scoring', 'team-checkout', 'Tier A', 'In review', '40 %', '30', '100'],
      ['inventory-service', 'team-catalog', 'Tier A', 'Drifted', '95 %', '90', '—'],
    ]);
    expect(
      screen.getByRole('img', {
        name: 'fraud-scoring: Mean readiness score per day. From 35 on 25 Nov 2026 to 40 on 26 Nov 2026 (2 evaluation days).',
      }),
    ).toBeInTheDocument();

    fireEvent.mouseDown(screen.getByLabelText('Team'));
    fireEvent.click(await screen.findByRole('option', { name: 'team-catalog' }));
    await waitFor(() =>
      expect(getScorecard).toHaveBeenLastCalledWith({ team: 'group:default/team-catalog', tier: undefined }),
    );
    await waitFor(() =>
      expect(
        within(screen.getByRole('table', { name: 'Readiness by service and section' })).getAllByRole('row'),
      ).toHaveLength(2),
    );
  });

  it('draws the fleet trend with a tooltip per day, a summary and the data as a table', async () => {
    const api = { getScorecard: async (filter: ScorecardFilter = {}) => scorecard(filter) } as unknown as PrrApi;
    await renderInTestApp(<PrrScorecardPage />, { apis: [[prrApiRef, api]] });

    const chart = await screen.findByRole('img', { name: 'Mean readiness score per day' });
    expect(chart).toHaveAccessibleDescription('From 35 on 25 Nov 2026 to 68 on 26 Nov 2026 (2 evaluation days).');
    act(() => chart.focus());
    fireEvent.keyDown(chart, { key: 'ArrowRight' });
    const tooltip = await screen.findByTestId('prr-trend-tooltip');
    expect(tooltip).toHaveTextContent('26 Nov 2026');
    expect(tooltip).toHaveTextContent('Score 68');

    const table = screen.getByRole('table', { name: 'Score per evaluation day' });
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map(r => r.textContent),
    ).toEqual(['25 Nov 202635', '26 Nov 202668']);
  });
});
