import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Secrets stay in the backend. `npm test` builds the app and starts the browser-test backend with
 * secrets configured (a session secret, a static access token, a GitHub token, all containing
 * PORTAL_TEST_SECRET_SENTINEL); this test proves the backend uses them and that none of them is in
 * the built bundle, in anything the backend sends to a signed-in browser, or in the backend's log.
 */
const sentinel = process.env.PORTAL_TEST_SECRET_SENTINEL;
const root = path.resolve(__dirname, '../../..');
const port = Number(process.env.PORTAL_E2E_PORT ?? 7017);

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

test.describe('secrets', () => {
  test.skip(!sentinel, 'PORTAL_TEST_SECRET_SENTINEL is set by npm test, which configures the secrets');

  test('are in effect in the backend and absent from the bundle, the browser and the log', async ({
    page,
    request,
    baseURL,
  }) => {
    // In effect: the static access token configured with the sentinel opens the catalog API.
    const withToken = await request.get(`${baseURL}/api/catalog/entities?limit=1`, {
      headers: { Authorization: `Bearer ${sentinel}-static` },
    });
    expect(withToken.status()).toBe(200);
    const withoutToken = await request.get(`${baseURL}/api/catalog/entities?limit=1`);
    expect(withoutToken.status()).toBe(401);

    // The built bundle: every file under packages/app/dist.
    const dist = path.join(root, 'packages/app/dist');
    const files = filesUnder(dist);
    expect(files.length).toBeGreaterThan(10);
    const leakingFiles = files.filter(f => fs.readFileSync(f).includes(sentinel!));
    expect(leakingFiles).toEqual([]);

    // What the backend serves to a browser: every response of a signed-in session over a few pages,
    // including the runtime config the app backend injects into the page.
    const bodies: string[] = [];
    page.on('response', async response => {
      try {
        bodies.push(await response.text());
      } catch {
        // redirects and aborted requests have no body
      }
    });
    await page.goto('/');
    await page.getByRole('button', { name: 'Enter' }).click();
    await expect(page.getByRole('button', { name: 'Enter' })).toBeHidden();
    for (const route of ['/catalog', '/catalog/default/component/checkout-service', '/infra', '/slo/fleet']) {
      await page.goto(route);
      await page.waitForLoadState('networkidle');
      await expect(page.getByText('Error in app')).toHaveCount(0);
    }
    expect(bodies.length).toBeGreaterThan(20);
    expect(bodies.filter(b => b.includes(sentinel!))).toEqual([]);
    const appConfig = await page.evaluate(() =>
      Array.from(document.querySelectorAll('script[type="backstage.io/config"]')).map(s => s.textContent ?? ''),
    );
    expect(appConfig.join('')).not.toContain(sentinel);

    // The backend's log (scripts/e2e-backend.sh keeps it).
    const log = fs.readFileSync(path.join(root, `.cache/e2e-backend-${port}.log`), 'utf8');
    expect(log.length).toBeGreaterThan(1000);
    expect(log).not.toContain(sentinel);
  });
});
