import { expect, test, type Page } from '@playwright/test';

/** The sandbox that scripts/e2e-backend.sh starts for this backend (admin API on port + 100, or + PORTAL_E2E_SANDBOX_OFFSET). */
const port = Number(process.env.PORTAL_E2E_PORT ?? 7017);
const sandboxAdmin =
  process.env.PORTAL_E2E_SANDBOX_ADMIN ??
  `http://127.0.0.1:${port + Number(process.env.PORTAL_E2E_SANDBOX_OFFSET ?? 100)}`;

async function signIn(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole('button', { name: 'Enter' }).click();
}

const card = (page: Page, title: string) =>
  page.locator('.MuiCard-root').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

test.afterEach(async ({ request }) => {
  await request.delete(`${sandboxAdmin}/faults`);
});

test("a component's overview shows on-call, open incidents and workload health, with hints", async ({ page }) => {
  await signIn(page, '/catalog/default/component/recommendation-service');

  const oncall = card(page, 'On call');
  await expect(oncall.getByText('Level 1')).toBeVisible();
  await expect(oncall.getByText('Level 2')).toBeVisible();

  const incidents = card(page, 'Incidents');
  await expect(incidents.getByText('Pods in CrashLoopBackOff: recommendation-service')).toBeVisible();
  await expect(incidents.getByText('Triggered')).toBeVisible();

  const workloads = card(page, 'Workload health');
  await expect(workloads.getByText('Cluster aws-tokyo')).toBeVisible();
  await expect(workloads.getByText(/the container keeps crashing on start/)).toBeVisible();
  await expect(workloads.locator('[data-freshness="fresh"]').first()).toBeVisible();

  await page.screenshot({ path: '.cache/e2e-results/overview.png', fullPage: true });
});

test('with Datadog failing, the page still renders and marks the Datadog cards stale', async ({ page, request }) => {
  await signIn(page, '/catalog/default/component/payment-service');
  await expect(card(page, 'Monitors').locator('[data-freshness="fresh"]')).toBeVisible();

  // Datadog now hangs; the e2e backend's Datadog cache lives 2 s.
  const fault = await request.put(`${sandboxAdmin}/faults/datadog`, { data: { hang: true } });
  expect(fault.ok()).toBe(true);
  await page.waitForTimeout(2500);
  await page.reload();

  await expect(card(page, 'Monitors').locator('[data-freshness="stale"]')).toBeVisible();
  await expect(card(page, 'Monitors').getByText(/Stale · fetched/)).toBeVisible();
  // The other sources are untouched.
  await expect(card(page, 'Workload health').locator('[data-freshness="fresh"]').first()).toBeVisible();
  await expect(card(page, 'On call').getByText('Level 1')).toBeVisible();
  await page.screenshot({ path: '.cache/e2e-results/overview-datadog-faulted.png', fullPage: true });
});

test('the Kubernetes tab lists pods and opens the log of a crashing container', async ({ page }) => {
  await signIn(page, '/catalog/default/component/recommendation-service/kubernetes');
  const pods = page.getByRole('table', { name: 'Pods in aws-tokyo' });
  const crashing = pods.getByRole('row').filter({ hasText: 'CrashLoopBackOff' });
  await expect(crashing).toBeVisible();
  await crashing.getByRole('button', { name: /Logs of/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/Traceback|FileNotFoundError/);
  await page.screenshot({ path: '.cache/e2e-results/kubernetes-logs.png' });
});

test('the catalog quality page lists drift and missing annotations', async ({ page }) => {
  await signIn(page, '/catalog-quality');
  await expect(page.getByText('Deployment debug-toolbox')).toBeVisible();
  await expect(page.getByText('Deployment legacy-csv-exporter')).toBeVisible();
  const emailWorker = page
    .getByRole('row')
    .filter({ hasText: 'email-worker' })
    .filter({ hasText: /PagerDuty/ });
  await expect(emailWorker).toBeVisible();
  await page.screenshot({ path: '.cache/e2e-results/catalog-quality.png', fullPage: true });
});

test("switching the language to Japanese changes the portal's own pages", async ({ page }) => {
  await signIn(page, '/settings');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('option', { name: '日本語' }).click();

  await page.goto('/');
  await expect(page.getByRole('heading', { name: /ようこそ/ })).toBeVisible();
  await expect(page.getByText('所属チームのサービス')).toBeVisible();

  await page.goto('/catalog/default/component/recommendation-service');
  await expect(page.getByRole('heading', { name: 'オンコール', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'ワークロードの状態', exact: true })).toBeVisible();

  await page.goto('/infra');
  await expect(page.getByRole('heading', { name: '連携先の状態' }).first()).toBeVisible();
  await page.screenshot({ path: '.cache/e2e-results/infra-ja.png', fullPage: true });
});
