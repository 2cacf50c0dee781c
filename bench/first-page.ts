/*
 * First page, as a newcomer lives it: a fresh browser (empty cache) opens the portal, signs in
 * as guest and waits for the first row of the catalog table. Measures the time from navigation
 * to that row and the JavaScript transferred (encoded bytes on the wire), for two portals served
 * by their own backends (the built app, as production serves it), alternating so both see the
 * same machine load:
 *   yarn bench:first-page --before http://localhost:7460 --after http://localhost:7470 [--rounds 7]
 * Start each portal with `bash scripts/e2e-backend.sh <port>` in its own checkout (after
 * `yarn workspace app build`). Prints per portal the median and spread, and after/before ratios.
 * Figures, not assertions.
 */
import { chromium, type Browser } from '@playwright/test';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const ROUNDS = Number(arg('rounds') ?? 7);
const portals = (['before', 'after'] as const)
  .map(label => ({ label, url: arg(label) }))
  .filter((p): p is { label: 'before' | 'after'; url: string } => Boolean(p.url));
if (portals.length === 0) {
  console.error('usage: first-page.ts --before <url> [--after <url>] [--rounds N]');
  process.exit(2);
}

interface Sample {
  ms: number;
  jsBytes: number;
  jsFiles: number;
  allBytes: number;
}

async function once(browser: Browser, url: string): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  let jsBytes = 0;
  let jsFiles = 0;
  let allBytes = 0;
  // Encoded (compressed) size as it crossed the wire, headers included, from the browser itself.
  page.on('requestfinished', async request => {
    const sizes = await request.sizes().catch(() => undefined);
    if (!sizes) return;
    const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
    allBytes += bytes;
    if (request.resourceType() === 'script') {
      jsBytes += bytes;
      jsFiles += 1;
    }
  });
  const t0 = Date.now();
  await page.goto(`${url}/catalog`, { timeout: 120_000 });
  const enter = page.getByRole('button', { name: /^(Enter|入る|サインイン)$/ });
  const row = page.locator('table tbody tr').first();
  // The sign-in page comes first for a fresh browser; a kept session goes straight to the table.
  await Promise.race([
    enter.waitFor({ timeout: 120_000 }).then(() => enter.click()),
    row.waitFor({ timeout: 120_000 }),
  ]);
  await row.waitFor({ timeout: 120_000 });
  const ms = Date.now() - t0;
  // Let the requests that finished with the row report their sizes.
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
  await context.close();
  return { ms, jsBytes, jsFiles, allBytes };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.PORTAL_CHROMIUM ?? '/usr/bin/chromium',
  });
  const samples = new Map<string, Sample[]>(portals.map(p => [p.label, []]));
  // One warm-up each (the backend's first request compiles and fills its caches).
  for (const p of portals) await once(browser, p.url);
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? [...portals].reverse() : portals;
    for (const p of order) samples.get(p.label)!.push(await once(browser, p.url));
  }
  await browser.close();

  const summary = new Map<string, { ms: number; js: number; all: number }>();
  for (const p of portals) {
    const s = samples.get(p.label)!;
    const ms = s.map(x => x.ms);
    const row = {
      ms: median(ms),
      js: median(s.map(x => x.jsBytes)),
      all: median(s.map(x => x.allBytes)),
    };
    summary.set(p.label, row);
    console.log(
      `${p.label.padEnd(6)} ${p.url}: first row median ${row.ms} ms (min ${Math.min(...ms)}, max ${Math.max(
        ...ms,
      )}, n=${ms.length}); ` + `JS ${row.js} B in ${median(s.map(x => x.jsFiles))} files; all ${row.all} B`,
    );
  }
  const before = summary.get('before');
  const after = summary.get('after');
  if (before && after) {
    const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(1)} %`;
    console.log(
      `after/before: time ${(after.ms / before.ms).toFixed(3)} (${pct(after.ms, before.ms)}), ` +
        `JS ${(after.js / before.js).toFixed(3)} (${pct(after.js, before.js)}), all ${(after.all / before.all).toFixed(
          3,
        )}`,
    );
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
