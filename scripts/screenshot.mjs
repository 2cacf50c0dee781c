// Screenshots of portal pages in headless Chromium, signed in as the guest.
//   node scripts/screenshot.mjs [--base http://localhost:3000] [--out .cache/screens] [--lang ja] /path ...
// Each path is saved as <out>/<name>.png (name from the path). For looking at what you built.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const base = opt('base', 'http://localhost:3000');
const out = opt('out', '.cache/screens');
const lang = opt('lang', 'en');
const paths = args.length ? args : ['/'];
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.PORTAL_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: lang });
await page.addInitScript(l => window.localStorage.setItem('language', l), lang);
const signInIfAsked = async () => {
  const enter = page.getByRole('button', { name: /Enter|入る/ });
  await enter.waitFor({ state: 'visible', timeout: 4000 }).catch(() => undefined);
  if (await enter.isVisible()) await enter.click();
};
for (const p of paths) {
  await page.goto(base + p);
  await signInIfAsked();
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(2500);
  const name = (p.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home') + (lang === 'en' ? '' : `.${lang}`);
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
  console.log(`${p} -> ${join(out, `${name}.png`)}`);
}
await browser.close();
