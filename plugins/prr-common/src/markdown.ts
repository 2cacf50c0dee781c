import type { EntityPrr, ItemStatus } from './types';

const MARK: Record<ItemStatus, string> = {
  pass: '[x]',
  fail: '[ ]',
  pending: '[ ]',
  unknown: '[ ]',
  'not-applicable': '[-]',
};

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The review as a Markdown checklist (English titles), with evidence and answers per item. */
export function prrMarkdown(prr: EntityPrr, lang: 'en' | 'ja' = 'en'): string {
  const lines: string[] = [];
  lines.push(`# Production readiness review: ${prr.title ?? prr.entityRef}`);
  lines.push('');
  lines.push(`- Entity: \`${prr.entityRef}\``);
  if (prr.owner) lines.push(`- Owner: ${prr.owner}`);
  lines.push(
    `- Tier: ${prr.tier ?? 'untiered (no SLO: tier C items apply)'}${
      prr.objective !== undefined ? ` (SLO ${prr.objective} %)` : ''
    }`,
  );
  lines.push(`- Score: ${prr.score} % (${prr.progress.passed}/${prr.progress.total} items pass)`);
  if (prr.review) {
    lines.push(`- Review: ${prr.review.status} (author ${prr.review.author})`);
    if (prr.review.decidedBy) lines.push(`- Decided by: ${prr.review.decidedBy} at ${prr.review.decidedAt}`);
    if (prr.review.status === 'drifted') {
      lines.push(`- Drifted at ${prr.review.driftedAt}: ${(prr.review.driftedItems ?? []).join(', ')}`);
    }
  } else {
    lines.push('- Review: not started');
  }
  if (prr.evaluatedAt) lines.push(`- Evaluated at: ${prr.evaluatedAt}`);
  for (const section of prr.sections) {
    lines.push('');
    lines.push(
      `## ${section.title[lang]} (${section.progress.passed}/${section.progress.total})`,
    );
    lines.push('');
    for (const item of section.items) {
      const how = item.kind === 'automatic' ? `auto: ${item.check}` : 'manual';
      lines.push(`- ${MARK[item.status]} **${oneLine(item.title[lang])}** — ${item.status} (${how})`);
      for (const e of item.result?.evidence ?? []) lines.push(`  - ${oneLine(e)}`);
      const m = item.manual;
      if (m?.state === 'done') {
        if (m.evidenceUrl) lines.push(`  - Evidence: ${m.evidenceUrl}`);
        if (m.evidenceText) lines.push(`  - Evidence: ${oneLine(m.evidenceText)}`);
        lines.push(`  - By ${m.updatedBy} at ${m.updatedAt}`);
      } else if (m?.state === 'not-applicable') {
        lines.push(`  - Not applicable: ${oneLine(m.reason ?? '')} (${m.updatedBy})`);
      }
      for (const c of item.comments) {
        lines.push(`  - Comment by ${c.author} (${c.createdAt}): ${oneLine(c.text)}`);
      }
    }
  }
  lines.push('');
  return lines.join('\n');
}
