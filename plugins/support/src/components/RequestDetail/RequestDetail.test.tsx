import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { SupportRequest } from '@internal/plugin-support-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { supportApiRef } from '../../api/SupportApi';
import { fakeSupportApi, summary } from '../../testing/fixtures';
import { RequestDetail } from './RequestDetail';

const fresh = { state: 'fresh' as const, fetchedAt: '2026-11-26T05:00:00.000Z' };

function request(extra: Partial<SupportRequest> = {}): SupportRequest {
  return {
    ...summary(5, { title: 'Raise memory', status: 'waiting_on_requester' }),
    description: 'Please **help**',
    fields: { who: 'kato.minato' },
    context: {
      takenAt: '2026-11-26T05:00:00.000Z',
      entityRef: 'component:default/recommendation-service',
      owner: { ...fresh, data: { ownerRef: 'group:default/team-storefront' } },
      oncall: { ...fresh, data: [{ level: 1, name: 'Sato Yuki', policy: 'Storefront Escalation Policy' }] },
      slo: {
        ...fresh,
        data: {
          objective: 99.9,
          sli: 0.9991,
          budgetRemainingRatio: 0.12,
          policy: 'at-risk',
          alertState: 'ticket',
          burnRates: {},
        },
      },
      kubernetes: {
        ...fresh,
        data: [
          { cluster: 'aws-tokyo', workload: 'recommendation-service', namespace: 'catalog', code: 'CrashLoopBackOff' },
        ],
      },
      deploys: { state: 'unavailable', error: 'Kubernetes did not answer' },
      incidents: { ...fresh, data: [] },
    },
    comments: [
      {
        id: 1,
        author: 'user:default/sato.yuki',
        body: 'Which namespace?',
        internal: false,
        createdAt: '2026-11-26T05:10:00.000Z',
      },
    ],
    history: [
      { id: 1, at: '2026-11-26T05:00:00.000Z', actor: 'user:default/tanaka.ren', action: 'created', to: 'new' },
    ],
    can: { triage: false, comment: true, transitions: ['in_progress', 'closed'] },
    ...extra,
  };
}

async function renderDetail(api = fakeSupportApi({ get: async () => request() }), language?: 'ja') {
  const languageApi = language
    ? [mockApis.appLanguage({ defaultLanguage: language, availableLanguages: ['en', 'ja'] })]
    : [];
  await renderInTestApp(
    <Routes>
      <Route path="/support/requests/:id" element={<RequestDetail />} />
    </Routes>,
    { apis: [[supportApiRef, api], ...languageApi], initialRouteEntries: ['/support/requests/5'] } as any,
  );
}

// MUI selects render slowly on a loaded machine.
jest.setTimeout(30_000);

describe('RequestDetail', () => {
  it('shows the context snapshot with each part and its freshness', async () => {
    await renderDetail();
    const context = await screen.findByRole('region', { name: 'Context when filed' });
    expect(within(context).getByText('team-storefront')).toBeInTheDocument();
    expect(within(context).getByText('L1: Sato Yuki (Storefront Escalation Policy)')).toBeInTheDocument();
    expect(
      within(context).getByText(/SLI 99\.910% \/ target 99\.9% — budget left 12% \(at-risk\)/),
    ).toBeInTheDocument();
    expect(within(context).getByText('CrashLoopBackOff: recommendation-service (aws-tokyo)')).toBeInTheDocument();
    expect(within(context).getByText('Kubernetes did not answer')).toBeInTheDocument();
    expect(within(context).getAllByText('unavailable')).toHaveLength(1);
  });

  it('shows an SLO without data as "No data", not as 100 %', async () => {
    const base = request();
    const context = {
      ...base.context,
      slo: {
        ...fresh,
        data: {
          objective: 99.9,
          sli: 1,
          budgetRemainingRatio: 1,
          policy: 'no-data',
          alertState: 'no-data',
          burnRates: {},
        },
      },
    };
    await renderDetail(fakeSupportApi({ get: async () => ({ ...base, context }) }));
    expect(await screen.findByText(/No data \/ target 99\.9% — not one request/)).toBeInTheDocument();
    expect(screen.queryByText(/SLI 100\.000%/)).not.toBeInTheDocument();
  });

  it('lets the requester answer and change status, without the internal-note option', async () => {
    const comment = jest.fn(async () => request());
    const update = jest.fn(async () => request());
    await renderDetail(fakeSupportApi({ get: async () => request(), comment, update }));
    await screen.findByText('Which namespace?');
    expect(screen.queryByLabelText('Internal note (platform team only)')).not.toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Add a comment'), { target: { value: 'catalog' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(comment).toHaveBeenCalledWith(5, { body: 'catalog', internal: false }));
    fireEvent.click(screen.getByRole('button', { name: 'Closed' }));
    await waitFor(() => expect(update).toHaveBeenCalledWith(5, { status: 'closed' }));
  });

  it('offers internal notes to the platform team', async () => {
    const comment = jest.fn(async () => request());
    await renderDetail(
      fakeSupportApi({
        get: async () => request({ can: { triage: true, comment: true, transitions: ['in_progress'] } }),
        comment,
      }),
    );
    fireEvent.click(await screen.findByLabelText('Internal note (platform team only)'));
    fireEvent.change(screen.getByLabelText('Add a comment'), { target: { value: 'again?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(comment).toHaveBeenCalledWith(5, { body: 'again?', internal: true }));
  });

  it("says the backend's coded sentences in Japanese on a Japanese screen", async () => {
    const base = request();
    const coded = request({
      context: {
        ...base.context,
        deploys: {
          state: 'unavailable',
          error: 'infra did not answer within 15s',
          errorCode: 'contextTimeout',
          errorParams: { seconds: 15 },
        },
        incidents: {
          state: 'unavailable',
          error: 'slo backend answered 503',
          errorCode: 'contextSloStatus',
          errorParams: { status: 503 },
        },
      },
      page: {
        status: 'failed',
        dedupKey: 'support-5',
        at: '2026-11-26T05:00:00.000Z',
        message: 'support.urgent.routingKey is not configured',
        messageCode: 'pageNotConfigured',
      },
    });
    const refusal = Object.assign(
      new Error('status: cannot go from waiting_on_requester to in_progress (no change allowed)'),
      {
        body: {
          error: {
            name: 'InputError',
            message: 'status: cannot go from waiting_on_requester to in_progress (no change allowed)',
            code: 'transitionNotAllowed',
            params: { from: 'waiting_on_requester', to: 'in_progress' },
          },
        },
      },
    );
    const update = jest.fn(async () => {
      throw refusal;
    });
    await renderDetail(fakeSupportApi({ get: async () => coded, update }), 'ja');
    const context = await screen.findByRole('region', { name: '起票時のコンテキスト' });
    expect(within(context).getByText('15 秒以内に応答がありませんでした')).toBeInTheDocument();
    expect(within(context).getByText('SLO バックエンドが HTTP 503 を返しました')).toBeInTheDocument();
    expect(
      screen.getByText(/呼び出しに失敗しました: support\.urgent\.routingKey が設定されていません/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/did not answer|answered 503|is not configured/)).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '対応中' }));
    expect(await screen.findByText(/status: 依頼者の回答待ち から 対応中 には変更できません/)).toBeInTheDocument();
  });

  it("falls back to the backend's English text for a code it does not know", async () => {
    const base = request();
    const coded = request({
      context: {
        ...base.context,
        deploys: { state: 'unavailable', error: 'Something new went wrong', errorCode: 'notYetKnown' as any },
      },
    });
    await renderDetail(fakeSupportApi({ get: async () => coded }), 'ja');
    const context = await screen.findByRole('region', { name: '起票時のコンテキスト' });
    expect(within(context).getByText('Something new went wrong')).toBeInTheDocument();
  });
});
