import { defineConfig } from '@playwright/test';

/**
 * Browser tests: Debian's Chromium driven by Playwright against the backend-served
 * production build of the app (`yarn workspace app build` first; `npm test` does it).
 * The backend is started here on its own port with the sandbox and an in-memory database.
 */
const port = Number(process.env.PORTAL_E2E_PORT ?? 7017);
const baseURL = process.env.PORTAL_E2E_URL ?? `http://localhost:${port}`;
/** A second backend on the company-scale world (companyWorld.test.ts; sandbox on its port + 100). */
const companyPort = Number(process.env.PORTAL_E2E_COMPANY_PORT ?? 7027);

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  // The catalog arrives from the sandbox's GitHub after the backend is ready: wait for it.
  globalSetup: './packages/app/e2e-tests/waitForCatalog.ts',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  outputDir: '.cache/e2e-results',
  webServer: process.env.PORTAL_E2E_URL
    ? undefined
    : [
        {
          command: `bash scripts/e2e-backend.sh ${port}`,
          url: `${baseURL}/.backstage/health/v1/readiness`,
          timeout: 180_000,
          reuseExistingServer: false,
          stdout: 'ignore',
          stderr: 'pipe',
        },
        {
          command: `bash scripts/e2e-backend.sh ${companyPort} company`,
          url: `http://localhost:${companyPort}/.backstage/health/v1/readiness`,
          timeout: 180_000,
          reuseExistingServer: false,
          stdout: 'ignore',
          stderr: 'pipe',
        },
      ],
  use: {
    baseURL,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.PORTAL_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
