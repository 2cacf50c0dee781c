import { expect, type Page } from '@playwright/test';

/**
 * The pages a walk of the portal visits (languageWalk.test.ts, which checks each page's language
 * and accessibility on one visit): every page of the sidebar and each page's tabs, the search and
 * settings pages, every tab of a service's entity page, a group and a user page.
 */

export const COMPONENT = '/catalog/default/component/recommendation-service';
const EXTRA_PAGES = [COMPONENT, '/catalog/default/group/team-platform', '/catalog/default/user/sato.yuki'];

export type Lang = 'en' | 'ja';

export async function signIn(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.locator('nav a[href="/catalog"]').first()).toBeVisible();
}

/** Waits until the page has its data: no request running and no progress bar left. */
export async function settle(page: Page) {
  // On a busy machine the app may not have started rendering when the network goes quiet: wait
  // for the sidebar and the page's heading (an entity page's header) first.
  await expect
    .poll(() => page.locator('nav a[href]').count(), { timeout: 30_000 })
    .toBeGreaterThan(8)
    .catch(() => undefined);
  await page
    .locator('main h1, main h2, header h1, h1')
    .first()
    .waitFor({ timeout: 30_000 })
    .catch(() => undefined);
  if (new URL(page.url()).pathname.startsWith('/catalog/')) {
    await page
      .locator('[role="tab"], [role="tablist"] a')
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(() => undefined);
  }
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
  await expect(page.locator('[role="progressbar"]'))
    .toHaveCount(0, { timeout: 20_000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
}

/** The tabs of the current page that lead below `path`. */
async function tabsUnder(page: Page, path: string): Promise<string[]> {
  const hrefs = await page.evaluate(() =>
    Array.from(
      document.querySelectorAll('[role="tab"][href], [role="tablist"] a[href], a[class*="HeaderNavItem"][href]'),
    ).map(a => a.getAttribute('href')!),
  );
  return [...new Set(hrefs.map(h => new URL(h, 'http://x').pathname))].filter(
    h => h !== path && h.startsWith(`${path}/`),
  );
}

/**
 * Visits every page of the walk once, in order, calling `visit(path)` for each (it navigates and
 * waits for the page itself); the tabs of a page are read after its visit. Returns the pages.
 */
export async function walkPages(page: Page, visit: (path: string) => Promise<void>): Promise<string[]> {
  await page.goto('/');
  await settle(page);
  const sidebar = await page.evaluate(() =>
    Array.from(document.querySelectorAll('nav a[href]')).map(
      a => new URL(a.getAttribute('href')!, location.href).pathname,
    ),
  );
  const pages = [...new Set(['/', ...sidebar, '/search', '/settings', ...EXTRA_PAGES])];
  expect(pages.length, 'sidebar pages').toBeGreaterThan(8);
  const seen = new Set<string>();
  for (const path of pages) {
    if (seen.has(path)) continue;
    seen.add(path);
    await visit(path);
    for (const tab of await tabsUnder(page, path)) {
      if (seen.has(tab)) continue;
      seen.add(tab);
      await visit(tab);
    }
  }
  expect([...seen].filter(p => p.startsWith(`${COMPONENT}/`)).length, "the service's tabs").toBeGreaterThan(3);
  return [...seen];
}
