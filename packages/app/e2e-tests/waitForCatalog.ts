/**
 * Playwright global setup: the browser-test backend ingests the example company from the sandbox's
 * GitHub organisation (discovery and org providers), which takes a while after the backend is
 * ready. The tests start once the catalog holds what they look at (at most 3 minutes).
 *
 * The second backend, on the company-scale world (scripts/e2e-backend.sh <port> company, started by
 * playwright.config.ts when PORTAL_E2E_URL is unset), is waited for at the same time until its
 * catalog holds the whole company (companyWorld.test.ts).
 */
const NEEDED = [
  'component/default/checkout-service',
  'component/default/deploy-bot',
  'user/default/guest',
  'group/default/team-platform',
];

/** The company world: 150 services (examples/ plus generated), some of them by name. */
const COMPANY_COMPONENTS = 150;
const COMPANY_NEEDED = [
  'component/default/support-labels',
  'component/default/marketing-campaigns',
  'user/default/guest',
  'group/default/team-support',
];

async function guestToken(base: string): Promise<string | undefined> {
  const refresh = await fetch(`${base}/api/auth/guest/refresh`, { headers: { 'x-requested-with': 'XMLHttpRequest' } });
  return refresh.ok ? ((await refresh.json()).backstageIdentity.token as string) : undefined;
}

async function missingEntities(base: string, token: string, refs: string[]) {
  const found = await Promise.all(
    refs.map(ref =>
      fetch(`${base}/api/catalog/entities/by-name/${ref}`, { headers: { Authorization: `Bearer ${token}` } }).then(
        r => r.ok,
        () => false,
      ),
    ),
  );
  return refs.filter((_, i) => !found[i]);
}

async function waitForExample() {
  const port = Number(process.env.PORTAL_E2E_PORT ?? 7017);
  const base = process.env.PORTAL_E2E_URL ?? `http://localhost:${port}`;
  const deadline = Date.now() + 180_000;
  let missing = NEEDED;
  while (Date.now() < deadline) {
    try {
      const token = await guestToken(base);
      if (token) {
        missing = await missingEntities(base, token, NEEDED);
        if (missing.length === 0) return;
      }
    } catch {
      // the backend is still starting
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`the example catalog was not ingested within 3 minutes: missing ${missing.join(', ')}`);
}

async function waitForCompany(base: string) {
  const deadline = Date.now() + 240_000;
  let state = 'the backend did not answer';
  while (Date.now() < deadline) {
    try {
      const token = await guestToken(base);
      if (token) {
        const res = await fetch(`${base}/api/catalog/entities/by-query?filter=kind=component&limit=1`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        const components = res.ok ? Number((await res.json()).totalItems ?? 0) : 0;
        const missing = await missingEntities(base, token, COMPANY_NEEDED);
        state = `${components} of ${COMPANY_COMPONENTS} components${
          missing.length ? `, missing ${missing.join(', ')}` : ''
        }`;
        if (components >= COMPANY_COMPONENTS && missing.length === 0) return;
      }
    } catch {
      // the backend is still starting
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`the company catalog at ${base} was not ingested within 4 minutes: ${state}`);
}

/** Where the company-world backend is, or undefined when none runs (PORTAL_E2E_URL without it). */
export function companyBaseUrl(): string | undefined {
  if (process.env.PORTAL_E2E_COMPANY_URL) return process.env.PORTAL_E2E_COMPANY_URL;
  if (process.env.PORTAL_E2E_URL) return undefined;
  return `http://localhost:${Number(process.env.PORTAL_E2E_COMPANY_PORT ?? 7027)}`;
}

export default async function waitForCatalog() {
  const company = companyBaseUrl();
  const started = Date.now();
  const timed = async (name: string, wait: Promise<void>) => {
    await wait;
    process.stdout.write(
      `[e2e] the ${name} catalog is ingested (waited ${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
    );
  };
  await Promise.all([
    timed('example', waitForExample()),
    company ? timed('company', waitForCompany(company)) : undefined,
  ]);
}
