import { timelineText } from './messages';
import { DEFAULT_TEMPLATES, escapeInline, formatDuration } from './template';
import type { ActionItem, Postmortem, PostmortemLanguage, SloImpact, TimelineEntry } from './types';

const LABELS: Record<PostmortemLanguage, Record<string, string>> = {
  en: {
    time: 'Time (UTC)',
    event: 'Event',
    source: 'Source',
    noTimeline: '_No timeline entries yet._',
    slo: 'SLO',
    bad: 'Bad requests',
    total: 'Requests',
    budget: 'Error budget consumed',
    peak: 'Peak burn rate',
    endpoints: 'Affected endpoints',
    noImpact: '_No SLO impact computed._',
    title: 'Action item',
    owner: 'Owner',
    priority: 'Priority',
    due: 'Due',
    status: 'Status',
    noItems: '_No action items yet._',
    severity: 'Severity',
    statusLabel: 'Status',
    entity: 'Service',
    incident: 'Incident',
    duration: 'Duration',
    computed: 'computed',
    'status.draft': 'draft',
    'status.in_review': 'in review',
    'status.published': 'published',
    'item.open': 'open',
    'item.in_progress': 'in progress',
    'item.done': 'done',
  },
  ja: {
    time: '時刻 (UTC)',
    event: '出来事',
    source: 'ソース',
    noTimeline: '_タイムラインはまだありません。_',
    slo: 'SLO',
    bad: '不良リクエスト',
    total: 'リクエスト',
    budget: '消費したエラーバジェット',
    peak: 'ピークバーンレート',
    endpoints: '影響を受けたエンドポイント',
    noImpact: '_SLO への影響は計算されていません。_',
    title: 'アクションアイテム',
    owner: '担当',
    priority: '優先度',
    due: '期限',
    status: '状態',
    noItems: '_アクションアイテムはまだありません。_',
    severity: '重大度',
    statusLabel: '状態',
    entity: 'サービス',
    incident: 'インシデント',
    duration: '期間',
    computed: '計算日時',
    'status.draft': '下書き',
    'status.in_review': 'レビュー中',
    'status.published': '公開済み',
    'item.open': '未着手',
    'item.in_progress': '対応中',
    'item.done': '完了',
  },
};

const cell = (text: string) => escapeInline(text);
const utc = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');

export function timelineMarkdown(entries: TimelineEntry[], language: PostmortemLanguage): string {
  const l = LABELS[language];
  if (!entries.length) return l.noTimeline;
  const rows = [...entries]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map(
      e =>
        `| ${utc(e.at)} | ${e.keyMoment ? '**' : ''}${cell(timelineText(e, language))}${e.keyMoment ? '**' : ''} | ${
          e.source
        } |`,
    );
  return [`| ${l.time} | ${l.event} | ${l.source} |`, '|---|---|---|', ...rows].join('\n');
}

const pct = (r: number) => `${(r * 100).toFixed(r < 0.01 ? 2 : 1)} %`;

export function sloImpactMarkdown(impact: SloImpact | undefined, language: PostmortemLanguage): string {
  const l = LABELS[language];
  if (!impact || !impact.slos.length) return impact?.error ? `${l.noImpact} (${cell(impact.error)})` : l.noImpact;
  const rows = impact.slos.map(
    s =>
      `| ${cell(s.name)} ${s.objective} % | ${s.bad} | ${s.total} | ${pct(
        s.budgetConsumedRatio,
      )} | ${s.peakBurnRate.toFixed(1)}× |`,
  );
  const endpoints = impact.slos.flatMap(s =>
    s.endpoints
      .filter(e => e.bad > 0)
      .sort((a, b) => b.bad - a.bad)
      .map(e => `| ${cell(e.resource)} | ${e.bad} | ${e.total} |`),
  );
  return [
    `| ${l.slo} | ${l.bad} | ${l.total} | ${l.budget} | ${l.peak} |`,
    '|---|---|---|---|---|',
    ...rows,
    '',
    ...(endpoints.length ? [`| ${l.endpoints} | ${l.bad} | ${l.total} |`, '|---|---|---|', ...endpoints, ''] : []),
    `_${utc(impact.from)} – ${utc(impact.to)} UTC, ${l.computed} ${utc(impact.computedAt)}_`,
  ].join('\n');
}

export function actionItemsMarkdown(items: ActionItem[], language: PostmortemLanguage): string {
  const l = LABELS[language];
  if (!items.length) return l.noItems;
  return [
    `| ${l.title} | ${l.owner} | ${l.priority} | ${l.due} | ${l.status} |`,
    '|---|---|---|---|---|',
    ...items.map(
      i =>
        `| ${cell(i.title)} | ${cell(i.ownerRef)} | ${i.priority} | ${i.dueDate ?? '—'} | ${
          l[`item.${i.status}`] ?? i.status
        } |`,
    ),
  ].join('\n');
}

/** The headings of the default templates, line by line: `## Summary` ↔ `## 概要`. */
const headingsOf = (template: string) => template.split('\n').filter(line => line.startsWith('#'));
const TEMPLATE_HEADINGS: Record<PostmortemLanguage, string[]> = {
  en: headingsOf(DEFAULT_TEMPLATES.en),
  ja: headingsOf(DEFAULT_TEMPLATES.ja),
};

/**
 * The document with the default template's headings in `language`: a line that is exactly a
 * heading of the other language's default template becomes the same heading of this one. What
 * people wrote is left as written.
 */
function translateHeadings(document: string, from: PostmortemLanguage, to: PostmortemLanguage): string {
  if (from === to) return document;
  const map = new Map(TEMPLATE_HEADINGS[from].map((h, i) => [h, TEMPLATE_HEADINGS[to][i]] as const));
  return document
    .split('\n')
    .map(line => map.get(line.trimEnd()) ?? line)
    .join('\n');
}

/**
 * The document with the live markers replaced by the current timeline, SLO impact and action
 * items, their headings and labels in `language` (default: the postmortem's own language).
 */
export function renderDocument(
  pm: Pick<Postmortem, 'document' | 'language' | 'timeline' | 'impact' | 'actionItems'>,
  language: PostmortemLanguage = pm.language,
): string {
  return translateHeadings(pm.document, pm.language, language).replace(
    /^[ \t]*\{\{\s*(sloImpact|timeline|actionItems)\s*\}\}[ \t]*$/gm,
    (_whole, key: string) => {
      if (key === 'timeline') return timelineMarkdown(pm.timeline, language);
      if (key === 'sloImpact') return sloImpactMarkdown(pm.impact, language);
      return actionItemsMarkdown(pm.actionItems, language);
    },
  );
}

/**
 * The whole postmortem as one Markdown file (`GET /postmortems/{id}/export.md?lang=`): labels,
 * tables, PagerDuty sentences and the default template's headings in `language` (default: the
 * postmortem's own language); what people wrote stays as written.
 */
export function exportMarkdown(pm: Postmortem, language: PostmortemLanguage = pm.language): string {
  const l = LABELS[language];
  const duration =
    pm.startedAt && pm.endedAt
      ? formatDuration((Date.parse(pm.endedAt) - Date.parse(pm.startedAt)) / 1000, language)
      : undefined;
  const meta = [
    `- ${l.entity}: ${cell(pm.entityRef)}`,
    `- ${l.severity}: ${pm.severity}`,
    `- ${l.statusLabel}: ${l[`status.${pm.status}`] ?? pm.status}`,
    ...(pm.incidentIds.length ? [`- ${l.incident}: ${pm.incidentIds.map(cell).join(', ')}`] : []),
    ...(duration ? [`- ${l.duration}: ${duration}`] : []),
  ];
  return `# ${cell(pm.title)}\n\n${meta.join('\n')}\n\n${renderDocument(pm, language).trim()}\n`;
}

/**
 * Whether a link or image URL may be kept: http(s), mailto, relative and fragment links only.
 * Control characters and whitespace are removed before the scheme is read, so obfuscations such
 * as `java\tscript:` or entity-decoded `javascript&#58;` do not pass.
 */
export function isSafeUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  // eslint-disable-next-line no-control-regex
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact);
  if (!scheme) return true; // relative, fragment or protocol-relative
  return ['http', 'https', 'mailto'].includes(scheme[1]);
}
