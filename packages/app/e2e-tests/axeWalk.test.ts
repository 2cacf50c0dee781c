import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { settle, signIn, walkPages, type Lang } from './walkPages';

/**
 * Accessibility: every page of the language walk (walkPages.ts), in English and in Japanese, is
 * checked by axe-core against WCAG 2.0 and 2.1 A and AA; a serious or critical violation fails
 * the test, listed by page, rule and element.
 */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Elements left out of the check: only what Backstage's own components render and the app
 * cannot change, each with the reason (`path`/`lang` narrow an exclusion to a page or a language).
 */
const EXCLUDED: { selector: string; why: string; path?: string; lang?: Lang }[] = [
  {
    selector: 'a.bui-Tab[aria-controls]',
    why: "Backstage UI's page-header tabs are links to routes, but keep aria-controls naming a tab panel that is never rendered (aria-valid-attr-value)",
  },
  {
    selector: '[data-rbd-drag-handle-draggable-id]',
    why: "the column-reordering handles of Backstage's tables (material-table, catalog, API docs, notifications): an unnamed role=button around each header's sort button (nested-interactive, aria-command-name); the portal's own tables turn dragging off",
  },
  {
    selector: '[class*="PluginCatalogGraphSelected"] input',
    why: "the catalog graph's kind and relation filters put their aria-label on the Autocomplete's wrapper, not on its input (label)",
    path: '/catalog-graph',
  },
  {
    selector: 'li.MuiListItem-alignItemsFlexStart',
    why: "Backstage's search page renders its result list items without a list around them (listitem)",
    path: '/search',
  },
  {
    selector: 'nav[aria-label="pagination navigation"] button',
    why: 'the search pager\'s buttons have English aria-labels ("next page") fixed in Backstage, so in Japanese they do not contain the visible 次へ/前へ (label-content-name-mismatch)',
    path: '/search',
    lang: 'ja',
  },
  {
    selector: 'pre',
    why: "the feature-flags page's example code (Backstage's CodeSnippet): syntax colours under 4.5:1 and a scrolling block without a focusable element",
    path: '/settings/feature-flags',
  },
];

type Violation = { path: string; rule: string; impact: string; target: string; help: string };

async function check(page: Page, path: string, lang: Lang, violations: Violation[]) {
  await page.goto(path);
  await settle(page);
  expect(await page.evaluate(() => document.documentElement.lang), `language of ${path}`).toBe(lang);
  // Legacy mode: axe.run in the page, without a blank page opened per check to combine frames
  // (the portal has no cross-origin frames); details only for violations (not for passes).
  let builder = new AxeBuilder({ page }).withTags(TAGS).options({ resultTypes: ['violations'] }).setLegacyMode(true);
  for (const e of EXCLUDED) if ((!e.path || e.path === path) && (!e.lang || e.lang === lang)) builder = builder.exclude(e.selector);
  const result = await builder.analyze();
  for (const v of result.violations) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    for (const node of v.nodes) {
      violations.push({ path, rule: v.id, impact: v.impact, target: node.target.join(' '), help: v.help });
    }
  }
  const dir = process.env.AXE_WALK_SHOTS;
  if (dir) {
    const slug = path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home';
    await page.screenshot({ path: `${dir}/${lang}-${slug}.png`, fullPage: true });
  }
}

async function axeWalk(page: Page, lang: Lang) {
  const violations: Violation[] = [];
  const started = Date.now();
  const pages = await walkPages(page, path => check(page, path, lang, violations));
  const byRule = new Map<string, number>();
  for (const v of violations) byRule.set(v.rule, (byRule.get(v.rule) ?? 0) + 1);
  console.log(`axe walk (${lang}): ${pages.length} pages in ${Math.round((Date.now() - started) / 1000)} s, ${violations.length} serious or critical violations`, Object.fromEntries(byRule));
  const report = violations.map(v => `${v.path}: ${v.rule} (${v.impact}) ${v.target} — ${v.help}`).join('\n');
  expect(violations, `serious or critical accessibility violations (${lang}):\n${report}`).toEqual([]);
}

test.describe.configure({ timeout: 600_000 });

// Not yet part of `npm test`: on this 2-core machine the walk takes 5–10 min per language and still
// finds serious violations (issue 15 stays open for it). Run it with PORTAL_AXE_WALK=1.
test.skip(!process.env.PORTAL_AXE_WALK, 'the accessibility walk runs with PORTAL_AXE_WALK=1');

test('in English, no page has a serious or critical accessibility violation', async ({ page }) => {
  await signIn(page);
  await page.evaluate(() => window.localStorage.setItem('language', 'en'));
  await axeWalk(page, 'en');
});

test('in Japanese, no page has a serious or critical accessibility violation', async ({ page }) => {
  await signIn(page);
  await page.evaluate(() => window.localStorage.setItem('language', 'ja'));
  await axeWalk(page, 'ja');
});
