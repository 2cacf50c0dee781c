import { expect, test, type Page } from '@playwright/test';

async function signIn(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole('button', { name: 'Enter' }).click();
}

test('the SLO fleet dashboard lists services by remaining budget', async ({ page }) => {
  await signIn(page, '/slo/fleet');
  const rows = page.getByRole('table', { name: 'Service SLOs' }).getByRole('row');
  await expect(rows.filter({ hasText: 'auth-service' })).toBeVisible();
  await expect(rows.filter({ hasText: 'auth-service' })).toContainText('Exhausted');
  await expect(rows.filter({ hasText: 'payment-service' })).toContainText('Page');
  const teams = page.getByRole('table', { name: 'SLOs per team' });
  await expect(teams.getByRole('row').filter({ hasText: 'team-identity' })).toBeVisible();
  await page.screenshot({ path: '.cache/e2e-results/slo-fleet.png', fullPage: true });
});

test("a service's SLO tab shows its endpoints and the deploy gate", async ({ page }) => {
  await signIn(page, '/catalog/default/component/auth-service/slo');
  await expect(page.getByText(/Deploys blocked/)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Endpoint SLOs' })).toBeVisible();
  await page.screenshot({ path: '.cache/e2e-results/slo-tab.png', fullPage: true });
});
