import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { infraApiRef, type InfraApi } from '../../api/InfraApi';
import { teamEntity, teamSummary } from '../../testing/fixtures';
import { EntityTeamCard } from './EntityTeamCard';

function renderCard(api: Partial<InfraApi>) {
  return renderInTestApp(
    <EntityProvider entity={teamEntity}>
      <EntityTeamCard />
    </EntityProvider>,
    {
      apis: [[infraApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('EntityTeamCard', () => {
  it("shows the team's services with health and problems, its on-call and open incidents", async () => {
    const getTeamSummary = jest.fn(async () => teamSummary());
    renderCard({ getTeamSummary });

    const services = await screen.findByRole('table', {
      name: 'Services owned by this team',
    });
    const rows = within(services).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Cart service');
    expect(rows[0]).toHaveTextContent('Critical');
    expect(rows[0]).toHaveTextContent('CrashLoopBackOff');
    expect(rows[0]).toHaveTextContent('2 / 3');
    expect(within(rows[0]).getByRole('link', { name: 'Cart service' })).toHaveAttribute(
      'href',
      '/catalog/default/component/cart',
    );
    expect(rows[1]).toHaveTextContent('OK');

    const oncall = screen.getByRole('list', {
      name: 'On call by escalation level',
    });
    expect(within(oncall).getAllByRole('listitem')[0]).toHaveTextContent('Alice Primary');
    const incidents = screen.getByRole('table', { name: 'Open incidents' });
    expect(incidents).toHaveTextContent('#42 Checkout error rate above 5%');
    expect(screen.getByText('PagerDuty: Live')).toBeInTheDocument();
    expect(getTeamSummary).toHaveBeenCalledWith({
      kind: 'group',
      namespace: 'default',
      name: 'team-checkout',
    });
  });

  it('keeps the services when PagerDuty is unavailable', async () => {
    renderCard({
      getTeamSummary: async () =>
        teamSummary({
          freshness: {
            kubernetes: { state: 'fresh' },
            datadog: { state: 'fresh' },
            pagerduty: { state: 'unavailable', error: 'PagerDuty 503' },
          },
          oncall: [],
          openIncidents: [],
        }),
    });
    expect(await screen.findByRole('table', { name: 'Services owned by this team' })).toBeInTheDocument();
    expect(screen.getAllByText(/PagerDuty cannot be reached right now/)).toHaveLength(2);
    expect(screen.getByText('PagerDuty: Unavailable')).toBeInTheDocument();
  });
});
