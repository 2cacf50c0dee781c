import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { infraApiRef, type InfraApi } from '../../api/InfraApi';
import { cartEntity, crashingWorkload, fresh, overview } from '../../testing/fixtures';
import { EntityWorkloadsCard } from './EntityWorkloadsCard';

function renderCard(api: Partial<InfraApi>) {
  return renderInTestApp(
    <EntityProvider entity={cartEntity}>
      <EntityWorkloadsCard />
    </EntityProvider>,
    { apis: [[infraApiRef, api]] },
  );
}

describe('EntityWorkloadsCard', () => {
  it('shows each workload and the CrashLoopBackOff hint naming the pod and container', async () => {
    renderCard({ getEntityOverview: async () => overview() });

    expect(await screen.findByRole('heading', { name: 'Workload health' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Workloads in aws-tokyo' });
    const row = within(table).getByRole('row', { name: /cart/ });
    expect(row).toHaveTextContent('2 / 3');
    expect(row).toHaveTextContent('14');
    expect(row).toHaveTextContent('3 (min 2, max 6)');

    const problems = screen.getByRole('list', {
      name: 'Problems in aws-tokyo',
    });
    const item = within(problems).getByRole('listitem');
    expect(item).toHaveTextContent('CrashLoopBackOff');
    expect(item).toHaveTextContent(
      "Pod cart-7d9f8-abcde (container app): the container keeps crashing on start; check the previous container's log.",
    );
    expect(item).toHaveTextContent('Kubernetes says: back-off 5m0s restarting failed container');
    // The card's chip and the cluster's.
    expect(screen.getAllByText('Live')).toHaveLength(2);
  });

  it('gives every problem code a hint', async () => {
    const codes = [
      ['OOMKilled', 'raise the limit or find the leak'],
      ['ImagePullBackOff', 'check the tag and registry credentials'],
      ['HpaAtMax', 'raise maxReplicas or find the load'],
      ['ReadinessFailing', 'readiness probe fails'],
      ['RolloutStuck', 'roll back if needed'],
      ['NoProbes', 'no readiness or liveness probe'],
      ['NoPodDisruptionBudget', 'node drain can stop every replica'],
    ] as const;
    const o = overview();
    o.kubernetes.data!.clusters[0].workloads = [
      {
        ...crashingWorkload,
        problems: codes.map(([code]) => ({
          code,
          ...(code === 'OOMKilled' ? { pod: 'cart-1', container: 'app' } : {}),
        })),
      },
    ];
    renderCard({ getEntityOverview: async () => o });

    const problems = await screen.findByRole('list', {
      name: 'Problems in aws-tokyo',
    });
    for (const [, hint] of codes) {
      expect(problems).toHaveTextContent(hint);
    }
    expect(problems).toHaveTextContent('Pod cart-1 (container app): the container was killed');
    expect(problems).toHaveTextContent('Deployment cart: the autoscaler is at its maximum');
  });

  it('says inside the card that Kubernetes is unavailable, without throwing', async () => {
    renderCard({
      getEntityOverview: async () =>
        overview({
          kubernetes: {
            freshness: {
              state: 'unavailable',
              error: 'connect ECONNREFUSED 10.0.0.1:443',
            },
          },
        }),
    });

    expect(await screen.findByText(/Kubernetes cannot be reached right now/)).toBeInTheDocument();
    expect(screen.getByText('Reason: connect ECONNREFUSED 10.0.0.1:443')).toBeInTheDocument();
    expect(screen.getByText('Unavailable')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Workload health' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the age of stale data and keeps showing it', async () => {
    const stale = {
      state: 'stale' as const,
      ageSeconds: 300,
      error: 'timeout',
    };
    const o = overview();
    o.kubernetes.freshness = stale;
    o.kubernetes.data!.clusters[0].freshness = stale;
    renderCard({ getEntityOverview: async () => o });

    expect(await screen.findAllByText('Stale · fetched 5 minutes ago')).toHaveLength(2);
    expect(screen.getByRole('table', { name: 'Workloads in aws-tokyo' })).toBeInTheDocument();
  });

  it('says which labels it looked for when a cluster has no workloads', async () => {
    const o = overview();
    o.kubernetes.data!.clusters = [
      { cluster: 'aws-tokyo', freshness: fresh, workloads: [crashingWorkload] },
      { cluster: 'gcp-osaka', freshness: fresh, workloads: [] },
    ];
    renderCard({ getEntityOverview: async () => o });

    expect(
      await screen.findByText('No workloads labelled backstage.io/kubernetes-id=cart in this cluster.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Cluster gcp-osaka' })).toBeInTheDocument();
  });

  it('says so inside the card when the portal backend fails, with a retry', async () => {
    renderCard({
      getEntityOverview: async () => {
        throw new Error('Request failed with 502 Bad Gateway');
      },
    });
    expect(
      await screen.findByText(/Could not load this card from the portal backend: Request failed with 502/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
