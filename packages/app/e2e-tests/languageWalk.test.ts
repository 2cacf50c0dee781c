import { expect, test, type Page } from '@playwright/test';
import { axeViolations, byRule, violationReport, type Violation } from './accessibility';
import { ALLOWED_LINES, DATA_NAMES, KUBERNETES_TERMS, PRODUCT_NAMES } from './languageWalk.allowlist';
import { settle, signIn, walkPages, type Lang } from './walkPages';

/**
 * One language per screen: walks every page of the sidebar (and each page's tabs), every tab of
 * a service's entity page, a group and a user page, first in Japanese failing on English UI text,
 * then in English failing on Japanese UI text. Text that comes from the catalog (names, titles,
 * descriptions, tags …) is user data and is not judged.
 *
 * The same visit checks the page's accessibility (accessibility.ts: axe-core, WCAG 2.0/2.1 A and
 * AA): a serious or critical violation fails the walk of that language too.
 *
 * LANGUAGE_WALK_SHOTS=<dir> also saves a full-page screenshot of every page walked.
 * The pages walked are listed in walkPages.ts.
 */

type Finding = { path: string; line: string };
type Results = { findings: Finding[]; violations: Violation[]; axeMs: number };

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9faf]/;
const ENGLISH_WORD = /\b[A-Za-z]{3,}\b/;

/** Every string of every catalog entity (the example organisation), as the catalog holds it. */
async function catalogStrings(baseURL: string): Promise<string[]> {
  const refresh = await fetch(`${baseURL}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  const token = (await refresh.json()).backstageIdentity.token as string;
  const res = await fetch(`${baseURL}/api/catalog/entities`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.ok).toBe(true);
  const out = new Set<string>();
  const collect = (value: unknown, key?: string) => {
    if (key === 'definition') return; // an API's definition is shown as code, not judged
    if (typeof value === 'string') {
      for (const line of value.split('\n')) if (line.trim()) out.add(line.trim());
      // "Yuki Sato (佐藤 優希)": either name is shown on its own too.
      const both = value.match(/^(.+?) \((.+)\)$/);
      if (both) out.add(both[1]).add(both[2]);
    } else if (Array.isArray(value)) value.forEach(v => collect(v));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, k);
  };
  collect(await res.json());
  DATA_NAMES.forEach(name => out.add(name));
  return [...out].sort((a, b) => b.length - a.length);
}

/** The visible text of the page, line by line, without code, inputs and links to entities. */
async function visibleLines(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const entityLink = /\/catalog\/[^/]+\/[^/]+\/[^/?#]+\/?$/;
    const lines: string[] = [];
    const skipped = (el: Element) => {
      if (el.closest('code, pre, textarea, script, style, noscript, svg, [aria-hidden="true"]')) return true;
      const link = el.closest('a[href]');
      if (link && entityLink.test(new URL(link.getAttribute('href')!, location.href).pathname)) return true;
      return !(el as HTMLElement).checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true });
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || skipped(parent)) continue;
      lines.push(...(node.textContent ?? '').split('\n'));
    }
    for (const input of Array.from(
      document.querySelectorAll<HTMLInputElement>('input[placeholder], textarea[placeholder]'),
    )) {
      if (input.checkVisibility?.()) lines.push(input.placeholder);
    }
    return lines.map(l => l.trim()).filter(Boolean);
  });
}

function escape(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const allowedWords = new RegExp(`\\b(${[...PRODUCT_NAMES, ...KUBERNETES_TERMS].map(escape).join('|')})\\b`, 'g');

/** What is left of a line once user data and identifiers are taken out. */
function withoutData(line: string, userData: string[]): string {
  if (isData(line, userData)) return '';
  let s = ` ${line} `;
  for (const u of userData) {
    // A single catalog word ("service", "production") only counts as data when it is the whole text.
    if (u.length >= 3 && /[\s\-_/.:@]/.test(u) && s.includes(u)) s = s.split(u).join(' ');
  }
  return s
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\S+@\S+\.\S+/g, ' ') // e-mail
    .replace(/\S*[A-Za-z0-9][-_/.:@][A-Za-z0-9]\S*/g, ' ') // names, refs, hosts, versions
    .replace(/\S*\d\S*/g, ' '); // numbers, dates, durations
}

/** A catalog value shown whole, maybe capitalised or pluralised ("SERVICES" for type service). */
function isData(line: string, userData: string[]): boolean {
  if (userData.includes(line)) return true;
  if (line !== line.toLocaleUpperCase('en-US')) return false;
  const lower = line.toLocaleLowerCase('en-US');
  return userData.some(u => {
    const v = u.toLocaleLowerCase('en-US');
    return lower === v || lower === `${v}s` || lower === `${v}es`;
  });
}

/** A line in English: no Japanese in it, and an English word left after data and names. */
function englishIn(line: string, userData: string[], path: string): boolean {
  if (JAPANESE.test(line)) return false;
  if (ALLOWED_LINES.some(a => a.pattern.test(line) && (!a.only || a.only === path))) return false;
  // "description : parent group" and the like: judged part by part.
  const parts = line.split(/\s+[:·|/]\s+/);
  if (parts.length > 1) return parts.some(part => englishIn(part, userData, path));
  return ENGLISH_WORD.test(withoutData(line, userData).replace(allowedWords, ' '));
}

function japaneseIn(line: string, userData: string[]): boolean {
  if (userData.includes(line)) return false;
  let s = line;
  for (const u of userData) if (JAPANESE.test(u) && s.includes(u)) s = s.split(u).join(' ');
  return JAPANESE.test(s);
}

async function visit(
  page: Page,
  path: string,
  lang: Lang,
  judge: (line: string, path: string) => boolean,
  results: Results,
) {
  await page.goto(path);
  await settle(page);
  expect(await page.evaluate(() => document.documentElement.lang), `language of ${path}`).toBe(lang);
  for (const line of new Set(await visibleLines(page))) if (judge(line, path)) results.findings.push({ path, line });
  const axeStarted = Date.now();
  results.violations.push(...(await axeViolations(page, path, lang)));
  results.axeMs += Date.now() - axeStarted;
  const dir = process.env.LANGUAGE_WALK_SHOTS;
  if (dir) {
    const slug = path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home';
    await page.screenshot({ path: `${dir}/${lang}-${slug}.png`, fullPage: true });
  }
}

async function walk(page: Page, lang: Lang, judge: (line: string, path: string) => boolean) {
  const results: Results = { findings: [], violations: [], axeMs: 0 };
  const started = Date.now();
  const seen = await walkPages(page, path => visit(page, path, lang, judge, results));
  const { findings, violations } = results;
  // The walk's figures (pages, time, findings by rule) go to the CI log.
  // eslint-disable-next-line no-console
  console.log(
    `language walk (${lang}): ${seen.length} pages in ${Math.round((Date.now() - started) / 1000)} s (axe ${Math.round(
      results.axeMs / 1000,
    )} s), ` +
      `${findings.length} lines in the other language, ${violations.length} serious or critical accessibility violations`,
    byRule(violations),
  );
  // Both lists are reported when both fail.
  expect
    .soft(violations, `serious or critical accessibility violations (${lang}):\n${violationReport(violations)}`)
    .toEqual([]);
  return findings;
}

function report(findings: Finding[]) {
  return findings.map(f => `${f.path}: ${JSON.stringify(f.line)}`).join('\n');
}

test.describe.configure({ timeout: 900_000 });

test('in Japanese, no screen shows English UI text or has a serious accessibility violation', async ({
  page,
  baseURL,
}) => {
  const userData = await catalogStrings(baseURL!);
  await signIn(page);
  await page.goto('/settings');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('option', { name: '日本語' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');

  const findings = await walk(page, 'ja', (line, path) => englishIn(line, userData, path));
  expect(findings, `English on Japanese screens:\n${report(findings)}`).toEqual([]);
});

test('in English, no screen shows Japanese UI text or has a serious accessibility violation', async ({
  page,
  baseURL,
}) => {
  const userData = await catalogStrings(baseURL!);
  await signIn(page);
  await page.evaluate(() => window.localStorage.setItem('language', 'en'));

  const findings = await walk(page, 'en', line => japaneseIn(line, userData));
  expect(findings, `Japanese on English screens:\n${report(findings)}`).toEqual([]);
});
