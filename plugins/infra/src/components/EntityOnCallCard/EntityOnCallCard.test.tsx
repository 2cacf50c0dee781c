import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { infraApiRef, type InfraApi } from '../../api/InfraApi';
import { cartEntity, overview } from '../../testing/fixtures';
import { EntityOnCallCard } from './EntityOnCallCard';

function renderCard(api: Partial<InfraApi>, apis: any[] = []) {
  return renderInTestApp(
    <EntityProvider entity={cartEntity}>
      <EntityOnCallCard />
    </EntityProvider>,
    { apis: [[infraApiRef, api], ...apis] },
  );
}

describe('EntityOnCallCard', () => {
  it('lists the people on call by escalation level, level 1 first', async () => {
    renderCard({ getEntityOverview: async () => overview() });

    const list = await screen.findByRole('list', {
      name: 'On call by escalation level',
    });
    const items = within(list).getAllByRole('listitem');
    expect(items.map(i => within(i).getByText(/^Level \d$/).textContent)).toEqual(['Level 1', 'Level 2', 'Level 3']);
    expect(items[0]).toHaveTextContent('Alice Primary');
    expect(within(items[0]).getByRole('link', { name: 'alice@example.com' })).toHaveAttribute(
      'href',
      'mailto:alice@example.com',
    );
    expect(items[0]).toHaveTextContent(/On call until .+ \(in 3 hours\)/);
    expect(items[0]).toHaveTextContent('Schedule: Checkout primary');
    expect(within(items[0]).getByRole('link', { name: 'Checkout escalation' })).toHaveAttribute(
      'href',
      'https://pd.example/ep/EP1',
    );
    expect(items[2]).toHaveTextContent('No scheduled end');
  });

  it('says nobody is on call', async () => {
    renderCard({
      getEntityOverview: async () =>
        overview({
          oncall: { freshness: { state: 'fresh', ageSeconds: 0 }, data: [] },
        }),
    });
    expect(await screen.findByText('Nobody is on call for this service.')).toBeInTheDocument();
  });

  it('says PagerDuty is unavailable inside the card', async () => {
    renderCard({
      getEntityOverview: async () =>
        overview({
          oncall: { freshness: { state: 'unavailable', error: 'HTTP 503' } },
        }),
    });
    expect(await screen.findByText(/PagerDuty cannot be reached right now/)).toBeInTheDocument();
    expect(screen.getByText('Unavailable')).toBeInTheDocument();
  });

  it('formats times in the app language', async () => {
    renderCard({ getEntityOverview: async () => overview() }, [
      mockApis.appLanguage({
        defaultLanguage: 'ja',
        availableLanguages: ['en', 'ja'],
      }),
    ]);
    const list = await screen.findByRole('list', {
      name: 'エスカレーションレベル別のオンコール担当者',
    });
    expect(list).toHaveTextContent('レベル 1');
    expect(list).toHaveTextContent('3 時間後');
  });
});
