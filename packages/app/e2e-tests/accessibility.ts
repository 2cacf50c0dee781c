import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Lang } from './walkPages';

/**
 * Accessibility of one page of the walk (languageWalk.test.ts checks it on the same visit as the
 * page's language): axe-core against WCAG 2.0 and 2.1 A and AA; serious and critical violations
 * count, listed by page, rule and element.
 */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Elements left out of the check: only what Backstage's own components render and the app
 * cannot change, each with the reason (`paths`/`lang` narrow an exclusion to pages or a language).
 * Selectors use Material UI's global class names (`Mui…`) and attributes only: the production
 * build names the classes of makeStyles sheets `jss<n>`, so `PluginCatalog…` classes match nothing.
 */
const EXCLUDED: { selector: string; why: string; paths?: string[]; lang?: Lang }[] = [
  {
    selector: 'a.bui-Tab[aria-controls]',
    why: "Backstage UI's page-header tabs are links to routes, but keep aria-controls naming a tab panel that is never rendered (aria-valid-attr-value)",
  },
  {
    selector: 'th > .MuiTableSortLabel-root',
    why: "the catalog's and the API explorer's tables (Backstage's CatalogTable, whose page takes no table options) let columns be dragged: each header's sort button (role=button) wraps an unnamed, focusable drag handle (nested-interactive); the portal's own tables turn dragging off",
    paths: ['/catalog', '/api-docs'],
  },
  {
    selector: '[data-rbd-drag-handle-draggable-id]',
    why: "the notifications table (Backstage's) lets its unsorted columns be dragged: each header is an unnamed role=button drag handle (aria-command-name)",
    paths: ['/notifications'],
  },
  {
    selector: '[data-testid="loading-indicator"]',
    why: "the catalog table's title shows an unnamed spinner (Backstage's CatalogTable, a bare CircularProgress) while its counts load, seen when the check runs before they arrive (aria-progressbar-name)",
    paths: ['/catalog'],
  },
  {
    selector: '.MuiAutocomplete-root[aria-label] input',
    why: "the catalog graph's kind and relation filters put their aria-label on the Autocomplete's wrapper, not on its input (label)",
    paths: ['/catalog-graph'],
  },
  {
    selector: 'li.MuiListItem-alignItemsFlexStart',
    why: "Backstage's search page renders its result list items without a list around them (listitem)",
    paths: ['/search'],
  },
  {
    selector: 'nav[aria-label="pagination navigation"] button',
    why: 'the search pager\'s buttons have English aria-labels ("next page") fixed in Backstage, so in Japanese they do not contain the visible 次へ/前へ (label-content-name-mismatch)',
    paths: ['/search'],
    lang: 'ja',
  },
  {
    selector: 'pre',
    why: "the feature-flags page's example code (Backstage's CodeSnippet): syntax colours under 4.5:1 and a scrolling block without a focusable element",
    paths: ['/settings/feature-flags'],
  },
];

export type Violation = { path: string; rule: string; impact: string; target: string; help: string };

/** The serious and critical violations on the page now shown (already navigated and settled). */
export async function axeViolations(page: Page, path: string, lang: Lang): Promise<Violation[]> {
  // Legacy mode: axe.run in the page, without a blank page opened per check to combine frames
  // (the portal has no cross-origin frames); details only for violations (not for passes).
  let builder = new AxeBuilder({ page })
    .withTags(TAGS)
    .options({ resultTypes: ['violations'] })
    .setLegacyMode(true);
  for (const e of EXCLUDED)
    if ((!e.paths || e.paths.includes(path)) && (!e.lang || e.lang === lang)) builder = builder.exclude(e.selector);
  const result = await builder.analyze();
  const violations: Violation[] = [];
  for (const v of result.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    for (const node of v.nodes) {
      violations.push({ path, rule: v.id, impact: v.impact, target: node.target.join(' '), help: v.help });
    }
  }
  return violations;
}

/** Violations counted by rule, e.g. `{ 'nested-interactive': 3 }`. */
export function byRule(violations: Violation[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of violations) counts[v.rule] = (counts[v.rule] ?? 0) + 1;
  return counts;
}

export function violationReport(violations: Violation[]): string {
  return violations.map(v => `${v.path}: ${v.rule} (${v.impact}) ${v.target} — ${v.help}`).join('\n');
}
