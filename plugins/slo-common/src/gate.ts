/**
 * The deploy gate's reason as a code with parameters, so that the UI shows it in its own
 * language. `DeployGate.reason` stays the English sentence (CI pipelines print it); beside it the
 * gate sends `reasonCode` and `reasonParams`, and the UI renders the code through its
 * translation ref (`gateReason.<code>`), falling back to `reason` for a code it does not know.
 */

/** The values a reason names; the message picks them by `{{name}}`. */
export type GateReasonParams = Record<string, string | number>;

/** Each code's message, English then Japanese, with the same `{{placeholders}}`. */
const MESSAGES = {
  'slo.gate.allowed': [
    'Allowed: {{remaining}} % of the error budget left.',
    'デプロイできます: エラーバジェットの残りは {{remaining}} % です。',
  ],
  'slo.gate.atRiskBudget': [
    'Allowed, but at risk: only {{remaining}} % of the error budget left.',
    'デプロイできますが要注意です: エラーバジェットの残りが {{remaining}} % しかありません。',
  ],
  'slo.gate.atRiskPage': [
    'Allowed, but at risk: a page burn-rate alert is firing.',
    'デプロイできますが要注意です: ページ級のバーンレートアラートが発生中です。',
  ],
  'slo.gate.atRiskBudgetAndPage': [
    'Allowed, but at risk: only {{remaining}} % of the error budget left and a page burn-rate alert is firing.',
    'デプロイできますが要注意です: エラーバジェットの残りが {{remaining}} % しかなく、ページ級のバーンレートアラートも発生中です。',
  ],
  'slo.gate.atRisk': ['Allowed, but at risk.', 'デプロイできますが要注意です。'],
  'slo.gate.exhausted': [
    'Error budget exhausted: {{bad}} bad requests against {{allowedBad}} allowed by the {{objective}} % objective over the {{window}} window ({{used}} % of the budget used). Only fixes that restore reliability may ship until the budget recovers.',
    'エラーバジェットを使い切りました: {{window}} の期間で目標 {{objective}} % が許す失敗 {{allowedBad}} 件に対し、失敗リクエストは {{bad}} 件です（バジェットの {{used}} % を消費）。バジェットが回復するまで、信頼性を回復する修正だけをリリースできます。',
  ],
  'slo.gate.noCountsAllow': [
    'Unknown: no Datadog counts to decide on ({{error}}); the gate allows deploys while they are missing.',
    '判定できません: 判断に使う Datadog のカウントがありません（{{error}}）。カウントが得られるまでデプロイを許可します。',
  ],
  'slo.gate.noCountsBlock': [
    'Unknown: no Datadog counts to decide on ({{error}}); the gate refuses deploys while they are missing.',
    '判定できません: 判断に使う Datadog のカウントがありません（{{error}}）。カウントが得られるまでデプロイを止めます。',
  ],
  'slo.gate.noDataAllow': [
    'Unknown: no data to judge the SLO on — {{noDataReason}} By configuration (slo.gate.unknownDecision: {{setting}}) the gate allows deploys until there is data.',
    '判定できません: SLO を判定するデータがありません — {{noDataReason}} 設定（slo.gate.unknownDecision: {{setting}}）により、データが揃うまでデプロイを許可します。',
  ],
  'slo.gate.noDataBlock': [
    'Unknown: no data to judge the SLO on — {{noDataReason}} By configuration (slo.gate.unknownDecision: {{setting}}) the gate refuses deploys until there is data.',
    '判定できません: SLO を判定するデータがありません — {{noDataReason}} 設定（slo.gate.unknownDecision: {{setting}}）により、データが揃うまでデプロイを止めます。',
  ],
} as const satisfies Record<string, readonly [string, string]>;

/** Every reason code the deploy gate sends. */
export type GateReasonCode = keyof typeof MESSAGES;
export const GATE_REASON_CODES = Object.keys(MESSAGES) as GateReasonCode[];

/** The reason messages of one language by code (the frontend's translation ref takes the English ones). */
export const GATE_REASON_MESSAGES: Record<'en' | 'ja', { [K in GateReasonCode]: string }> = {
  en: Object.fromEntries(GATE_REASON_CODES.map(c => [c, MESSAGES[c][0]])) as { [K in GateReasonCode]: string },
  ja: Object.fromEntries(GATE_REASON_CODES.map(c => [c, MESSAGES[c][1]])) as { [K in GateReasonCode]: string },
};

export function isGateReasonCode(code: unknown): code is GateReasonCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(MESSAGES, code);
}

/** A reason in a language: the params put into the code's `{{placeholders}}`. */
export function formatGateReason(code: GateReasonCode, params: GateReasonParams, lang: 'en' | 'ja' = 'en'): string {
  return GATE_REASON_MESSAGES[lang][code].replace(/{{\s*(\w+)\s*}}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
