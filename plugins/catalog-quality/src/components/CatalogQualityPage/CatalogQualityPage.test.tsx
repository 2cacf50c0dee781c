import { mockApis, renderInTestApp, TestApiProvider } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { catalogQualityApiRef, type CatalogQualityApi, type QualityReport } from '../../api/CatalogQualityApi';
import { CatalogQualityPage } from './CatalogQualityPage';

const report: QualityReport = {
  generatedAt: '2026-01-01T09:00:00.000Z',
  sandbox: true,
  findings: [
    {
      problem: 'missing-annotation',
      severity: 'error',
      entityRef: 'component:default/email-worker',
      kind: 'Component',
      name: 'email-worker',
      owner: 'group:default/team-data',
      annotation: 'pagerduty.com/service-id',
      detail: 'No pagerduty.com/service-id on a production worker',
    },
    {
      problem: 'unknown-owner',
      severity: 'error',
      entityRef: 'component:default/lost-service',
      kind: 'Component',
      name: 'lost-service',
      owner: 'group:default/team-ghost',
      detail: 'spec.owner group:default/team-ghost is not in the catalog',
    },
    {
      problem: 'workload-without-entity',
      severity: 'warning',
      kind: 'Deployment',
      name: 'legacy-csv-exporter',
      cluster: 'gcp-osaka',
      namespace: 'data',
      detail: 'Deployment data/legacy-csv-exporter in gcp-osaka matches no catalog entity',
    },
    {
      problem: 'workload-without-entity',
      severity: 'warning',
      kind: 'Deployment',
      name: 'debug-toolbox',
      cluster: 'aws-tokyo',
      namespace: 'checkout',
      detail: 'Deployment checkout/debug-toolbox in aws-tokyo matches no catalog entity',
    },
  ],
  counts: {
    'processing-error': 0,
    'missing-owner': 0,
    'unknown-owner': 1,
    'missing-annotation': 1,
    orphan: 0,
    'workload-without-entity': 2,
    'no-running-workload': 0,
  },
  kubernetesFreshness: {
    state: 'stale',
    ageSeconds: 300,
    clusters: [
      { cluster: 'aws-tokyo', freshness: { state: 'fresh', ageSeconds: 5 } },
      {
        cluster: 'gcp-osaka',
        freshness: { state: 'stale', ageSeconds: 300, error: 'timed out' },
      },
    ],
  },
  unprocessedEntities: { state: 'fresh' },
};

/** The findings table (material-table renders more than one `table` element). */
const findingsTable = () =>
  screen
    .getAllByRole('table')
    .find(t => within(t).queryAllByRole('columnheader', { name: /Severity|重要度/ }).length > 0)!;

function renderPage(api: CatalogQualityApi, options?: { language?: string }) {
  return renderInTestApp(
    <TestApiProvider apis={[[catalogQualityApiRef, api]]}>
      <CatalogQualityPage />
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        mockApis.appLanguage({
          defaultLanguage: options?.language ?? 'en',
          availableLanguages: ['en', 'ja'],
        }),
      ],
    },
  );
}

describe('CatalogQualityPage', () => {
  it('shows the counts per problem and a row per finding', async () => {
    await renderPage({ getReport: async () => report });

    const drift = await screen.findByRole('button', {
      name: /Workloads without an entity/,
    });
    expect(drift).toHaveTextContent('2');
    expect(screen.getByRole('button', { name: /Missing annotations/ })).toHaveTextContent('1');
    expect(screen.getByRole('button', { name: /Orphans/ })).toHaveTextContent('0');
    expect(screen.getByText('4 findings', { exact: false })).toBeInTheDocument();

    const table = findingsTable();
    // Entities link to their pages; the missing PagerDuty id is explained in the portal's words.
    const worker = within(table).getByRole('link', { name: /email-worker/ });
    expect(worker).toHaveAttribute('href', '/catalog/default/component/email-worker');
    expect(within(table).getByText(/No PagerDuty service id/)).toBeInTheDocument();
    // An owner that does not exist is plain text, not a link.
    expect(within(table).getByText('group:default/team-ghost')).toBeInTheDocument();
    expect(within(table).queryByRole('link', { name: /team-ghost/ })).not.toBeInTheDocument();
    // Workloads without an entity: no link, with their cluster and namespace.
    expect(within(table).getByText('Deployment legacy-csv-exporter')).toBeInTheDocument();
    expect(within(table).getByText('gcp-osaka / data')).toBeInTheDocument();
    expect(within(table).getByText('aws-tokyo / checkout')).toBeInTheDocument();

    // The drift findings rest on a stale snapshot of gcp-osaka.
    expect(screen.getByText('Kubernetes data is not live')).toBeInTheDocument();
    expect(screen.getByText('gcp-osaka: snapshot from 5 min ago')).toBeInTheDocument();
  });

  it('filters the table by problem when a count is chosen', async () => {
    await renderPage({ getReport: async () => report });
    const drift = await screen.findByRole('button', {
      name: /Workloads without an entity/,
    });

    await userEvent.click(drift);
    expect(drift).toHaveAttribute('aria-pressed', 'true');
    const table = findingsTable();
    await waitFor(() => expect(within(table).queryByText(/email-worker/)).not.toBeInTheDocument());
    expect(within(table).getByText('Deployment debug-toolbox')).toBeInTheDocument();

    await userEvent.click(drift);
    expect(await within(table).findByRole('link', { name: /email-worker/ })).toBeInTheDocument();
  });

  it('says when the catalog is clean and every cluster is live', async () => {
    await renderPage({
      getReport: async () => ({
        ...report,
        findings: [],
        counts: Object.fromEntries(Object.keys(report.counts).map(k => [k, 0])) as QualityReport['counts'],
        kubernetesFreshness: { state: 'fresh', clusters: [] },
      }),
    });
    expect(await screen.findByText('No findings: the catalog is in good shape.')).toBeInTheDocument();
    expect(screen.queryByText('Kubernetes data is not live')).not.toBeInTheDocument();
  });

  it('speaks Japanese to users who chose it', async () => {
    await renderPage({ getReport: async () => report }, { language: 'ja' });
    expect(
      await screen.findByRole('button', {
        name: /カタログ未登録のワークロード/,
      }),
    ).toHaveTextContent('2');
    expect(screen.getByText('Kubernetes のデータが最新ではありません')).toBeInTheDocument();
    expect(within(findingsTable()).getByText(/PagerDuty のサービス ID/)).toBeInTheDocument();
  });

  it('shows the error when the report cannot be loaded', async () => {
    await renderPage({
      getReport: async () => {
        throw new Error('catalog-quality backend is down');
      },
    });
    expect((await screen.findAllByText(/catalog-quality backend is down/)).length).toBeGreaterThan(0);
  });
});
