import { expect, test, type Locator, type Page } from '@playwright/test';

/**
 * The portal's dialogs with the keyboard alone: the opener is reached with Tab and pressed with
 * Enter or Space, focus moves into the dialog, Escape closes it and focus is back on the opener.
 * SLO corrections (a service's SLO tab), PRR manual evidence (a service's PRR tab) and the
 * postmortem edit conflict (opened by an autosave while typing: the opener is the editor).
 */

async function signIn(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole('button', { name: 'Enter' }).click();
}

/** Presses Tab from the top of the page until `target` has the focus. */
async function tabTo(page: Page, target: Locator) {
  await expect(target).toBeVisible();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate(el => el === document.activeElement)) return;
  }
  throw new Error('not reachable with Tab');
}

async function expectFocusInside(dialog: Locator) {
  await expect(dialog).toBeVisible();
  await expect.poll(() => dialog.evaluate(d => d.contains(document.activeElement))).toBe(true);
}

/** The dialog is left with Escape, and focus is back on its opener. */
async function escapeTo(page: Page, dialog: Locator, opener: Locator) {
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
}

test('the SLO corrections dialog opens, takes the focus and closes with the keyboard', async ({ page }) => {
  await signIn(page, '/catalog/default/component/auth-service/slo');
  const opener = page.getByRole('button', { name: 'Add correction' });
  await tabTo(page, opener);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add correction' });
  await expectFocusInside(dialog);
  // Tab stays inside the dialog.
  for (let i = 0; i < 15; i++) await page.keyboard.press('Tab');
  await expectFocusInside(dialog);
  await escapeTo(page, dialog, opener);
  // Space opens it too.
  await page.keyboard.press('Space');
  await expectFocusInside(dialog);
  await escapeTo(page, dialog, opener);
});

test('the PRR manual evidence dialog opens, takes the focus and closes with the keyboard', async ({ page }) => {
  await signIn(page, '/catalog/default/component/inventory-service/prr');
  await expect(async () => {
    if (await page.getByText('Entity not found').isVisible()) await page.reload();
    await expect(page.getByRole('heading', { name: 'Production readiness checklist' })).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
  const open = page.getByRole('button', { name: /Open a review|Reopen the review/ });
  if (await open.isVisible()) {
    await tabTo(page, open);
    await page.keyboard.press('Enter');
  }
  const runbook = page.getByRole('listitem', { name: 'A runbook for the common alerts' });
  const opener = runbook.getByRole('button', { name: /Add evidence|Change answer/ });
  await tabTo(page, opener);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /A runbook for the common alerts/ });
  await expectFocusInside(dialog);
  await escapeTo(page, dialog, opener);
});

test('the postmortem conflict dialog takes the focus and Escape keeps both edits', async ({ browser }) => {
  const a = await browser.newPage();
  const b = await browser.newPage();
  await signIn(a, '/postmortems/new?entity=component%3Adefault%2Fcart-service');
  await a.getByRole('radio', { name: 'Blank postmortem (no incident)' }).check();
  await a.getByRole('button', { name: 'Create postmortem' }).click();
  await expect(a).toHaveURL(/\/postmortems\/[0-9a-f-]{36}$/);
  await expect(a.getByTestId('postmortem-save-state')).toHaveText('Saved');
  await signIn(b, a.url());
  const editorA = a.getByRole('textbox', { name: 'Markdown' });
  const editorB = b.getByRole('textbox', { name: 'Markdown' });
  await expect(editorA).toBeEnabled();
  await expect(editorB).toBeEnabled();
  await editorA.press('Control+Home');
  await a.keyboard.type('Edit by A. ');
  await expect(a.getByTestId('postmortem-save-state')).toHaveText('Saved', { timeout: 15_000 });

  // B types with the keyboard only; the autosave meets A's revision and asks.
  await tabTo(b, editorB);
  await b.keyboard.press('Control+End');
  await b.keyboard.type('\nEdit by B.');
  const dialog = b.getByRole('dialog', { name: 'Someone else saved this postmortem' });
  await expectFocusInside(dialog);
  await escapeTo(b, dialog, editorB);
  // Escape lost nothing: both edits are kept and saved.
  await expect(b.getByTestId('postmortem-save-state')).toHaveText('Saved', { timeout: 15_000 });
  expect(await editorB.inputValue()).toContain('Edit by A.');
  expect(await editorB.inputValue()).toContain('Edit by B.');
  await a.close();
  await b.close();
});
