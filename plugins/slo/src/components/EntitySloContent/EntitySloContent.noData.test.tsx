import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { sloApiRef } from '../../api/SloApi';
import { checkoutEntity, fakeSloApi, history, noDataSlo, unknownGate } from '../../testing/fixtures';
import { EntitySloContent } from './EntitySloContent';

/** An SLO whose endpoints match no Datadog series: "No data", never 100 % nor Healthy. */
function renderTab(language: string) {
  return renderInTestApp(
    <EntityProvider entity={checkoutEntity}>
      <EntitySloContent />
    </EntityProvider>,
    {
      apis: [
        [
          sloApiRef,
          fakeSloApi({
            getEntitySlo: async () => noDataSlo,
            getDeployGate: async () => unknownGate,
            getHistory: async () => ({
              ...history(),
              days: history().days.map(d => ({
                ...d,
                total: 0,
                bad: 0,
                sli: 1,
                budgetRemainingRatio: 1,
              })),
            }),
          }),
        ],
        mockApis.appLanguage({
          defaultLanguage: language,
          availableLanguages: ['en', 'ja'],
        }),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('EntitySloContent without data', () => {
  it('reads "No data" with the reason, the unknown gate and the unmatched endpoint (English)', async () => {
    renderTab('en');

    expect(await screen.findByTestId('slo-sli')).toHaveTextContent('No data');
    expect(screen.getByTestId('slo-sli')).not.toHaveTextContent('100');
    expect(screen.getByTestId('slo-budget')).toHaveTextContent('—');
    expect(screen.getByText('No data', { selector: '[data-policy] span' })).toBeInTheDocument();
    expect(screen.queryByText('Healthy')).not.toBeInTheDocument();
    expect(screen.queryByText('OK')).not.toBeInTheDocument();
    expect(screen.getByText(/Datadog has no series for the SLO endpoints/)).toBeInTheDocument();
    expect(await screen.findByText('Deploy gate unknown (no data): deploys allowed by default')).toBeInTheDocument();
    expect(screen.queryByText('Deploys allowed')).not.toBeInTheDocument();

    const table = screen.getByRole('table', { name: 'Endpoint SLOs' });
    const [row] = within(table).getAllByRole('row').slice(1);
    expect(row).toHaveTextContent('No series — check the resource name (resource_name:post_/v1/checkout)');
    expect(row).toHaveTextContent('No data');
    expect(row).not.toHaveTextContent('100');
    // Without one request there is no burn rate: not 0.0×, in the row or in the summary.
    expect(row).not.toHaveTextContent('0.0×');
    expect(screen.queryByText(/^Burn rate: 1h/)).not.toBeInTheDocument();
    // Days without a request draw no SLI and no budget (not a flat line at 100 %).
    expect(await screen.findAllByText('There is no daily data for this window yet.')).toHaveLength(2);
  });

  it('reads "データなし" in Japanese', async () => {
    renderTab('ja');

    expect(await screen.findByTestId('slo-sli')).toHaveTextContent('データなし');
    expect(screen.getByText('データなし', { selector: '[data-policy] span' })).toBeInTheDocument();
    expect(screen.queryByText('正常')).not.toBeInTheDocument();
    expect(await screen.findByText('デプロイ判定不能（データなし）: 既定によりデプロイ可能')).toBeInTheDocument();
    expect(
      screen.getByText('シリーズなし — リソース名を確認してください（resource_name:post_/v1/checkout）'),
    ).toBeInTheDocument();
  });
});
