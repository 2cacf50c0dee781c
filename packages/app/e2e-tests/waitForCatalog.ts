/**
 * Playwright global setup: the browser-test backend ingests the example company from the sandbox's
 * GitHub organisation (discovery and org providers), which takes a while after the backend is
 * ready. The tests start once the catalog holds what they look at (at most 3 minutes).
 */
const NEEDED = [
  'component/default/checkout-service',
  'component/default/deploy-bot',
  'user/default/guest',
  'group/default/team-platform',
];

export default async function waitForCatalog() {
  const port = Number(process.env.PORTAL_E2E_PORT ?? 7017);
  const base = process.env.PORTAL_E2E_URL ?? `http://localhost:${port}`;
  const deadline = Date.now() + 180_000;
  let missing = NEEDED;
  while (Date.now() < deadline) {
    try {
      const refresh = await fetch(`${base}/api/auth/guest/refresh`, { headers: { 'x-requested-with': 'XMLHttpRequest' } });
      if (refresh.ok) {
        const token = (await refresh.json()).backstageIdentity.token as string;
        const found = await Promise.all(
          NEEDED.map(ref =>
            fetch(`${base}/api/catalog/entities/by-name/${ref}`, { headers: { Authorization: `Bearer ${token}` } }).then(
              r => r.ok,
              () => false,
            ),
          ),
        );
        missing = NEEDED.filter((_, i) => !found[i]);
        if (missing.length === 0) return;
      }
    } catch {
      // the backend is still starting
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`the example catalog was not ingested within 3 minutes: missing ${missing.join(', ')}`);
}
