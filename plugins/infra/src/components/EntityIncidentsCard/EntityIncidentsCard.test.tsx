import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { infraApiRef, type InfraApi } from '../../api/InfraApi';
import { cartEntity, overview } from '../../testing/fixtures';
import { EntityIncidentsCard } from './EntityIncidentsCard';

function renderCard(api: Partial<InfraApi>) {
  return renderInTestApp(
    <EntityProvider entity={cartEntity}>
      <EntityIncidentsCard />
    </EntityProvider>,
    { apis: [[infraApiRef, api]] },
  );
}

describe('EntityIncidentsCard', () => {
  it('lists open incidents with status, urgency, age and assignees, then resolved ones', async () => {
    renderCard({ getEntityOverview: async () => overview() });

    const table = await screen.findByRole('table', { name: 'Open incidents' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Triggered');
    expect(rows[0]).toHaveTextContent('High');
    expect(rows[0]).toHaveTextContent('5 minutes ago');
    expect(rows[0]).toHaveTextContent('Alice Primary');
    expect(
      within(rows[0]).getByRole('link', {
        name: '#42 Checkout error rate above 5%',
      }),
    ).toHaveAttribute('href', 'https://pd.example/incidents/I1');
    expect(rows[1]).toHaveTextContent('Acknowledged');
    expect(rows[1]).toHaveTextContent('Low');
    expect(rows[1]).toHaveTextContent('Unassigned');

    const resolved = screen.getByRole('list', {
      name: 'Recently resolved incidents',
    });
    expect(resolved).toHaveTextContent('#40 Cart pods restarting');
    expect(resolved).toHaveTextContent('Resolved 2 hours ago');
  });

  it('says when nothing is open', async () => {
    renderCard({
      getEntityOverview: async () =>
        overview({
          incidents: {
            freshness: { state: 'fresh' },
            data: { open: [], recent: [] },
          },
        }),
    });
    expect(await screen.findByText('No open incidents.')).toBeInTheDocument();
    expect(screen.getByText('No incidents were resolved recently.')).toBeInTheDocument();
  });
});
