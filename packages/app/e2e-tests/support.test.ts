import { expect, test, type Page } from '@playwright/test';

async function signIn(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole('button', { name: 'Enter' }).click();
}

/** Picks an option of an MUI select by its field label. */
async function choose(page: Page, label: string | RegExp, option: string | RegExp) {
  await page.getByLabel(label).first().click();
  await page.getByRole('option', { name: option }).click();
}

test("filing a request from a service's page attaches its on-call, SLO and Kubernetes problems", async ({ page }) => {
  test.setTimeout(180_000);
  // The catalog may still be reading the example files right after the backend started
  // (a reload signs the guest out, so each try signs in again).
  await expect(async () => {
    await page.goto('/catalog/default/component/recommendation-service');
    await page
      .getByRole('button', { name: 'Enter' })
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    await expect(page.getByRole('button', { name: 'Request help' })).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 80_000 });
  await page.getByRole('button', { name: 'Request help' }).click();
  await expect(page).toHaveURL(/\/support\/new\?entity=component%3Adefault%2Frecommendation-service/);
  await expect(page.getByLabel('Service (entity reference)')).toHaveValue('component:default/recommendation-service');

  await choose(page, /Request type/, 'Kubernetes manifest change');
  await choose(page, /Cluster/, 'aws-tokyo');
  await page.getByLabel(/Namespace/).fill('catalog');
  await page.getByLabel(/What should change/).fill('Raise the memory limit to stop the restarts');
  await page.getByLabel(/^Title/).fill('recommendation-service keeps crashing');
  await page.screenshot({ path: '.cache/e2e-results/support-form-filled.png', fullPage: true });
  await page.getByRole('button', { name: 'File request' }).click();

  await expect(page).toHaveURL(/\/support\/requests\/\d+/);
  await expect(page.getByRole('heading', { name: /recommendation-service keeps crashing/ })).toBeVisible();
  const context = page.getByRole('region', { name: 'Context when filed' });
  await expect(context).toContainText('CrashLoopBackOff: recommendation-service (aws-tokyo');
  await expect(context).toContainText('team-storefront');
  await expect(context).toContainText(/L1: .+ \(.*Escalation Policy\)/);
  await expect(context).toContainText(/SLI .+% \/ target .+%/);
  await expect(page.getByTestId('request-status')).toHaveText('New');
  await page.screenshot({ path: '.cache/e2e-results/support-detail.png', fullPage: true });

  // The platform team triages it from the queue.
  await page.getByRole('tab', { name: 'Triage queue' }).click();
  const row = page
    .getByRole('table', { name: 'Triage queue' })
    .getByRole('row')
    .filter({ hasText: 'recommendation-service keeps crashing' });
  await expect(row).toContainText('First response: On track');
  await row.getByRole('button', { name: 'Assign to me' }).click();
  await expect(row).toContainText('guest');
});

test('the triage queue and analytics show the SLA state and toil by type', async ({ page }) => {
  await signIn(page, '/support/triage');
  const table = page.getByRole('table', { name: 'Triage queue' });
  await expect(table.getByRole('row').filter({ hasText: 'Deploy pipeline stuck on image scan' })).toContainText(
    'Paused',
  );
  await choose(page, /^SLA/, 'Breached');
  await expect(table.getByRole('row').filter({ hasText: 'Noisy latency alert on product-service' })).toContainText(
    'Breached',
  );

  await page.getByRole('tab', { name: 'Analytics' }).click();
  await expect(page.getByRole('img', { name: 'Volume by type' })).toContainText('Access and permissions');
  await expect(
    page.getByRole('table', { name: 'Automation candidates (most repeated types)' }).getByRole('row').nth(1),
  ).toContainText('Access and permissions');
});
