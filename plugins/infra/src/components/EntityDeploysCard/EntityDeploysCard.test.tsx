import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { infraApiRef, type InfraApi } from '../../api/InfraApi';
import { cartEntity, overview } from '../../testing/fixtures';
import { EntityDeploysCard } from './EntityDeploysCard';

function renderCard(api: Partial<InfraApi>) {
  return renderInTestApp(
    <EntityProvider entity={cartEntity}>
      <EntityDeploysCard />
    </EntityProvider>,
    { apis: [[infraApiRef, api]] },
  );
}

describe('EntityDeploysCard', () => {
  it('lists deploys newest first with time and version', async () => {
    renderCard({ getEntityOverview: async () => overview() });

    const table = await screen.findByRole('table', { name: 'Recent deploys' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('30 minutes ago');
    expect(rows[0]).toHaveTextContent('1.4.2');
    expect(rows[1]).toHaveTextContent('2 days ago');
    expect(rows[1]).toHaveTextContent('1.4.1');
  });

  it('says Datadog is not configured when the entity has no annotation', async () => {
    renderCard({
      getEntityOverview: async () => overview({ deploys: { freshness: { state: 'not-configured' } } }),
    });
    expect(
      await screen.findByText('This entity has no Datadog annotation, so there is nothing to show.'),
    ).toBeInTheDocument();
    expect(screen.getByText('Not configured')).toBeInTheDocument();
  });
});
