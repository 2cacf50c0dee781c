import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { IncidentMetrics } from '@internal/plugin-postmortem-common';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { postmortemApiRef, type PostmortemApi } from '../../api/PostmortemApi';
import { lastDays, rangeQuery } from './MetricsRange';
import { PostmortemsPage } from './PostmortemsPage';

jest.setTimeout(30_000);

/** When the incident history has not read every incident log yet, the MTTA card says how partial it is. */
const partial: IncidentMetrics = {
  from: '2026-11-28T00:00:00.000Z',
  to: '2026-12-05T00:00:00.000Z',
  services: [
    {
      ref: 'component:default/cart-service',
      incidents: 5,
      acknowledged: 2,
      resolved: 5,
      mttaSeconds: 120,
      mttrSeconds: 3600,
    },
  ],
  teams: [],
  generatedAt: '2026-12-05T00:00:00.000Z',
  freshness: { state: 'fresh' },
  acknowledgements: { read: 2, incidents: 5 },
  partial:
    "MTTA from 2 of 5 incidents: the others' logs are not read from PagerDuty yet (the background refresh reads up to 500 per run)",
};

const api = {
  page: async () => ({ items: [] }),
  metrics: async () => partial,
  actionItems: async () => [],
} as unknown as PostmortemApi;

describe('MTTA/MTTR card', () => {
  it('says MTTA is partial, with the reason on hover', async () => {
    await renderInTestApp(<PostmortemsPage />, { apis: [[postmortemApiRef, api]] });
    const note = await screen.findByText(
      'MTTA counts 2 of 5 incidents: the logs of the others have not been read from PagerDuty yet.',
      {},
      { timeout: 10_000 },
    );
    expect(note).toHaveAttribute('title', partial.partial);
  });

  it('says so in Japanese', async () => {
    await renderInTestApp(<PostmortemsPage />, {
      apis: [
        [postmortemApiRef, api],
        mockApis.appLanguage({ defaultLanguage: 'ja', availableLanguages: ['en', 'ja'] }),
      ],
    });
    expect(
      await screen.findByText(
        'MTTA は 5 件中 2 件のインシデントから算出しています。残りのログはまだ PagerDuty から読み取れていません。',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
  });
});

/** Before the first background refresh of the incident history: loading, not an error, no empty table. */
const loading: IncidentMetrics = {
  from: '2026-11-28T00:00:00.000Z',
  to: '2026-12-05T00:00:00.000Z',
  services: [],
  teams: [],
  generatedAt: '2026-12-05T00:00:00.000Z',
  freshness: { state: 'loading' },
  acknowledgements: { read: 0, incidents: 0 },
};
const loadingApi = { ...api, metrics: async () => loading } as unknown as PostmortemApi;

describe('MTTA/MTTR card on a cold start', () => {
  it('says the upstream data is loading, with the loading chip, and shows no table', async () => {
    await renderInTestApp(<PostmortemsPage />, { apis: [[postmortemApiRef, loadingApi]] });
    expect(
      await screen.findByText(
        'Loading upstream data: the portal is reading the PagerDuty incident history for the first time in the background. MTTA and MTTR appear when that finishes; nothing has failed.',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('PagerDuty: Loading upstream data')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Per team' })).not.toBeInTheDocument();
    expect(screen.queryByText('No incidents in this period.')).not.toBeInTheDocument();
  });

  it('says so in Japanese', async () => {
    await renderInTestApp(<PostmortemsPage />, {
      apis: [
        [postmortemApiRef, loadingApi],
        mockApis.appLanguage({ defaultLanguage: 'ja', availableLanguages: ['en', 'ja'] }),
      ],
    });
    expect(
      await screen.findByText(
        '上流データを読み込み中です。ポータルがバックグラウンドで PagerDuty のインシデント履歴を初めて取得しています。取得が終わると MTTA と MTTR が表示されます。障害ではありません。',
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
  });
});

describe('MTTA/MTTR card with a refreshed history', () => {
  it('shows how old the history is', async () => {
    const stale = {
      ...partial,
      freshness: { state: 'stale' as const, ageSeconds: 1500, fetchedAt: '2026-12-04T23:35:00.000Z' },
    };
    await renderInTestApp(<PostmortemsPage />, {
      apis: [[postmortemApiRef, { ...api, metrics: async () => stale } as unknown as PostmortemApi]],
    });
    expect(
      await screen.findByText(/^PagerDuty: Stale · fetched 25 minutes ago$/, {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
  });
});

describe('MTTA/MTTR range and chart', () => {
  const teams: IncidentMetrics = {
    ...partial,
    partial: undefined,
    acknowledgements: undefined,
    teams: [
      {
        ref: 'group:default/team-checkout',
        incidents: 4,
        acknowledged: 4,
        resolved: 4,
        mttaSeconds: 300,
        mttrSeconds: 5400,
      },
    ],
  };

  it('asks for the last 7 days first and for the chosen range after a preset or date is picked', async () => {
    const metrics = jest.fn(async () => teams);
    await renderInTestApp(<PostmortemsPage />, {
      apis: [[postmortemApiRef, { ...api, metrics } as unknown as PostmortemApi]],
    });
    // The first render of the file loads the chart's lazy chunk (recharts): slow on a busy machine.
    await screen.findByRole('img', { name: 'MTTA and MTTR per team, in minutes' }, { timeout: 45_000 });
    expect(metrics).toHaveBeenLastCalledWith(rangeQuery(lastDays(7)));

    fireEvent.mouseDown(screen.getByLabelText('Range'));
    fireEvent.click(await screen.findByRole('option', { name: 'Last 30 days' }));
    await waitFor(() => expect(metrics).toHaveBeenLastCalledWith(rangeQuery(lastDays(30))));

    const to = lastDays(30).to;
    fireEvent.change(screen.getByLabelText('From (UTC)'), { target: { value: '2026-11-01' } });
    await waitFor(() =>
      expect(metrics).toHaveBeenLastCalledWith({ from: '2026-11-01T00:00:00Z', to: rangeQuery({ from: to, to }).to }),
    );

    // More than the route's 92 days is not sent; the picker says why.
    const calls = metrics.mock.calls.length;
    fireEvent.change(screen.getByLabelText('From (UTC)'), { target: { value: '2020-01-01' } });
    expect(await screen.findByText('The range may span 92 days at most.')).toBeInTheDocument();
    expect(metrics).toHaveBeenCalledTimes(calls);
  }, 60_000);

  it('shows a team’s MTTA and MTTR in the chart tooltip', async () => {
    await renderInTestApp(<PostmortemsPage />, {
      apis: [[postmortemApiRef, { ...api, metrics: async () => teams } as unknown as PostmortemApi]],
    });
    const chart = await screen.findByRole('img', { name: 'MTTA and MTTR per team, in minutes' }, { timeout: 45_000 });
    expect(chart).toHaveAccessibleDescription(expect.stringContaining('1 teams, 4 incidents'));
    act(() => chart.focus());
    const tooltip = await screen.findByTestId('mttr-chart-tooltip');
    expect(tooltip).toHaveTextContent('team-checkout');
    expect(tooltip).toHaveTextContent('MTTA: 5 min');
    expect(tooltip).toHaveTextContent('MTTR: 1 h 30 min');
  }, 60_000);
});
