import { expect, test, type Page } from '@playwright/test';

async function signIn(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole('button', { name: 'Enter' }).click();
}

/** The catalog fills a few seconds after the backend is up: reload until the checklist shows. */
async function openPrrTab(page: Page, name: string) {
  await signIn(page, `/catalog/default/component/${name}/prr`);
  await expect(async () => {
    if (await page.getByText('Entity not found').isVisible()) await page.reload();
    await expect(page.getByRole('heading', { name: 'Production readiness checklist' })).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
}

test('the PRR tab shows failing probes and PDB with evidence, and records manual evidence in a review', async ({
  page,
}) => {
  await openPrrTab(page, 'fraud-scoring');
  const readiness = page.getByRole('listitem', { name: 'Readiness probes' });
  await expect(readiness).toContainText('Fail');
  await expect(readiness).toContainText(
    'Deployment checkout/fraud-scoring, container fraud-scoring: no readinessProbe',
  );
  const pdb = page.getByRole('listitem', { name: 'A PodDisruptionBudget that can be satisfied' });
  await expect(pdb).toContainText('no PodDisruptionBudget selects its pods');
  await expect(page.getByText('Tier A', { exact: true }).first()).toBeVisible();

  // Open a review (or reopen one left by an earlier run), then answer a manual item.
  const open = page.getByRole('button', { name: /Open a review|Reopen the review/ });
  if (await open.isVisible()) await open.click();
  const runbook = page.getByRole('listitem', { name: 'A runbook for the common alerts' });
  await runbook.getByRole('button', { name: /Add evidence|Change answer/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Evidence link').fill('https://wiki.example.com/fraud-scoring/runbook');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(runbook).toContainText('https://wiki.example.com/fraud-scoring/runbook');
  await expect(runbook).toContainText('Pass');
  await expect(page.getByRole('table', { name: 'Review history' })).toContainText('item-updated');

  // A comment on the item, shown under it and in the history.
  await runbook.getByRole('button', { name: /Comments \(\d+\)/ }).click();
  await runbook.getByLabel('Add a comment').fill('Runbook reviewed with the on-call.');
  await runbook.getByRole('button', { name: 'Post' }).click();
  await expect(runbook).toContainText('Runbook reviewed with the on-call.');
  await expect(page.getByRole('table', { name: 'Review history' })).toContainText('commented');
  // Kept outside .cache/e2e-results, which every Playwright run empties.
  await page.screenshot({ path: '.cache/screens/e2e-prr-tab-review.png', fullPage: true });
});

test('the fleet scorecard shows services by section and filters by team and tier', async ({ page }) => {
  await signIn(page, '/prr');
  const table = page.getByRole('table', { name: 'Readiness by service and section' });
  await expect(table.getByRole('columnheader', { name: 'Kubernetes' })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'inventory-service' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('img', { name: 'Mean readiness score per day', exact: true })).toBeVisible({
    timeout: 30_000,
  });

  await page.getByLabel('Team').click();
  await page.getByRole('option', { name: 'team-checkout' }).click();
  await expect(table.getByRole('row').filter({ hasText: 'fraud-scoring' })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'inventory-service' })).toHaveCount(0);

  await page.getByLabel('Tier').click();
  await page.getByRole('option', { name: 'Untiered' }).click();
  await expect(table.getByRole('row').filter({ hasText: 'fraud-scoring' })).toHaveCount(0);
  await expect(table.getByRole('row').filter({ hasText: 'invoice-batch' })).toBeVisible();
  await page.screenshot({ path: '.cache/screens/e2e-prr-scorecard-filtered.png', fullPage: true });
});
