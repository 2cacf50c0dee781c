import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { DeployGate } from '@internal/plugin-slo-common';
import { screen } from '@testing-library/react';
import { DeployGateNotice } from './DeployGateNotice';

const base = {
  entityRef: 'component:default/checkout',
  freshness: { state: 'fresh' as const },
};

const allowed: DeployGate = {
  ...base,
  allowed: true,
  decision: 'allowed',
  policy: 'healthy',
  reason: 'Allowed: 85.0 % of the error budget left.',
  reasonCode: 'slo.gate.allowed',
  reasonParams: { remaining: '85.0' },
};

function renderGate(gate: DeployGate, language: string) {
  return renderInTestApp(<DeployGateNotice gate={gate} />, {
    apis: [mockApis.appLanguage({ defaultLanguage: language, availableLanguages: ['en', 'ja'] })],
  });
}

describe('DeployGateNotice', () => {
  it("shows the gate's reason in Japanese from its code", async () => {
    renderGate(allowed, 'ja');
    expect(await screen.findByText('デプロイできます: エラーバジェットの残りは 85.0 % です。')).toBeInTheDocument();
    expect(screen.queryByText(/error budget left/)).not.toBeInTheDocument();
  });

  it('shows the same reason in English', async () => {
    renderGate(allowed, 'en');
    expect(await screen.findByText('Allowed: 85.0 % of the error budget left.')).toBeInTheDocument();
  });

  it("puts the UI's own sentence for the no-data cause into an unknown gate's reason", async () => {
    renderGate(
      {
        ...base,
        allowed: false,
        decision: 'unknown',
        defaultDecision: 'block',
        policy: 'no-data',
        reason: 'Unknown: no data to judge the SLO on — None of the SLO endpoints matches … By configuration …',
        reasonCode: 'slo.gate.noDataBlock',
        reasonParams: { noData: 'no-traffic', noDataReason: 'No requests in the 30 days window.', setting: 'block' },
      },
      'ja',
    );
    expect(
      await screen.findByText(
        /^判定できません: SLO を判定するデータがありません — .+ 設定（slo\.gate\.unknownDecision: block）により、データが揃うまでデプロイを止めます。$/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/No requests in the 30 days window/)).not.toBeInTheDocument();
  });

  it('falls back to the English reason for a code it does not know (a newer backend)', async () => {
    renderGate(
      { ...allowed, reason: 'Allowed: a reason from later.', reasonCode: 'slo.gate.fromTheFuture' as any },
      'ja',
    );
    expect(await screen.findByText('Allowed: a reason from later.')).toBeInTheDocument();
  });
});
