/**
 * The evidence lines of the automatic checks as codes with parameters, so that every screen and
 * export shows them in its own language. The backend still sends each line's English text
 * (`CheckResult.evidence`, read by CI scripts) and beside it `evidenceCodes`: the same lines, in
 * the same order, as `{ code, params }`. The frontend renders a code through its translation ref
 * (`evidence.<code>`), the Markdown export through `formatEvidence`; an unknown code (a newer
 * backend, or a result stored before codes existed) falls back to the English text.
 */

import type { CheckResult, CheckStatus } from './types';

/** The values a message names; the message picks them by `{{name}}`. */
export type MessageParams = Record<string, string | number>;

/**
 * Each code's message, English then Japanese, with the same `{{placeholders}}`. The English one
 * is exactly the `evidence` text the backend sends. Kubernetes kinds, field paths and vendor
 * names stay as they are in Japanese ("Deployment の readinessProbe").
 */
const MESSAGES = {
  // Kubernetes (prr-common checks/kubernetes.ts) -------------------------------------------
  'prr.k8s.noWorkloads': ['no Deployment or StatefulSet found', 'Deployment も StatefulSet も見つかりません'],
  'prr.k8s.noContainers': [
    '{{object}}: no containers in spec.template.spec.containers',
    '{{object}}: spec.template.spec.containers にコンテナがありません',
  ],
  'prr.k8s.probeMissing': [
    '{{object}}, container {{container}}: no {{field}}',
    '{{object}} のコンテナ {{container}}: {{field}} がありません',
  ],
  'prr.k8s.probeSet': [
    '{{object}}, container {{container}}: {{field}} ({{how}})',
    '{{object}} のコンテナ {{container}}: {{field}} あり（{{how}}）',
  ],
  'prr.k8s.resourcesMissing': [
    '{{object}}, container {{container}}: no {{fields}}',
    '{{object}} のコンテナ {{container}}: {{fields}} が設定されていません',
  ],
  'prr.k8s.memoryDiffers': [
    '{{object}}, container {{container}}: resources.requests.memory {{request}} differs from resources.limits.memory {{limit}}',
    '{{object}} のコンテナ {{container}}: resources.requests.memory {{request}} が resources.limits.memory {{limit}} と異なります',
  ],
  'prr.k8s.resourcesSet': [
    '{{object}}, container {{container}}: requests cpu {{requestCpu}} memory {{requestMemory}}, limits cpu {{limitCpu}} memory {{limitMemory}}',
    '{{object}} のコンテナ {{container}}: 要求 CPU {{requestCpu}}・メモリ {{requestMemory}}、上限 CPU {{limitCpu}}・メモリ {{limitMemory}}',
  ],
  'prr.k8s.hpaMinReplicasOk': [
    '{{hpa}}: spec.minReplicas {{minReplicas}} >= {{min}} for {{object}}',
    '{{object}} の {{hpa}}: spec.minReplicas {{minReplicas}} は {{min}} 以上です',
  ],
  'prr.k8s.replicasOk': [
    '{{object}}: spec.replicas {{replicas}} >= {{min}}',
    '{{object}}: spec.replicas {{replicas}} は {{min}} 以上です',
  ],
  'prr.k8s.hpaMinReplicasLow': [
    '{{hpa}}: spec.minReplicas {{minReplicas}} < {{min}} for {{object}}',
    '{{object}} の {{hpa}}: spec.minReplicas {{minReplicas}} が {{min}} 未満です',
  ],
  'prr.k8s.replicasLow': [
    '{{object}}: spec.replicas {{replicas}} < {{min}} and no HorizontalPodAutoscaler',
    '{{object}}: spec.replicas {{replicas}} が {{min}} 未満で、HorizontalPodAutoscaler もありません',
  ],
  'prr.k8s.pdbMissing': [
    '{{object}}: no PodDisruptionBudget selects its pods',
    '{{object}}: Pod を選択する PodDisruptionBudget がありません',
  ],
  'prr.k8s.pdbInvalid': [
    '{{pdb}}: {{field}} is not an integer or percentage',
    '{{pdb}}: {{field}} が整数でもパーセンテージでもありません',
  ],
  'prr.k8s.pdbBlocks': [
    '{{pdb}}: {{field}} with {{replicas}} replica(s) of {{object}} blocks every voluntary eviction',
    '{{pdb}}: {{object}} のレプリカ {{replicas}} 個に対して {{field}} のため、自発的な退避がすべて止まります',
  ],
  'prr.k8s.pdbAllows': [
    '{{pdb}}: {{field}} with {{replicas}} replica(s) of {{object}} allows {{allowed}} disruption(s)',
    '{{pdb}}: {{object}} のレプリカ {{replicas}} 個に対して {{field}} で、同時に {{allowed}} 個まで中断できます',
  ],
  'prr.k8s.pdbBlocksDefault': [
    '{{pdb}}: no spec.minAvailable or spec.maxUnavailable (minAvailable 1) with {{replicas}} replica(s) of {{object}} blocks every voluntary eviction',
    '{{pdb}}: spec.minAvailable も spec.maxUnavailable もなく（minAvailable 1 とみなす）、{{object}} のレプリカ {{replicas}} 個では自発的な退避がすべて止まります',
  ],
  'prr.k8s.pdbAllowsDefault': [
    '{{pdb}}: no spec.minAvailable or spec.maxUnavailable (minAvailable 1) with {{replicas}} replica(s) of {{object}} allows {{allowed}} disruption(s)',
    '{{pdb}}: spec.minAvailable も spec.maxUnavailable もなく（minAvailable 1 とみなす）、{{object}} のレプリカ {{replicas}} 個で同時に {{allowed}} 個まで中断できます',
  ],
  'prr.k8s.preStopMissing': [
    '{{object}}, container {{container}}: no lifecycle.preStop',
    '{{object}} のコンテナ {{container}}: lifecycle.preStop がありません',
  ],
  'prr.k8s.gracePeriodZero': [
    '{{object}}, container {{container}}: terminationGracePeriodSeconds 0',
    '{{object}} のコンテナ {{container}}: terminationGracePeriodSeconds が 0 です',
  ],
  'prr.k8s.preStopSet': [
    '{{object}}, container {{container}}: lifecycle.preStop ({{how}}), terminationGracePeriodSeconds {{grace}}',
    '{{object}} のコンテナ {{container}}: lifecycle.preStop あり（{{how}}）、terminationGracePeriodSeconds {{grace}}',
  ],
  'prr.k8s.runAsRoot': [
    '{{object}}, container {{container}}: securityContext.runAsUser 0 (root)',
    '{{object}} のコンテナ {{container}}: securityContext.runAsUser が 0（root）です',
  ],
  'prr.k8s.runAsNonRootFalse': [
    '{{object}}, container {{container}}: securityContext.runAsNonRoot false',
    '{{object}} のコンテナ {{container}}: securityContext.runAsNonRoot が false です',
  ],
  'prr.k8s.runAsNonRootTrue': [
    '{{object}}, container {{container}}: securityContext.runAsNonRoot true',
    '{{object}} のコンテナ {{container}}: securityContext.runAsNonRoot が true です',
  ],
  'prr.k8s.runAsUser': [
    '{{object}}, container {{container}}: securityContext.runAsUser {{user}}',
    '{{object}} のコンテナ {{container}}: securityContext.runAsUser が {{user}} です',
  ],
  'prr.k8s.nonRootUnset': [
    '{{object}}, container {{container}}: no securityContext.runAsNonRoot or runAsUser',
    '{{object}} のコンテナ {{container}}: securityContext.runAsNonRoot も runAsUser もありません',
  ],
  'prr.k8s.imageMissing': [
    '{{object}}, container {{container}}: no image',
    '{{object}} のコンテナ {{container}}: image がありません',
  ],
  'prr.k8s.imageDigest': [
    '{{object}}, container {{container}}: image {{image}} pinned by digest',
    '{{object}} のコンテナ {{container}}: image {{image}} はダイジェストで固定されています',
  ],
  'prr.k8s.imageNoTag': [
    '{{object}}, container {{container}}: image {{image}} has no tag (means latest)',
    '{{object}} のコンテナ {{container}}: image {{image}} にタグがありません（latest と同じ）',
  ],
  'prr.k8s.imageLatest': [
    '{{object}}, container {{container}}: image {{image}} uses the latest tag',
    '{{object}} のコンテナ {{container}}: image {{image}} が latest タグを使っています',
  ],
  'prr.k8s.imageTag': [
    '{{object}}, container {{container}}: image tag {{tag}}',
    '{{object}} のコンテナ {{container}}: イメージタグ {{tag}}',
  ],
  'prr.k8s.secretLiteral': [
    '{{object}}, container {{container}}: env {{names}} set by a literal value instead of valueFrom.secretKeyRef',
    '{{object}} のコンテナ {{container}}: env {{names}} が valueFrom.secretKeyRef ではなくリテラル値で設定されています',
  ],
  'prr.k8s.secretRefs': [
    '{{object}}, container {{container}}: {{refs}} from Secrets',
    '{{object}} のコンテナ {{container}}: {{refs}} を Secret から参照しています',
  ],
  'prr.k8s.noSecretLiterals': [
    '{{object}}, container {{container}}: no secret-like literal env values',
    '{{object}} のコンテナ {{container}}: 秘密情報らしき env のリテラル値はありません',
  ],
  'prr.k8s.updateStrategy': [
    '{{object}}: spec.updateStrategy.type {{type}}',
    '{{object}}: spec.updateStrategy.type は {{type}} です',
  ],
  'prr.k8s.strategy': ['{{object}}: spec.strategy.type {{type}}', '{{object}}: spec.strategy.type は {{type}} です'],
  'prr.k8s.rollingAllDown': [
    '{{object}}: spec.strategy.rollingUpdate.maxUnavailable {{maxUnavailable}} takes every replica down',
    '{{object}}: spec.strategy.rollingUpdate.maxUnavailable {{maxUnavailable}} ではすべてのレプリカが同時に停止します',
  ],
  'prr.k8s.rollingUpdate': [
    '{{object}}: spec.strategy.type RollingUpdate (maxUnavailable {{maxUnavailable}}, maxSurge {{maxSurge}})',
    '{{object}}: spec.strategy.type は RollingUpdate です（maxUnavailable {{maxUnavailable}}、maxSurge {{maxSurge}}）',
  ],

  // Reading the cluster (prr-backend liveChecks.ts) ----------------------------------------
  'prr.k8s.notAnnotated': [
    'no backstage.io/kubernetes-id or label-selector annotation',
    'backstage.io/kubernetes-id も label-selector のアノテーションもありません',
  ],
  'prr.k8s.noCluster': ['no Kubernetes cluster is configured', 'Kubernetes クラスタが設定されていません'],
  'prr.k8s.badSelector': [
    'invalid label selector {{selector}}: {{error}}',
    'ラベルセレクタ {{selector}} が不正です: {{error}}',
  ],
  'prr.k8s.clusterUnavailable': [
    '{{cluster}}: Kubernetes unavailable ({{error}})',
    '{{cluster}}: Kubernetes を読めません（{{error}}）',
  ],
  'prr.k8s.noMatch': [
    'no Deployment or StatefulSet matches {{selector}} in {{clusters}}',
    '{{clusters}} に {{selector}} に一致する Deployment も StatefulSet もありません',
  ],
  'prr.check.notEvaluated': ['not evaluated', '評価されていません'],
  'prr.check.unknown': ['unknown check {{check}}', '不明なチェック {{check}}'],
  'prr.check.failed': ['check {{check}} failed: {{error}}', 'チェック {{check}} が失敗しました: {{error}}'],
  'prr.datadog.unavailable': ['Datadog unavailable ({{error}})', 'Datadog を読めません（{{error}}）'],
  'prr.pagerduty.unavailable': ['PagerDuty unavailable ({{error}})', 'PagerDuty を読めません（{{error}}）'],
  'prr.pagerduty.onCallsUnavailable': [
    'PagerDuty on-calls unavailable ({{error}})',
    'PagerDuty のオンコールを読めません（{{error}}）',
  ],

  // The catalog, Datadog and PagerDuty (prr-backend catalogChecks.ts) ----------------------
  'prr.catalog.owner': ['{{entity}}: spec.owner {{owner}}', '{{entity}}: spec.owner は {{owner}} です'],
  'prr.catalog.noOwner': ['{{entity}}: no spec.owner', '{{entity}}: spec.owner がありません'],
  'prr.catalog.noDescription': ['{{entity}}: no metadata.description', '{{entity}}: metadata.description がありません'],
  'prr.catalog.noLinks': [
    '{{entity}}: no metadata.links and no backstage.io/techdocs-ref',
    '{{entity}}: metadata.links も backstage.io/techdocs-ref もありません',
  ],
  'prr.catalog.description': ['{{entity}}: metadata.description set', '{{entity}}: metadata.description あり'],
  'prr.catalog.techdocs': [
    '{{entity}}: backstage.io/techdocs-ref {{ref}}',
    '{{entity}}: backstage.io/techdocs-ref は {{ref}} です',
  ],
  'prr.catalog.link': ['{{entity}}: link {{link}}', '{{entity}}: リンク {{link}}'],
  'prr.catalog.dashboard': ['{{entity}}: link "{{title}}" {{url}}', '{{entity}}: リンク「{{title}}」{{url}}'],
  'prr.catalog.noDashboard': [
    '{{entity}}: no metadata.links entry names a dashboard',
    '{{entity}}: ダッシュボードを指す metadata.links がありません',
  ],
  'prr.slo.missing': ['{{entity}}: no spec.slo', '{{entity}}: spec.slo がありません'],
  'prr.slo.invalid': ['{{entity}}: invalid spec.slo: {{issues}}', '{{entity}}: spec.slo が不正です: {{issues}}'],
  'prr.slo.defined': [
    '{{entity}}: spec.slo objective {{objective}} % over {{window}}, {{endpoints}} endpoint(s)',
    '{{entity}}: spec.slo の目標 {{objective}} %（{{window}}）、エンドポイント {{endpoints}} 個',
  ],
  'prr.datadog.noService': [
    'no datadoghq.com/service-name annotation',
    'datadoghq.com/service-name アノテーションがありません',
  ],
  'prr.datadog.apm': [
    'Datadog monitor {{id}} "{{name}}": query on APM metric {{metric}}',
    'Datadog モニター {{id}}「{{name}}」: APM メトリクス {{metric}} を監視しています',
  ],
  'prr.datadog.noApm': [
    'service:{{service}}: no monitor on APM trace metrics (trace.*)',
    'service:{{service}}: APM のトレースメトリクス（trace.*）のモニターがありません',
  ],
  'prr.datadog.noMonitors': [
    'service:{{service}}: no Datadog monitor tagged with the service',
    'service:{{service}}: このサービスのタグが付いた Datadog モニターがありません',
  ],
  'prr.datadog.silent': [
    'Datadog monitor {{id}} "{{name}}": message notifies nobody (no @-handle)',
    'Datadog モニター {{id}}「{{name}}」: メッセージに @ ハンドルがなく、誰にも通知されません',
  ],
  'prr.datadog.notifies': [
    'Datadog monitor {{id}} "{{name}}": notifies {{handles}}',
    'Datadog モニター {{id}}「{{name}}」: {{handles}} に通知します',
  ],
  'prr.datadog.unrouted': [
    'Datadog monitor {{id}} "{{name}}": priority P{{priority}} but no @pagerduty handle in the message',
    'Datadog モニター {{id}}「{{name}}」: 優先度 P{{priority}} なのにメッセージに @pagerduty ハンドルがありません',
  ],
  'prr.datadog.noPagerDutyRoute': [
    'service:{{service}}: no monitor routes to PagerDuty (@pagerduty-…)',
    'service:{{service}}: PagerDuty（@pagerduty-…）に通知するモニターがありません',
  ],
  'prr.datadog.routes': [
    'Datadog monitor {{id}} "{{name}}": {{handle}}',
    'Datadog モニター {{id}}「{{name}}」: {{handle}} に通知します',
  ],
  'prr.datadog.routesPriority': [
    'Datadog monitor {{id}} "{{name}}" (P{{priority}}): {{handle}}',
    'Datadog モニター {{id}}「{{name}}」（P{{priority}}）: {{handle}} に通知します',
  ],
  'prr.pagerduty.noService': [
    'no pagerduty.com/service-id annotation',
    'pagerduty.com/service-id アノテーションがありません',
  ],
  'prr.pagerduty.service': [
    'PagerDuty service {{id}} "{{name}}": status {{status}}',
    'PagerDuty サービス {{id}}「{{name}}」: 状態 {{status}}',
  ],
  'prr.pagerduty.serviceNotFound': [
    'PagerDuty service {{id}}: not found',
    'PagerDuty サービス {{id}} が見つかりません',
  ],
  'prr.pagerduty.noPolicy': [
    'PagerDuty service {{id}}: no escalation policy',
    'PagerDuty サービス {{id}}: エスカレーションポリシーがありません',
  ],
  'prr.pagerduty.levels': [
    'Escalation policy {{policyId}} "{{policyName}}" of service {{service}}: {{levels}} level(s) with someone on call ({{levelList}})',
    'サービス {{service}} のエスカレーションポリシー {{policyId}}「{{policyName}}」: オンコール担当がいるレベルは {{levels}} 段（{{levelList}}）',
  ],
  'prr.pagerduty.noLevels': [
    'Escalation policy {{policyId}} "{{policyName}}" of service {{service}}: 0 level(s) with someone on call',
    'サービス {{service}} のエスカレーションポリシー {{policyId}}「{{policyName}}」: オンコール担当がいるレベルがありません',
  ],
  'prr.pagerduty.noSchedule': [
    'Escalation policy {{policyId}} "{{policyName}}": pages no schedule',
    'エスカレーションポリシー {{policyId}}「{{policyName}}」: 呼び出すスケジュールがありません',
  ],
  'prr.pagerduty.schedule': [
    'Escalation policy {{policyId}} "{{policyName}}": schedule {{scheduleId}} "{{scheduleName}}"',
    'エスカレーションポリシー {{policyId}}「{{policyName}}」: スケジュール {{scheduleId}}「{{scheduleName}}」',
  ],
} as const satisfies Record<string, readonly [string, string]>;

/** Every evidence code the PRR backend sends. */
export type PrrEvidenceCode = keyof typeof MESSAGES;
export const PRR_EVIDENCE_CODES = Object.keys(MESSAGES) as PrrEvidenceCode[];

/** One evidence line as a code: `evidenceCodes[i]` is `evidence[i]`. */
export interface EvidenceCode {
  code: PrrEvidenceCode;
  params: MessageParams;
  /** Set when the entity runs in several clusters: the line is about this one (`[cluster] …`). */
  cluster?: string;
}

/** The messages of one language by code (the frontend's translation ref takes the English ones). */
export const PRR_EVIDENCE_MESSAGES: Record<'en' | 'ja', { [K in PrrEvidenceCode]: string }> = {
  en: Object.fromEntries(PRR_EVIDENCE_CODES.map(c => [c, MESSAGES[c][0]])) as { [K in PrrEvidenceCode]: string },
  ja: Object.fromEntries(PRR_EVIDENCE_CODES.map(c => [c, MESSAGES[c][1]])) as { [K in PrrEvidenceCode]: string },
};

export function isPrrEvidenceCode(code: unknown): code is PrrEvidenceCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(MESSAGES, code);
}

/** Puts the params into a message's `{{name}}` placeholders (an absent one stays visible). */
export function formatMessage(message: string, params: MessageParams): string {
  return message.replace(/{{\s*(\w+)\s*}}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** `[cluster] ` before a line that is about one of several clusters. */
export function withCluster(text: string, cluster?: string): string {
  return cluster ? `[${cluster}] ${text}` : text;
}

/** A line in a language; the English text when the code is unknown (`fallback`). */
export function formatEvidence(line: EvidenceCode | undefined, lang: 'en' | 'ja', fallback: string): string {
  if (!line || !isPrrEvidenceCode(line.code)) return fallback;
  return withCluster(formatMessage(PRR_EVIDENCE_MESSAGES[lang][line.code], line.params ?? {}), line.cluster);
}

/** A check's line as the backend sends it: the code and its English text. */
export function evidenceLine(code: PrrEvidenceCode, params: MessageParams = {}): EvidenceCode {
  return { code, params };
}

/** The English text of a line (what `CheckResult.evidence` carries). */
export function evidenceText(line: EvidenceCode): string {
  return formatEvidence(line, 'en', line.code);
}

/** A check result from its lines: the English texts in `evidence`, the codes in `evidenceCodes`. */
export function resultOf(status: CheckStatus, lines: EvidenceCode[]): CheckResult {
  return { status, evidence: lines.map(evidenceText), evidenceCodes: lines };
}

/** The lines of a result as codes; a line without one (an older result) has none. */
export function linesOf(result: CheckResult): Array<{ text: string; code?: EvidenceCode }> {
  return result.evidence.map((text, i) => ({ text, code: result.evidenceCodes?.[i] }));
}
