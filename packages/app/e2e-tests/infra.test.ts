import { expect, test } from '@playwright/test';

test('the integrations page shows every upstream healthy, with the sandbox marker', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();

  // Every page carries the sandbox marker while the portal reads the simulators.
  await expect(page.getByRole('status', { name: 'Sandbox data' })).toBeVisible();

  await page.getByRole('navigation', { name: 'sidebar nav' }).getByRole('link', { name: 'Integrations' }).click();
  await expect(page.getByRole('heading', { name: 'Integration health' }).first()).toBeVisible();
  const table = page.getByRole('table');
  for (const upstream of ['kubernetes/aws-tokyo', 'kubernetes/gcp-osaka', 'datadog', 'pagerduty']) {
    const row = table.getByRole('row').filter({ hasText: upstream });
    await expect(row).toContainText('Healthy');
    await expect(row).toContainText('Closed');
  }
  await expect(page.getByText('Overall: Healthy')).toBeVisible();
  await page.screenshot({ path: '.cache/e2e-results/integrations.png', fullPage: true });
});
