import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { infraApiRef, type InfraApi } from '../../api/InfraApi';
import { cartEntity, overview } from '../../testing/fixtures';
import { EntityMonitorsCard } from './EntityMonitorsCard';

function renderCard(api: Partial<InfraApi>) {
  return renderInTestApp(
    <EntityProvider entity={cartEntity}>
      <EntityMonitorsCard />
    </EntityProvider>,
    { apis: [[infraApiRef, api]] },
  );
}

describe('EntityMonitorsCard', () => {
  it('lists monitors alerting first, with their state and a link', async () => {
    renderCard({ getEntityOverview: async () => overview() });

    const list = await screen.findByRole('list', { name: 'Datadog monitors' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      'Alertcart error rate',
      'Warncart restarts',
      'No Datacart queue depth',
      'OKcart latency p99',
    ]);
    expect(within(items[0]).getByRole('link', { name: 'cart error rate' })).toHaveAttribute(
      'href',
      'https://dd.example/m/2',
    );
    expect(screen.getByText('1 alerting · 1 warning · 1 OK · 1 no data')).toBeInTheDocument();
  });

  it('shows stale monitors with their age', async () => {
    const o = overview();
    o.monitors.freshness = {
      state: 'stale',
      ageSeconds: 7200,
      error: 'Datadog 503',
    };
    renderCard({ getEntityOverview: async () => o });
    expect(await screen.findByText('Stale · fetched 2 hours ago')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Datadog monitors' })).toBeInTheDocument();
  });
});
