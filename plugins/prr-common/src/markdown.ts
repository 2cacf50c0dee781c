import { formatEvidence, formatMessage, linesOf } from './evidence';
import type { EntityPrr, ItemStatus, ReviewStatus } from './types';

const MARK: Record<ItemStatus, string> = {
  pass: '[x]',
  fail: '[ ]',
  pending: '[ ]',
  unknown: '[ ]',
  'not-applicable': '[-]',
};

/** The export's own words, per language (the evidence comes from ./evidence). */
const TEXT = {
  en: {
    title: 'Production readiness review: {{name}}',
    entity: 'Entity',
    owner: 'Owner',
    tier: 'Tier',
    untiered: 'untiered (no SLO: tier C items apply)',
    slo: '(SLO {{objective}} %)',
    score: 'Score',
    scoreValue: '{{score}} % ({{passed}}/{{total}} items pass)',
    review: 'Review',
    reviewValue: '{{status}} (author {{author}})',
    notStarted: 'not started',
    decided: 'Decided by',
    decidedValue: '{{user}} at {{time}}',
    drifted: 'Drifted at {{time}}',
    evaluatedAt: 'Evaluated at',
    auto: 'auto: {{check}}',
    manual: 'manual',
    evidence: 'Evidence',
    by: 'By {{user}} at {{time}}',
    notApplicable: 'Not applicable: {{reason}} ({{user}})',
    comment: 'Comment by {{user}} ({{time}})',
    status: {
      pass: 'pass',
      fail: 'fail',
      pending: 'pending',
      unknown: 'unknown',
      'not-applicable': 'not-applicable',
    } as Record<ItemStatus, string>,
    reviewStatus: {
      draft: 'draft',
      in_review: 'in_review',
      approved: 'approved',
      changes_requested: 'changes_requested',
      drifted: 'drifted',
    } as Record<ReviewStatus, string>,
  },
  ja: {
    title: '本番準備レビュー: {{name}}',
    entity: 'エンティティ',
    owner: 'オーナー',
    tier: 'ティア',
    untiered: 'ティアなし（SLO がないため、ティア C の項目が適用されます）',
    slo: '（SLO {{objective}} %）',
    score: 'スコア',
    scoreValue: '{{score}} %（{{total}} 項目中 {{passed}} 項目が合格）',
    review: 'レビュー',
    reviewValue: '{{status}}（作成者 {{author}}）',
    notStarted: '未開始',
    decided: '判定者',
    decidedValue: '{{user}}（{{time}}）',
    drifted: '{{time}} にドリフト',
    evaluatedAt: '評価日時',
    auto: '自動: {{check}}',
    manual: '手動',
    evidence: 'エビデンス',
    by: '{{user}}（{{time}}）',
    notApplicable: '対象外: {{reason}}（{{user}}）',
    comment: '{{user}} のコメント（{{time}}）',
    status: {
      pass: '合格',
      fail: '不合格',
      pending: '未対応',
      unknown: '不明',
      'not-applicable': '対象外',
    } as Record<ItemStatus, string>,
    reviewStatus: {
      draft: '下書き',
      in_review: 'レビュー中',
      approved: '承認済み',
      changes_requested: '修正依頼',
      drifted: 'ドリフト',
    } as Record<ReviewStatus, string>,
  },
};

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The review as a Markdown checklist in one language: headings, item titles, statuses and the
 * evidence of the automatic checks in English or Japanese. What people wrote (answers, comments)
 * stays as written.
 */
export function prrMarkdown(prr: EntityPrr, lang: 'en' | 'ja' = 'en'): string {
  const w = TEXT[lang];
  const f = formatMessage;
  const lines: string[] = [];
  lines.push(`# ${f(w.title, { name: prr.title ?? prr.entityRef })}`);
  lines.push('');
  lines.push(`- ${w.entity}: \`${prr.entityRef}\``);
  if (prr.owner) lines.push(`- ${w.owner}: ${prr.owner}`);
  lines.push(
    `- ${w.tier}: ${prr.tier ?? w.untiered}${
      prr.objective !== undefined ? ` ${f(w.slo, { objective: prr.objective })}` : ''
    }`,
  );
  lines.push(
    `- ${w.score}: ${f(w.scoreValue, { score: prr.score, passed: prr.progress.passed, total: prr.progress.total })}`,
  );
  if (prr.review) {
    lines.push(
      `- ${w.review}: ${f(w.reviewValue, { status: w.reviewStatus[prr.review.status], author: prr.review.author })}`,
    );
    if (prr.review.decidedBy) {
      lines.push(
        `- ${w.decided}: ${f(w.decidedValue, { user: prr.review.decidedBy, time: prr.review.decidedAt ?? '' })}`,
      );
    }
    if (prr.review.status === 'drifted') {
      lines.push(
        `- ${f(w.drifted, { time: prr.review.driftedAt ?? '' })}: ${(prr.review.driftedItems ?? []).join(', ')}`,
      );
    }
  } else {
    lines.push(`- ${w.review}: ${w.notStarted}`);
  }
  if (prr.evaluatedAt) lines.push(`- ${w.evaluatedAt}: ${prr.evaluatedAt}`);
  for (const section of prr.sections) {
    lines.push('');
    lines.push(`## ${section.title[lang]} (${section.progress.passed}/${section.progress.total})`);
    lines.push('');
    for (const item of section.items) {
      const how = item.kind === 'automatic' ? f(w.auto, { check: item.check ?? '' }) : w.manual;
      lines.push(`- ${MARK[item.status]} **${oneLine(item.title[lang])}** — ${w.status[item.status]} (${how})`);
      for (const e of item.result ? linesOf(item.result) : []) {
        lines.push(`  - ${oneLine(formatEvidence(e.code, lang, e.text))}`);
      }
      const m = item.manual;
      if (m?.state === 'done') {
        if (m.evidenceUrl) lines.push(`  - ${w.evidence}: ${m.evidenceUrl}`);
        if (m.evidenceText) lines.push(`  - ${w.evidence}: ${oneLine(m.evidenceText)}`);
        lines.push(`  - ${f(w.by, { user: m.updatedBy, time: m.updatedAt })}`);
      } else if (m?.state === 'not-applicable') {
        lines.push(`  - ${f(w.notApplicable, { reason: oneLine(m.reason ?? ''), user: m.updatedBy })}`);
      }
      for (const c of item.comments) {
        lines.push(`  - ${f(w.comment, { user: c.author, time: c.createdAt })}: ${oneLine(c.text)}`);
      }
    }
  }
  lines.push('');
  return lines.join('\n');
}
