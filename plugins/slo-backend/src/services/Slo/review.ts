import type { SloNoData, WeeklyReview } from '@internal/plugin-slo-common';

const percent = (ratio: number, digits = 3) => `${(ratio * 100).toFixed(digits)} %`;

/** The Markdown export's own words, per language. */
const TEXT = {
  en: {
    title: 'SLO weekly review',
    intro:
      'Weekly SLI (good / total requests of the SLO endpoints) of the {{weeks}} weeks from {{first}} to the week of {{last}} (weeks start Monday 00:00 JST). ' +
      'Bold: below the objective; no data: not one request that week (never counted as met).',
    service: 'Service',
    owner: 'Owner',
    objective: 'Objective',
    noData: 'no data',
    noDataTitle: 'No data',
  },
  ja: {
    title: 'SLO 週次レビュー',
    intro:
      '{{first}} から {{last}} の週までの {{weeks}} 週間の週次 SLI（SLO エンドポイントの成功リクエスト数 / 全リクエスト数、週は月曜 0:00 JST 始まり）。' +
      '太字: 目標未達。データなし: その週にリクエストが 1 件もない（達成とはみなしません）。',
    service: 'サービス',
    owner: 'オーナー',
    objective: '目標',
    noData: 'データなし',
    noDataTitle: 'データなし',
  },
};

/** Why a service had no data, in Japanese, by `SloNoData.code` (the English sentence is `reason`). */
const NO_DATA_JA: Record<SloNoData['code'], string> = {
  'no-series':
    'Datadog に SLO エンドポイントのシリーズがありません。spec.slo.endpoints のリソース名と datadoghq.com/service-name アノテーションを確認してください。',
  'no-traffic': '期間中、SLO エンドポイントへのリクエストが 1 件もありません。',
  'no-counts': 'Datadog のカウントを読めませんでした。',
  loading: 'Datadog のカウントを初めて読み込んでいるところです。まもなく数値が表示されます。',
};

/** The weekly review as a Markdown table in English or Japanese; weeks below the objective in bold. */
export function weeklyReviewMarkdown(review: WeeklyReview, lang: 'en' | 'ja' = 'en'): string {
  const w = TEXT[lang];
  const weeks = review.weeks.map(x => x.slice(5, 10));
  const last = review.weeks[review.weeks.length - 1];
  const intro = w.intro
    .replace('{{weeks}}', String(review.weeks.length))
    .replace('{{first}}', review.weeks[0]?.slice(0, 10) ?? '-')
    .replace('{{last}}', last?.slice(0, 10) ?? '-');
  const lines = [
    `# ${w.title}`,
    '',
    intro,
    '',
    `| ${w.service} | ${w.owner} | ${w.objective} | ${weeks.join(' | ')} |`,
    `|---|---|---:|${weeks.map(() => '---:').join('|')}|`,
  ];
  for (const row of review.rows) {
    const cells = row.attainment.map(a => {
      if (a === null) return w.noData;
      const text = percent(a);
      return a * 100 < row.objective ? `**${text}**` : text;
    });
    const owner = row.owner?.replace(/^group:default\//, '') ?? '';
    lines.push(`| ${row.name} | ${owner} | ${row.objective} % | ${cells.join(' | ')} |`);
  }
  const withoutData = review.rows.filter(r => r.noData);
  if (withoutData.length) {
    lines.push('', `## ${w.noDataTitle}`, '');
    for (const r of withoutData)
      lines.push(`- ${r.name}: ${lang === 'ja' ? NO_DATA_JA[r.noData!.code] : r.noData!.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The weekly review as CSV: one row per service, the weekly SLI in percent (empty: no request
 * that week), and last `noData`: why, when not one week had a request.
 */
export function weeklyReviewCsv(review: WeeklyReview): string {
  const header = ['entityRef', 'name', 'owner', 'objective', ...review.weeks.map(w => w.slice(0, 10)), 'noData'];
  const rows = review.rows.map(r => [
    r.entityRef,
    r.name,
    r.owner ?? '',
    r.objective,
    ...r.attainment.map(a => (a === null ? '' : (a * 100).toFixed(4))),
    r.noData ? `no data: ${r.noData.reason}` : '',
  ]);
  return `${[header, ...rows].map(r => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
