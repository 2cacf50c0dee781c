import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import type { EntityOverview } from '@internal/plugin-infra-common';
import { infraApiRef } from '@internal/plugin-infra';
import { prrApiRef } from '@internal/plugin-prr';
import { sloApiRef } from '@internal/plugin-slo';
import { supportApiRef } from '@internal/plugin-support';
import { screen, within } from '@testing-library/react';
import { LiveStateBand } from './LiveStateBand';

const live = { state: 'fresh' as const, fetchedAt: new Date().toISOString(), ageSeconds: 3 };

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout-service',
    annotations: {
      'pagerduty.com/service-id': 'PCHECK',
      'backstage.io/kubernetes-id': 'checkout-service',
      'datadoghq.com/service-name': 'checkout-service',
    },
  },
  spec: { type: 'service', owner: 'team-checkout', slo: { objective: 99.9, endpoints: [] } },
};

function overview(): EntityOverview {
  return {
    entityRef: 'component:default/checkout-service',
    sandbox: true,
    generatedAt: new Date().toISOString(),
    oncall: {
      freshness: live,
      data: [
        {
          escalationPolicy: { id: 'E1', name: 'Checkout', url: 'https://pd.example/E1' },
          level: 2,
          user: { id: 'U2', name: 'Bob Second' },
        },
        {
          escalationPolicy: { id: 'E1', name: 'Checkout', url: 'https://pd.example/E1' },
          level: 1,
          user: { id: 'U1', name: 'Alice Primary' },
        },
      ],
    },
    incidents: {
      freshness: live,
      data: {
        open: [
          {
            id: 'Q1',
            number: 41,
            title: 'Latency above 1 s',
            status: 'acknowledged',
            urgency: 'low',
            serviceId: 'PCHECK',
            createdAt: '2026-12-05T01:00:00Z',
            assignees: [],
          },
          {
            id: 'Q2',
            number: 42,
            title: 'CrashLoopBackOff on checkout',
            status: 'triggered',
            urgency: 'high',
            serviceId: 'PCHECK',
            createdAt: '2026-12-05T02:00:00Z',
            assignees: [],
          },
        ],
        recent: [],
      },
    },
    kubernetes: {
      freshness: live,
      data: {
        clusters: [
          {
            cluster: 'aws-tokyo',
            freshness: live,
            workloads: [
              {
                kind: 'Deployment',
                name: 'checkout-service',
                namespace: 'checkout',
                desiredReplicas: 3,
                readyReplicas: 2,
                updatedReplicas: 3,
                availableReplicas: 2,
                restarts: 7,
                rolloutInProgress: false,
                images: [],
                pods: [],
                problems: [{ code: 'CrashLoopBackOff', pod: 'checkout-service-1' }],
              },
            ],
          },
        ],
      },
    },
    monitors: { freshness: live, data: [] },
    deploys: { freshness: live, data: [] },
  };
}

const sloNoData = {
  entityRef: 'component:default/checkout-service',
  objective: 99.9,
  policy: 'no-data',
  noData: { code: 'no-series', reason: 'None of the SLO endpoints matches a Datadog series' },
  budget: { allowedBad: 0, consumedBad: 0, remainingRatio: 1 },
  freshness: live,
};

const prrEntity = {
  entityRef: 'component:default/checkout-service',
  score: 72.4,
  evaluatedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
  review: { status: 'in_review' },
};

function apis(overrides: { prr?: unknown; slo?: jest.Mock } = {}) {
  const list = jest.fn(async (q: { sla?: string }) => ({ items: [], total: q.sla ? 1 : 2, offset: 0, limit: 1 }));
  const getEntitySlo = overrides.slo ?? jest.fn(async () => sloNoData);
  return {
    list,
    getEntitySlo,
    apis: [
      [infraApiRef, { getEntityOverview: jest.fn(async () => overview()) }],
      [sloApiRef, { getEntitySlo }],
      [prrApiRef, { getEntity: overrides.prr ?? jest.fn(async () => prrEntity) }],
      [supportApiRef, { list }],
    ] as const,
  };
}

async function render(entity: Entity, setup = apis()) {
  await renderInTestApp(
    <EntityProvider entity={entity}>
      <LiveStateBand />
    </EntityProvider>,
    {
      apis: setup.apis as never,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: ['/catalog/default/component/checkout-service'],
    } as never,
  );
  return screen.getByRole('region', { name: 'Live state of checkout-service' });
}

const tile = (band: HTMLElement, id: string) => band.querySelector(`[data-tile="${id}"]`) as HTMLElement;

describe('LiveStateBand', () => {
  it('shows on-call, incidents, SLO, PRR, Kubernetes and support with their freshness and tab links', async () => {
    const setup = apis();
    const band = await render(checkout, setup);
    await within(band).findByText('Alice Primary');
    // Level 1 first, whatever order PagerDuty answered in.
    expect(tile(band, 'oncall')).toHaveTextContent('Level 1: Alice Primary · Level 2: Bob Second');
    expect(within(tile(band, 'oncall')).getByRole('link', { name: /^On call now: PagerDuty/ })).toHaveAttribute(
      'href',
      'https://pd.example/E1',
    );

    const incidents = tile(band, 'incidents');
    expect(incidents).toHaveTextContent('2 open');
    expect(incidents).toHaveTextContent('1 high urgency');
    expect(incidents).toHaveTextContent('Newest: #42 CrashLoopBackOff on checkout');
    expect(incidents).toHaveAttribute('data-tone', 'critical');
    expect(within(incidents).getByText('PagerDuty: Live')).toBeInTheDocument();

    // No data is no data: never a budget left or "Healthy".
    const slo = tile(band, 'slo');
    await within(slo).findByText('No data');
    expect(slo.querySelector('[data-no-data="no-series"]')).not.toBeNull();
    expect(slo).toHaveTextContent('No Datadog series matches its endpoints');
    expect(slo).not.toHaveTextContent('left');
    expect(slo).not.toHaveTextContent('Healthy');
    expect(within(slo).getByRole('link', { name: 'SLO budget: Open' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-service/slo',
    );

    const prr = tile(band, 'prr');
    await within(prr).findByText('Score 72 %');
    expect(prr).toHaveTextContent('Review: in review');
    expect(prr).toHaveAttribute('data-tone', 'warning');

    const k8s = tile(band, 'kubernetes');
    expect(k8s).toHaveTextContent('Failing');
    expect(k8s).toHaveTextContent('2 of 3 replicas ready · 1 problems');
    expect(k8s).toHaveAttribute('data-tone', 'critical');
    expect(within(k8s).getByRole('link', { name: 'Kubernetes: Open' })).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-service/kubernetes',
    );

    const support = tile(band, 'support');
    await within(support).findByText('2 open');
    expect(support).toHaveTextContent('1 past SLA');
    expect(setup.list).toHaveBeenCalledWith({ entity: 'component:default/checkout-service', open: true, limit: 1 });
  });

  it('says "Not set up" for sources the entity does not declare, and does not ask for its SLO', async () => {
    const setup = apis();
    const bare: Entity = {
      ...checkout,
      metadata: { name: 'checkout-service' },
      spec: { type: 'service', owner: 'team-checkout' },
    };
    const band = await render(bare, setup);
    for (const id of ['oncall', 'incidents', 'slo', 'kubernetes']) {
      expect(tile(band, id)).toHaveTextContent('Not set up');
    }
    expect(setup.getEntitySlo).not.toHaveBeenCalled();
    await within(tile(band, 'prr')).findByText('Score 72 %');
  });

  it('keeps the other tiles when one source fails, and names the failure', async () => {
    const band = await render(
      checkout,
      apis({
        prr: jest.fn(async () => {
          throw new Error('prr is down');
        }),
      }),
    );
    await within(tile(band, 'prr')).findByText('Could not load: prr is down');
    await within(band).findByText('Alice Primary');
    expect(tile(band, 'slo')).toHaveTextContent('No data');
  });

  it('shows the budget left and the policy when the SLO has data', async () => {
    const band = await render(
      checkout,
      apis({
        slo: jest.fn(async () => ({
          ...sloNoData,
          policy: 'at-risk',
          noData: undefined,
          budget: { allowedBad: 100, consumedBad: 80, remainingRatio: 0.2 },
        })),
      }),
    );
    const slo = tile(band, 'slo');
    await within(slo).findByText(/At risk/);
    expect(slo).toHaveTextContent('At risk · 20');
    expect(slo).toHaveTextContent('left');
    expect(slo).toHaveAttribute('data-tone', 'warning');
  });
});
