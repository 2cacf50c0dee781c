import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Fleet } from '@internal/plugin-slo-common';
import { sloApiRef, type SloApi } from '../../api/SloApi';
import { fakeSloApi, fleet, fleetRow } from '../../testing/fixtures';
import { FleetDashboard } from './FleetDashboard';

function renderPage(api: SloApi, initialRouteEntries = ['/slo/fleet']) {
  return renderInTestApp(<FleetDashboard />, {
    apis: [[sloApiRef, api]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    initialRouteEntries,
  });
}

const serviceNames = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[0].textContent);

describe('FleetDashboard', () => {
  it('rolls the services up per team, and a team narrows the list to its services', async () => {
    renderPage(fakeSloApi());

    const teams = await screen.findByRole('table', { name: 'SLOs per team' });
    const rows = within(teams).getAllByRole('row').slice(1);
    expect(rows.map(r => within(r).getAllByRole('cell')[0].textContent)).toEqual(['team-checkout', 'team-discovery']);
    // Team, services, healthy, at risk, exhausted, no data, page / ticket alerts, least budget left.
    expect(
      within(rows[0])
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['team-checkout', '3', '0', '2', '1', '0', '2 / 1', '-88% (checkout)']);

    fireEvent.click(within(rows[1]).getByRole('link', { name: 'team-discovery' }));
    const services = await screen.findByRole('table', { name: 'Service SLOs' });
    expect(serviceNames(services)).toEqual(['search']);
  });

  it('lists every service, least budget first, then the fastest burn', async () => {
    renderPage(fakeSloApi());

    const table = await screen.findByRole('table', { name: 'Service SLOs' });
    expect(serviceNames(table)).toEqual(['checkout', 'payments', 'cart', 'search']);
    const checkout = within(table).getAllByRole('row')[1];
    expect(checkout).toHaveTextContent('-88%');
    expect(checkout).toHaveTextContent('3.2×');
    expect(checkout).toHaveTextContent('Exhausted');
    expect(checkout).toHaveTextContent('Page');
    expect(checkout).toHaveTextContent('team-checkout');
    expect(checkout).toHaveTextContent('shop');
    expect(within(checkout).getByRole('link', { name: 'checkout' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/slo',
    );
    expect(screen.getByText(/4 of 4 services/)).toBeInTheDocument();
  });

  it('filters by team and by system', async () => {
    renderPage(fakeSloApi());

    const team = await screen.findByRole('combobox', { name: 'Team' });
    expect(
      within(team)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['All teams', 'team-checkout', 'team-discovery']);

    fireEvent.change(team, {
      target: { value: 'group:default/team-discovery' },
    });
    const table = await screen.findByRole('table', { name: 'Service SLOs' });
    expect(serviceNames(table)).toEqual(['search']);
    expect(screen.getByText(/1 of 4 services/)).toBeInTheDocument();

    fireEvent.change(team, { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'System' }), {
      target: { value: 'system:default/shop' },
    });
    expect(serviceNames(screen.getByRole('table', { name: 'Service SLOs' }))).toEqual(['checkout', 'payments', 'cart']);
  });

  it('reads the filters from the URL', async () => {
    renderPage(fakeSloApi(), ['/slo/fleet?owner=group%3Adefault%2Fteam-checkout&system=system%3Adefault%2Fshop']);
    const table = await screen.findByRole('table', { name: 'Service SLOs' });
    expect(serviceNames(table)).toEqual(['checkout', 'payments', 'cart']);
    expect(screen.getByRole('combobox', { name: 'Team' })).toHaveValue('group:default/team-checkout');
  });

  it('says when no service matches the filters', async () => {
    renderPage(fakeSloApi(), ['/slo/fleet?owner=group%3Adefault%2Fteam-discovery&system=system%3Adefault%2Fshop']);
    expect(await screen.findByText('No service matches these filters.')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Service SLOs' })).not.toBeInTheDocument();
  });

  it('says when no service has an SLO yet', async () => {
    renderPage(fakeSloApi({ getFleet: async () => ({ ...fleet(), rows: [] }) }));
    expect(await screen.findByText('No service declares an SLO yet.')).toBeInTheDocument();
  });

  it('shows counts still loading on a cold start as no data, and fills in by itself once they are in', async () => {
    const cold: Fleet = {
      ...fleet(),
      freshness: { state: 'loading' },
      rows: fleet().rows.map(r => ({
        ...r,
        sli: 1,
        budgetRemainingRatio: 1,
        burnRate1h: 0,
        alertState: 'no-data' as const,
        policy: 'no-data' as const,
        noData: { code: 'loading' as const, reason: 'still being read' },
      })),
    };
    let calls = 0;
    renderPage(fakeSloApi({ getFleet: async () => (++calls === 1 ? cold : fleet()) }));
    const table = await screen.findByRole('table', { name: 'Service SLOs' });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('No data');
    expect(table.querySelector('[data-no-data="loading"]')).toHaveAttribute(
      'title',
      'The Datadog counts are still being read for the first time; the figures follow shortly.',
    );
    expect(within(table).queryByText('Healthy')).toBeNull();
    // Asked again after a few seconds: the figures replace the placeholders.
    await waitFor(() => expect(table.querySelector('[data-no-data]')).toBeNull(), { timeout: 10_000 });
    expect(calls).toBeGreaterThanOrEqual(2);
  }, 20_000);

  it('shows a service without data as "No data", last, and counts it apart in its team', async () => {
    const ghost = fleetRow({
      entityRef: 'component:default/ghost',
      name: 'ghost',
      owner: 'group:default/team-discovery',
      sli: 1,
      budgetRemainingRatio: 1,
      burnRate1h: 0,
      alertState: 'no-data',
      policy: 'no-data',
      noData: { code: 'no-series', reason: 'no series' },
    });
    renderPage(fakeSloApi({ getFleet: async () => ({ ...fleet(), rows: [ghost, ...fleet().rows] }) }));
    const table = await screen.findByRole('table', { name: 'Service SLOs' });
    expect(serviceNames(table)).toEqual(['checkout', 'payments', 'cart', 'search', 'ghost']);
    const row = within(table).getAllByRole('row')[5];
    expect(row).toHaveTextContent('No data');
    expect(row).not.toHaveTextContent('100');
    expect(row).not.toHaveTextContent('Healthy');
    expect(row).not.toHaveTextContent('OK');

    const teams = screen.getByRole('table', { name: 'SLOs per team' });
    const discovery = within(teams)
      .getAllByRole('row')
      .find(r => r.textContent?.startsWith('team-discovery'))!;
    // Team, services, healthy, at risk, exhausted, no data, alerts, least budget left.
    expect(
      within(discovery)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual(['team-discovery', '2', '1', '0', '0', '1', '0 / 0', '80% (search)']);
  });
});
