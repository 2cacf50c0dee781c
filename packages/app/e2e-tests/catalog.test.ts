import { expect, test } from '@playwright/test';

test('a guest signs in, sees the example services and opens one', async ({ page }) => {
  await page.goto('/');

  // The sign-in page offers guest access locally.
  await page.getByRole('button', { name: 'Enter' }).click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Catalog', exact: true }).click();

  // The catalog lists the example organisation's components.
  await expect(page.getByRole('heading', { name: /Example Co\./ })).toBeVisible();
  // The guest belongs to team-platform, so "Owned" is preselected; switch to all.
  const table = page.getByRole('table');
  await expect(table.getByRole('link', { name: 'deploy-bot' })).toBeVisible();
  await page.getByRole('menuitem', { name: /^All/ }).click();
  await expect(page.getByText(/All Components \(25\)/)).toBeVisible();
  await expect(table.getByRole('link', { name: 'checkout-service' })).toBeVisible();
  await expect(table.getByRole('link', { name: 'payment-service' })).toBeVisible();

  // Opening a component shows its entity page with ownership and relations.
  await table.getByRole('link', { name: 'checkout-service' }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/checkout-service/);
  await expect(page.getByRole('heading', { name: 'checkout-service' }).first()).toBeVisible();
  await expect(page.getByText('team-checkout').first()).toBeVisible();
  await expect(page.getByText('Turns a cart into an order').first()).toBeVisible();

  await page.screenshot({ path: '.cache/e2e-results/entity-page.png', fullPage: true });
});
