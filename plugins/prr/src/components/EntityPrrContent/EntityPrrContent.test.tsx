import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { EntityPrr } from '@internal/plugin-prr-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { prrApiRef, type PrrApi } from '../../api/PrrApi';
import { EntityPrrContent } from './EntityPrrContent';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'fraud-scoring', namespace: 'default' },
  spec: { owner: 'team-checkout' },
};

function prr(reviewStatus?: 'draft' | 'drifted'): EntityPrr {
  const items = [
    {
      id: 'readiness',
      sectionId: 'kubernetes',
      title: { en: 'Readiness probes', ja: 'Readiness プローブ' },
      guidance: { en: 'Every container has one.', ja: '全コンテナに設定。' },
      tiers: ['A', 'B', 'C'] as const,
      applies: true,
      kind: 'automatic' as const,
      check: 'k8s.readiness-probe',
      result: {
        status: 'fail' as const,
        evidence: ['Deployment checkout/fraud-scoring, container fraud-scoring: no readinessProbe'],
        evaluatedAt: '2026-11-26T06:00:00Z',
      },
      status: 'fail' as const,
      comments: [],
    },
    {
      id: 'runbook',
      sectionId: 'kubernetes',
      title: { en: 'A runbook', ja: 'Runbook' },
      guidance: { en: 'Link it.', ja: 'リンクする。' },
      tiers: ['A'] as const,
      applies: true,
      kind: 'manual' as const,
      status: 'pending' as const,
      comments: [],
    },
  ];
  return {
    entityRef: 'component:default/fraud-scoring',
    tier: 'A',
    objective: 99.9,
    templateId: 'default',
    evaluatedAt: '2026-11-26T06:00:00Z',
    score: 0,
    progress: { total: 2, passed: 0, failed: 1, pending: 1, score: 0 },
    sections: [
      {
        id: 'kubernetes',
        title: { en: 'Kubernetes', ja: 'Kubernetes' },
        progress: { total: 2, passed: 0, failed: 1, pending: 1, score: 0 },
        items: items as any,
      },
    ],
    ...(reviewStatus
      ? {
          review: {
            id: 'r1',
            entityRef: 'component:default/fraud-scoring',
            status: reviewStatus,
            author: 'user:default/carol',
            createdAt: '2026-11-26T06:00:00Z',
            updatedAt: '2026-11-26T06:00:00Z',
            ...(reviewStatus === 'drifted' ? { driftedAt: '2026-11-26T07:00:00Z', driftedItems: ['pdb'] } : {}),
          },
        }
      : {}),
  };
}

function fakeApi(initial: EntityPrr) {
  let current = initial;
  return {
    getEntity: jest.fn(async () => current),
    getHistory: jest.fn(async () => []),
    openReview: jest.fn(async () => {
      current = prr('draft');
      return current.review!;
    }),
    setManual: jest.fn(async () => ({
      state: 'done',
      updatedBy: 'user:default/guest',
      updatedAt: '2026-11-26T06:00:00Z',
    })),
  } as unknown as PrrApi & Record<string, jest.Mock>;
}

const render = (api: PrrApi, language = 'en') =>
  renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityPrrContent />
    </EntityProvider>,
    {
      apis: [[prrApiRef, api], mockApis.appLanguage({ defaultLanguage: language, availableLanguages: ['en', 'ja'] })],
    },
  );

/** The readiness result as prr-backend sends it now: English lines and their codes. */
function withCodes(base: EntityPrr): EntityPrr {
  const readiness = base.sections[0].items[0];
  readiness.result = {
    ...readiness.result!,
    evidence: [
      'Deployment checkout/fraud-scoring, container fraud-scoring: no readinessProbe',
      'a line from a newer backend',
    ],
    evidenceCodes: [
      {
        code: 'prr.k8s.probeMissing',
        params: { object: 'Deployment checkout/fraud-scoring', container: 'fraud-scoring', field: 'readinessProbe' },
      },
      { code: 'prr.some.futureCode' as any, params: {} },
    ],
  };
  return base;
}

// Rendering the whole app shell is slow on a busy machine.
jest.setTimeout(60_000);

describe('EntityPrrContent', () => {
  it('shows live results with evidence, opens a review and validates manual evidence before saving', async () => {
    const api = fakeApi(prr());
    await render(api);
    const readiness = await screen.findByRole('listitem', { name: 'Readiness probes' });
    expect(readiness).toHaveTextContent('Fail');
    expect(readiness).toHaveTextContent(
      'Deployment checkout/fraud-scoring, container fraud-scoring: no readinessProbe',
    );
    expect(screen.getByText('Tier A')).toBeInTheDocument();
    expect(screen.getByText('Open a review to record evidence and comments.')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Open a review' }));
    await waitFor(() => expect(api.openReview).toHaveBeenCalled());
    const runbook = await screen.findByRole('listitem', { name: 'A runbook' });
    fireEvent.click(await within(runbook).findByRole('button', { name: 'Add evidence' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Give a link or a text as evidence.');
    expect(api.setManual).not.toHaveBeenCalled();
    fireEvent.change(within(dialog).getByLabelText('Evidence link'), { target: { value: 'https://wiki/runbook' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.setManual).toHaveBeenCalledWith(
        { kind: 'component', namespace: 'default', name: 'fraud-scoring' },
        'runbook',
        { state: 'done', evidenceUrl: 'https://wiki/runbook' },
      ),
    );
  });

  it('shows the evidence in Japanese from its code, the English text for a code it does not know, and exports in Japanese', async () => {
    const api = fakeApi(withCodes(prr()));
    (api as any).exportMarkdown = jest.fn(async () => '# 本番準備レビュー');
    URL.createObjectURL = jest.fn(() => 'blob:x');
    URL.revokeObjectURL = jest.fn();
    await render(api, 'ja');
    const readiness = await screen.findByRole('listitem', { name: 'Readiness プローブ' });
    const lines = within(within(readiness).getByRole('list', { name: 'エビデンス' })).getAllByRole('listitem');
    expect(lines.map(l => l.textContent)).toEqual([
      'Deployment checkout/fraud-scoring のコンテナ fraud-scoring: readinessProbe がありません',
      'a line from a newer backend',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Markdown をエクスポート' }));
    await waitFor(() =>
      expect(api.exportMarkdown).toHaveBeenCalledWith(
        { kind: 'component', namespace: 'default', name: 'fraud-scoring' },
        'ja',
      ),
    );
  });

  it('shows the same coded evidence in English', async () => {
    await render(fakeApi(withCodes(prr())));
    const readiness = await screen.findByRole('listitem', { name: 'Readiness probes' });
    expect(readiness).toHaveTextContent(
      'Deployment checkout/fraud-scoring, container fraud-scoring: no readinessProbe',
    );
  });

  it('warns when the approved review drifted', async () => {
    await render(fakeApi(prr('drifted')));
    expect(await screen.findByText(/items that passed at approval now fail: pdb/)).toBeInTheDocument();
  });
});
