import type { WeeklyReview } from '@internal/plugin-slo-common';

const percent = (ratio: number, digits = 3) =>
  `${(ratio * 100).toFixed(digits)} %`;

/** The weekly review as a Markdown table; weeks below the objective in bold. */
export function weeklyReviewMarkdown(review: WeeklyReview): string {
  const weeks = review.weeks.map(w => w.slice(5, 10));
  const last = review.weeks[review.weeks.length - 1];
  const lines = [
    `# SLO weekly review`,
    '',
    `Weekly SLI (good / total requests of the SLO endpoints) of the ${review.weeks.length} weeks from ` +
      `${review.weeks[0]?.slice(0, 10) ?? '-'} to the week of ${
        last?.slice(0, 10) ?? '-'
      } (weeks start Monday 00:00 JST). ` +
      'Bold: below the objective; no data: not one request that week (never counted as met).',
    '',
    `| Service | Owner | Objective | ${weeks.join(' | ')} |`,
    `|---|---|---:|${weeks.map(() => '---:').join('|')}|`,
  ];
  for (const row of review.rows) {
    const cells = row.attainment.map(a => {
      if (a === null) return 'no data';
      const text = percent(a);
      return a * 100 < row.objective ? `**${text}**` : text;
    });
    const owner = row.owner?.replace(/^group:default\//, '') ?? '';
    lines.push(
      `| ${row.name} | ${owner} | ${row.objective} % | ${cells.join(' | ')} |`,
    );
  }
  const withoutData = review.rows.filter(r => r.noData);
  if (withoutData.length) {
    lines.push('', '## No data', '');
    for (const r of withoutData)
      lines.push(`- ${r.name}: ${r.noData!.reason}`);
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
  const header = [
    'entityRef',
    'name',
    'owner',
    'objective',
    ...review.weeks.map(w => w.slice(0, 10)),
    'noData',
  ];
  const rows = review.rows.map(r => [
    r.entityRef,
    r.name,
    r.owner ?? '',
    r.objective,
    ...r.attainment.map(a => (a === null ? '' : (a * 100).toFixed(4))),
    r.noData ? `no data: ${r.noData.reason}` : '',
  ]);
  return `${[header, ...rows]
    .map(r => r.map(csvField).join(','))
    .join('\r\n')}\r\n`;
}
