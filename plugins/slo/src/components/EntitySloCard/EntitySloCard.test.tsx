import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { sloApiRef, type SloApi } from '../../api/SloApi';
import { checkoutEntity, exhaustedSlo, fakeSloApi, noDataSlo } from '../../testing/fixtures';
import { EntitySloCard } from './EntitySloCard';

function renderCard(api: SloApi, language = 'en') {
  return renderInTestApp(
    <EntityProvider entity={checkoutEntity}>
      <EntitySloCard />
    </EntityProvider>,
    {
      apis: [
        [sloApiRef, api],
        mockApis.appLanguage({
          defaultLanguage: language,
          availableLanguages: ['en', 'ja'],
        }),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('EntitySloCard', () => {
  it('shows SLI against target, the budget bar, policy, alert state and a link to the tab', async () => {
    renderCard(fakeSloApi());

    expect(await screen.findByText('SLI 99.950% against a 99.9% target')).toBeInTheDocument();
    const bar = screen.getByRole('progressbar', {
      name: 'Error budget remaining',
    });
    expect(bar).toHaveAttribute('aria-valuenow', '50');
    expect(screen.getByText('50% of the error budget remaining')).toBeInTheDocument();
    expect(screen.getByText('Healthy')).toBeInTheDocument();
    expect(screen.getByText('OK')).toBeInTheDocument();
    expect(screen.getByText('Datadog: Live')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open the SLO tab' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/slo',
    );
  });

  it('shows an exhausted budget as an empty bar', async () => {
    renderCard(fakeSloApi({ getEntitySlo: async () => exhaustedSlo }));
    const bar = await screen.findByRole('progressbar', {
      name: 'Error budget remaining',
    });
    expect(bar).toHaveAttribute('aria-valuenow', '0');
    expect(screen.getByText('Exhausted')).toBeInTheDocument();
    expect(screen.getByText('Page')).toBeInTheDocument();
    expect(screen.getByText(/Already exhausted/)).toBeInTheDocument();
  });

  it('speaks Japanese, with Japanese number and time formats', async () => {
    renderCard(fakeSloApi(), 'ja');

    expect(await screen.findByText('SLI 99.950%（目標 99.9%）')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'SLO' })).toBeInTheDocument();
    expect(screen.getByText('エラーバジェット残量 50%')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'エラーバジェット残量' })).toBeInTheDocument();
    expect(screen.getByText(/^枯渇までの時間: 3 日後（/)).toBeInTheDocument();
    expect(screen.getByText('ポリシー状態')).toBeInTheDocument();
    expect(screen.getByText('正常')).toBeInTheDocument();
    expect(screen.getByText('問題なし')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'SLO タブを開く' })).toBeInTheDocument();
  });

  it('shows an SLO without data as "No data", not as 100 % and healthy', async () => {
    renderCard(fakeSloApi({ getEntitySlo: async () => noDataSlo }));
    expect(await screen.findByText('No data against a 99.9% target')).toBeInTheDocument();
    expect(screen.getAllByText('No data')).toHaveLength(2); // policy and alert state
    expect(screen.queryByText('Healthy')).not.toBeInTheDocument();
    expect(screen.queryByText(/100/)).not.toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.getByText(/Datadog has no series for the SLO endpoints/)).toBeInTheDocument();
  });

  it('shows "データなし" in Japanese', async () => {
    renderCard(fakeSloApi({ getEntitySlo: async () => noDataSlo }), 'ja');
    expect(await screen.findByText('データなし（目標 99.9%）')).toBeInTheDocument();
    expect(screen.getAllByText('データなし')).toHaveLength(2);
    expect(screen.queryByText('正常')).not.toBeInTheDocument();
  });
});
