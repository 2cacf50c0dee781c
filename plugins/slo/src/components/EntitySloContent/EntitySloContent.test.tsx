import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { infraApiRef, type InfraApi } from '@internal/plugin-infra';
import type { SloCorrection } from '@internal/plugin-slo-common';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { sloApiRef, type SloApi } from '../../api/SloApi';
import {
  blockedGate,
  checkoutEntity,
  exhaustedSlo,
  fakeSloApi,
  maintenance,
  responseError,
} from '../../testing/fixtures';
import { EntitySloContent } from './EntitySloContent';

const noDeploys = {
  getEntityOverview: async () => ({
    deploys: { freshness: { state: 'fresh' }, data: [] },
  }),
} as unknown as InfraApi;

function renderTab(api: SloApi, infra?: InfraApi) {
  return renderInTestApp(
    <EntityProvider entity={checkoutEntity}>
      <EntitySloContent />
    </EntityProvider>,
    {
      apis: [
        [sloApiRef, api],
        [infraApiRef, infra ?? noDeploys],
      ],
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
    expect(screen.getByText('Healthy', { selector: '[data-policy] span' })).toBeInTheDocument();
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
      await screen.findByText('Deploys blocked: error budget exhausted (−88%); only P0 and security fixes may ship'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('slo-budget')).toHaveTextContent('-88%');
    expect(screen.getByTestId('slo-exhaustion')).toHaveTextContent('Already exhausted');
    expect(screen.getByText('Exhausted', { selector: '[data-policy] span' }).closest('[data-policy]')).toHaveAttribute(
      'data-policy',
      'exhausted',
    );
    expect(screen.queryByText('Deploys allowed')).not.toBeInTheDocument();
  });

  it('draws both charts with the correction as a band, a marker per deploy and the objective', async () => {
    const failover: SloCorrection = {
      ...maintenance,
      id: 'c9',
      rrule: undefined,
      // 02:00–04:00 JST on 21 November, the day the history marks as corrected.
      start: '2026-11-20T17:00:00.000Z',
      end: '2026-11-20T19:00:00.000Z',
      reason: 'Planned DB failover',
    };
    const infra = {
      getEntityOverview: async () => ({
        deploys: {
          freshness: { state: 'fresh' },
          data: [
            { id: 'd1', title: 'Deployed checkout', at: '2026-11-22T01:30:00Z', version: '1.4.2' },
            { id: 'd2', title: 'Deployed checkout', at: '2026-11-20T05:00:00Z', version: '1.4.1' },
            { id: 'old', title: 'Deployed checkout', at: '2026-10-01T05:00:00Z', version: '1.3.0' },
          ],
        },
      }),
    } as unknown as InfraApi;
    renderTab(fakeSloApi({ getCorrections: async () => [failover] }), infra);

    const burnDown = await screen.findByRole('img', {
      name: 'Error budget burn-down',
    });
    const daily = screen.getByRole('img', { name: 'Daily SLI' });
    expect(daily).toHaveAccessibleDescription(expect.stringContaining('against the 99.9% objective; days below it: 1'));
    await waitFor(() =>
      expect(daily).toHaveAccessibleDescription(expect.stringContaining('Corrected days: 1. Deploys marked: 2.')),
    );
    expect(within(daily).getByText('Objective 99.9%')).toBeInTheDocument();
    for (const chart of [burnDown, daily]) {
      expect(chart.querySelectorAll('.slo-chart-correction')).toHaveLength(1);
      expect(chart.querySelectorAll('.slo-chart-deploy')).toHaveLength(2);
    }

    // The data behind the burn-down, as a table: the corrected day says why.
    const table = screen.getByRole('table', { name: 'Error budget remaining by day' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(r =>
        within(r)
          .getAllByRole('cell')
          .map(c => c.textContent),
      ),
    ).toEqual([
      ['Nov 20, 2026', '95%', 'Deploy 1.4.1 at Nov 20, 2026, 2:00 PM (Asia/Tokyo)'],
      ['Nov 21, 2026', '90%', 'Corrected: Planned DB failover'],
      ['Nov 22, 2026', '70%', 'Deploy 1.4.2 at Nov 22, 2026, 10:30 AM (Asia/Tokyo)'],
      ['Nov 23, 2026', '50%', '—'],
    ]);
  });

  it('marks every rollout the portal recorded in the chart window, not only the newest ten', async () => {
    // Twelve rollouts over the four days of the history (20–23 November, JST), each of its own version.
    const rollouts = Array.from({ length: 12 }, (_, i) => ({
      id: `rollout:${i + 1}`,
      title: `Deployed checkout v1.${i}.0 to aws-tokyo (checkout, revision ${i + 2})`,
      at: new Date(Date.parse('2026-11-19T16:00:00Z') + i * 7 * 3600_000).toISOString(),
      version: `v1.${i}.0`,
      cluster: 'aws-tokyo',
    }));
    const getEntityDeploys = jest.fn(async () => ({
      entityRef: 'component:default/checkout',
      from: '2026-11-19T15:00:00.000Z',
      to: '2026-11-23T15:00:00.000Z',
      deploys: rollouts,
      truncated: false,
    }));
    const infra = {
      getEntityDeploys,
      // Datadog's deploy events: one is a recorded rollout (same version and cluster), one is not.
      getEntityOverview: async () => ({
        deploys: {
          freshness: { state: 'fresh' },
          data: [
            {
              id: 'dd1',
              title: 'Deployed checkout',
              at: '2026-11-20T01:05:00Z',
              version: 'v1.1.0',
              cluster: 'aws-tokyo',
            },
            {
              id: 'dd2',
              title: 'Deployed checkout',
              at: '2026-11-23T02:00:00Z',
              version: 'v2.0.0',
              cluster: 'gcp-osaka',
            },
          ],
        },
      }),
    } as unknown as InfraApi;
    renderTab(fakeSloApi(), infra);

    const daily = await screen.findByRole('img', { name: 'Daily SLI' });
    await waitFor(() => expect(daily).toHaveAccessibleDescription(expect.stringContaining('Deploys marked: 13.')));
    expect(daily.querySelectorAll('.slo-chart-deploy')).toHaveLength(13);
    // Asked for the whole window of the history: midnight JST of the first day to the end of the last.
    expect(getEntityDeploys).toHaveBeenCalledWith(
      { kind: 'component', namespace: 'default', name: 'checkout' },
      { from: '2026-11-19T15:00:00.000Z', to: '2026-11-23T15:00:00.000Z' },
    );
    const table = screen.getByRole('table', { name: 'Error budget remaining by day' });
    const firstDay = within(table).getAllByRole('row')[1];
    expect(firstDay).toHaveTextContent('Deploy v1.0.0 at Nov 20, 2026, 1:00 AM (Asia/Tokyo)');
    expect(firstDay).toHaveTextContent('Deploy v1.3.0 at Nov 20, 2026, 10:00 PM (Asia/Tokyo)');
  });

  it('shows the day, its value and its correction in a tooltip when the keyboard moves along the chart', async () => {
    const failover: SloCorrection = {
      ...maintenance,
      rrule: undefined,
      start: '2026-11-20T17:00:00.000Z',
      end: '2026-11-20T19:00:00.000Z',
      reason: 'Planned DB failover',
    };
    renderTab(fakeSloApi({ getCorrections: async () => [failover] }));
    const daily = await screen.findByRole('img', { name: 'Daily SLI' });
    await waitFor(() => expect(daily).toHaveAccessibleDescription(expect.stringContaining('Corrected days: 1.')));
    // Focus shows the first day; the right arrow moves to the next one.
    act(() => daily.focus());
    expect(await screen.findByTestId('chart-tooltip')).toHaveTextContent('Nov 20, 2026');
    fireEvent.keyDown(daily, { key: 'ArrowRight' });
    const tooltip = screen.getByTestId('chart-tooltip');
    expect(tooltip).toHaveTextContent('Nov 21, 2026');
    expect(tooltip).toHaveTextContent('SLI 99.990%');
    expect(tooltip).toHaveTextContent('Corrected: Planned DB failover');
  });

  it('lists the corrections', async () => {
    renderTab(fakeSloApi());
    const table = await screen.findByRole('table', { name: 'SLO corrections' });
    const row = within(table).getAllByRole('row')[1];
    expect(row).toHaveTextContent('Weekly DB maintenance');
    expect(row).toHaveTextContent('Weekly on Tue and Thu');
    expect(row).toHaveTextContent('alice');
    expect(row).toHaveTextContent('Nov 19, 2026, 2:00 AM – Nov 19, 2026, 4:00 AM');
  });

  it('says so when the backend knows no SLO for the entity', async () => {
    const notFound = await responseError(404, 'no SLO for component:default/checkout');
    renderTab(
      fakeSloApi({
        getEntitySlo: async () => {
          throw notFound;
        },
      }),
    );
    expect(await screen.findByText(/This component declares no SLO/)).toBeInTheDocument();
  });
});
