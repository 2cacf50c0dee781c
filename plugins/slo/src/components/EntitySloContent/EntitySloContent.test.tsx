import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { sloApiRef, type SloApi } from '../../api/SloApi';
import {
  blockedGate,
  checkoutEntity,
  exhaustedSlo,
  fakeSloApi,
  responseError,
} from '../../testing/fixtures';
import { EntitySloContent } from './EntitySloContent';

function renderTab(api: SloApi) {
  return renderInTestApp(
    <EntityProvider entity={checkoutEntity}>
      <EntitySloContent />
    </EntityProvider>,
    {
      apis: [[sloApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('EntitySloContent', () => {
  it('shows the service summary and one row per endpoint', async () => {
    renderTab(fakeSloApi());

    const table = await screen.findByRole('table', { name: 'Endpoint SLOs' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('POST /v1/checkout');
    expect(rows[0]).toHaveTextContent('99.9512%');
    expect(rows[0]).toHaveTextContent('99.9%');
    expect(rows[0]).toHaveTextContent('51.2%');
    expect(rows[0]).toHaveTextContent('1.25×');
    expect(rows[0]).toHaveTextContent('0.8×');
    expect(rows[0]).toHaveTextContent('OK');
    expect(rows[1]).toHaveTextContent('GET /v1/cart');
    expect(rows[1]).toHaveTextContent('99.871%');
    expect(rows[1]).toHaveTextContent('-29%');
    expect(rows[1]).toHaveTextContent('14.4×');
    expect(rows[1]).toHaveTextContent('Page');

    expect(screen.getByTestId('slo-sli')).toHaveTextContent('99.950%');
    expect(screen.getByTestId('slo-target')).toHaveTextContent('99.9%');
    expect(screen.getByTestId('slo-budget')).toHaveTextContent('50%');
    expect(screen.getByTestId('slo-exhaustion')).toHaveTextContent('in 3 days');
    expect(
      screen.getByText('Healthy', { selector: '[data-policy] span' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Deploys allowed')).toBeInTheDocument();
  });

  it('shows an exhausted budget and the blocked deploy gate with its reason', async () => {
    renderTab(
      fakeSloApi({
        getEntitySlo: async () => exhaustedSlo,
        getDeployGate: async () => blockedGate,
      }),
    );

    expect(
      await screen.findByText(
        'Deploys blocked: error budget exhausted (−88%); only P0 and security fixes may ship',
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('slo-budget')).toHaveTextContent('-88%');
    expect(screen.getByTestId('slo-exhaustion')).toHaveTextContent(
      'Already exhausted',
    );
    expect(
      screen
        .getByText('Exhausted', { selector: '[data-policy] span' })
        .closest('[data-policy]'),
    ).toHaveAttribute('data-policy', 'exhausted');
    expect(screen.queryByText('Deploys allowed')).not.toBeInTheDocument();
  });

  it('draws the burn-down and daily SLI charts with the corrected day marked', async () => {
    renderTab(fakeSloApi());

    const burnDown = await screen.findByRole('img', {
      name: /^Error budget burn-down/,
    });
    const daily = screen.getByRole('img', { name: /^Daily SLI/ });
    expect(daily).toHaveAccessibleName(
      expect.stringContaining('against the 99.9% objective; days below it: 1'),
    );
    for (const chart of [burnDown, daily]) {
      const marked = chart.querySelectorAll('[data-corrected-day]');
      expect(
        [...marked].map(m => m.getAttribute('data-corrected-day')),
      ).toEqual(['2026-11-21']);
      expect(chart.querySelectorAll('circle')).toHaveLength(4);
    }
    expect(screen.getAllByText('Corrected day')).toHaveLength(2);
  });

  it('lists the corrections', async () => {
    renderTab(fakeSloApi());
    const table = await screen.findByRole('table', { name: 'SLO corrections' });
    const row = within(table).getAllByRole('row')[1];
    expect(row).toHaveTextContent('Weekly DB maintenance');
    expect(row).toHaveTextContent('Weekly on Tue and Thu');
    expect(row).toHaveTextContent('alice');
    expect(row).toHaveTextContent(
      'Nov 19, 2026, 2:00 AM – Nov 19, 2026, 4:00 AM',
    );
  });

  it('says so when the backend knows no SLO for the entity', async () => {
    const notFound = await responseError(
      404,
      'no SLO for component:default/checkout',
    );
    renderTab(
      fakeSloApi({
        getEntitySlo: async () => {
          throw notFound;
        },
      }),
    );
    expect(
      await screen.findByText(/This component declares no SLO/),
    ).toBeInTheDocument();
  });
});
