import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { infraApiRef, type InfraApi } from '../../api/InfraApi';
import { cartEntity, clusterDetail, entityKubernetes } from '../../testing/fixtures';
import { EntityKubernetesContent } from './EntityKubernetesContent';

function renderTab(api: Partial<InfraApi>) {
  return renderInTestApp(
    <EntityProvider entity={cartEntity}>
      <EntityKubernetesContent />
    </EntityProvider>,
    { apis: [[infraApiRef, api]] },
  );
}

async function responseError(status: number, statusText: string, name: string, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText,
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}

async function openLogs() {
  const pods = await screen.findByRole('table', { name: 'Pods in aws-tokyo' });
  fireEvent.click(within(pods).getByRole('button', { name: 'Logs of cart-7d9f8-abcde' }));
  return screen.findByRole('dialog', { name: 'Logs of cart-7d9f8-abcde' });
}

describe('EntityKubernetesContent', () => {
  it('shows every object of the cluster with its console link and freshness', async () => {
    renderTab({ getEntityKubernetes: async () => entityKubernetes() });

    expect(await screen.findByRole('heading', { name: 'Cluster aws-tokyo' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open cluster console' })).toHaveAttribute(
      'href',
      'https://console.example/aws-tokyo',
    );
    expect(screen.getByText('Live')).toBeInTheDocument();

    const workloads = screen.getByRole('table', {
      name: 'Workloads in aws-tokyo',
    });
    expect(workloads).toHaveTextContent('registry.example.com/cart:1.4.2');
    const rollouts = screen.getByRole('table', {
      name: 'Rollout history of cart',
    });
    expect(rollouts).toHaveTextContent('7');
    expect(rollouts).toHaveTextContent('cart-7d9f8');
    expect(rollouts).toHaveTextContent('30 minutes ago');

    const pods = screen.getByRole('table', { name: 'Pods in aws-tokyo' });
    const pod = within(pods).getAllByRole('row')[1];
    expect(pod).toHaveTextContent('Running · Not ready');
    expect(pod).toHaveTextContent('CrashLoopBackOff');
    expect(pod).toHaveTextContent('node-a');

    expect(
      screen.getByRole('table', {
        name: 'HorizontalPodAutoscalers in aws-tokyo',
      }),
    ).toHaveTextContent('85% of 70% target');
    expect(screen.getByRole('table', { name: 'PodDisruptionBudgets in aws-tokyo' })).toHaveTextContent(
      'min available 1',
    );
    expect(screen.getByRole('table', { name: 'Services in aws-tokyo' })).toHaveTextContent('80/TCP');
    expect(screen.getByRole('table', { name: 'Ingresses in aws-tokyo' })).toHaveTextContent('cart.example.com');
    const events = within(screen.getByRole('table', { name: 'Recent events in aws-tokyo' })).getAllByRole('row');
    expect(events[1]).toHaveTextContent('BackOff');
    expect(events[2]).toHaveTextContent('Pulled');
  });

  it('says what is missing when a cluster has nothing', async () => {
    renderTab({
      getEntityKubernetes: async () =>
        entityKubernetes([
          clusterDetail({
            cluster: 'gcp-osaka',
            consoleUrl: undefined,
            workloads: [],
            pods: [],
            hpas: [],
            pdbs: [],
            services: [],
            ingresses: [],
            events: [],
          }),
        ]),
    });
    expect(
      await screen.findByText('No workloads labelled backstage.io/kubernetes-id=cart in this cluster.'),
    ).toBeInTheDocument();
    // One line for the cluster, not a row of empty sections.
    expect(screen.queryByRole('heading', { name: 'Pods' })).not.toBeInTheDocument();
    expect(screen.queryByText('No pods belong to these workloads in this cluster.')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Open cluster console' })).not.toBeInTheDocument();
  });

  it('keeps other clusters when one is unavailable', async () => {
    renderTab({
      getEntityKubernetes: async () =>
        entityKubernetes([
          clusterDetail(),
          clusterDetail({
            cluster: 'gcp-osaka',
            freshness: { state: 'unavailable', error: 'timeout' },
          }),
        ]),
    });
    expect(await screen.findByText(/Kubernetes \(gcp-osaka\) cannot be reached right now/)).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Pods in aws-tokyo' })).toBeInTheDocument();
  });

  it('opens the log of a pod and switches to the previous container', async () => {
    const getPodLog = jest.fn(async (_entity: unknown, options: { previous?: boolean }) =>
      options.previous ? 'panic: nil map\n' : 'starting cart\n',
    );
    renderTab({
      getEntityKubernetes: async () => entityKubernetes(),
      getPodLog,
    });

    const dialog = await openLogs();
    expect(await within(dialog).findByText('starting cart')).toBeInTheDocument();
    expect(getPodLog).toHaveBeenLastCalledWith(
      { kind: 'component', namespace: 'default', name: 'cart' },
      {
        cluster: 'aws-tokyo',
        pod: 'cart-7d9f8-abcde',
        container: 'app',
        previous: false,
      },
    );

    fireEvent.click(within(dialog).getByRole('switch', { name: 'Previous container' }));
    expect(await within(dialog).findByText('panic: nil map')).toBeInTheDocument();
    expect(getPodLog).toHaveBeenLastCalledWith(expect.anything(), expect.objectContaining({ previous: true }));

    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('shows the 403 message when the user may not read logs', async () => {
    const forbidden = await responseError(
      403,
      'Forbidden',
      'NotAllowedError',
      'You may not read the logs of this entity',
    );
    renderTab({
      getEntityKubernetes: async () => entityKubernetes(),
      getPodLog: async () => {
        throw forbidden;
      },
    });

    const dialog = await openLogs();
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      "You don't have permission to read the logs of this component. You may not read the logs of this entity",
    );
  });

  it('shows the 400 message when there is no previous container', async () => {
    const noPrevious = await responseError(
      400,
      'Bad Request',
      'InputError',
      'previous terminated container "app" in pod "cart-7d9f8-abcde" not found',
    );
    renderTab({
      getEntityKubernetes: async () => entityKubernetes(),
      getPodLog: async (_entity, options) => {
        if (options.previous) throw noPrevious;
        return 'starting cart\n';
      },
    });

    const dialog = await openLogs();
    await within(dialog).findByText('starting cart');
    fireEvent.click(within(dialog).getByRole('switch', { name: 'Previous container' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'There is no previous container to show a log for. previous terminated container "app" in pod "cart-7d9f8-abcde" not found',
    );
  });
});
