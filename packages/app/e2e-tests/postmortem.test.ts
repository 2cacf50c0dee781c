import { expect, test, type Page } from '@playwright/test';

/**
 * Postmortems in the browser: created from a seeded PagerDuty incident (timeline and SLO
 * impact), an XSS corpus rendered inert in the preview and the published view, review,
 * action items and concurrent edits. The guest is in team-platform, so may do everything.
 */

async function signIn(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole('button', { name: 'Enter' }).click();
}

const SHOTS = '.cache/e2e-results';

async function shootBoth(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/postmortem-${name}.png`, fullPage: true });
  await page.evaluate(() => window.localStorage.setItem('language', 'ja'));
  await page.reload();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${SHOTS}/postmortem-${name}.ja.png`, fullPage: true });
  await page.evaluate(() => window.localStorage.setItem('language', 'en'));
  await page.reload();
}

async function createPostmortem(page: Page, entity: string, incident: 'first' | 'blank') {
  await signIn(page, `/postmortems/new?entity=${encodeURIComponent(entity)}`);
  const incidents = page.getByRole('radiogroup', { name: 'Recent incidents of this service' });
  if (incident === 'first') {
    const first = incidents.getByRole('radio', { name: /^#\d+ / }).first();
    // Right after start-up the catalog may still be reading the examples: retry until it knows the service.
    await expect(async () => {
      const retry = page.getByRole('button', { name: 'Retry' });
      if (await retry.isVisible()) await retry.click();
      await expect(first).toBeVisible({ timeout: 3000 });
    }).toPass({ timeout: 90_000 });
    await first.check();
  } else {
    await incidents.getByRole('radio', { name: 'Blank postmortem (no incident)' }).check();
  }
  await page.getByRole('button', { name: 'Create postmortem' }).click();
  await expect(page).toHaveURL(/\/postmortems\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('postmortem-save-state')).toHaveText('Saved');
  return page.url();
}

const XSS_CORPUS = `XSS corpus start

<script>window.__xss = 'script'</script>
<img src=x onerror="window.__xss='img'">
<svg onload="window.__xss='svg'"><circle r="10"></circle></svg>
<svg><script>window.__xss='svg-script'</script></svg>
<a href="javascript:window.__xss='a-href'">raw link</a>
<a href="&#106;avascript:window.__xss='a-entity'">raw entity link</a>
<a href="  JaVaScRiPt:window.__xss='a-case'">raw case link</a>
<iframe src="javascript:window.__xss='iframe'"></iframe>
<iframe srcdoc="<script>parent.__xss='srcdoc'</script>"></iframe>
<details open ontoggle="window.__xss='details'">details</details>
<input autofocus onfocus="window.__xss='autofocus'">
<video><source onerror="window.__xss='video'"></video>
<object data="javascript:window.__xss='object'"></object>
<embed src="javascript:window.__xss='embed'">
<form action="javascript:window.__xss='form'"><button>go</button></form>
<math><mtext><table><mglyph><style><img src=x onerror="window.__xss='mxss'">
<div style="background:url(javascript:window.__xss='css')" onclick="window.__xss='onclick'">styled</div>
<meta http-equiv="refresh" content="0;url=javascript:window.__xss='meta'">

[markdown js link](javascript:window.__xss='md-link')
[markdown entity link](jav&#x61;script:window.__xss='md-entity')
[markdown data link](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9J2RhdGEnPC9zY3JpcHQ+)
![markdown data image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIj48L3N2Zz4=)
[a fine link](https://example.com/runbook)

XSS corpus end
`;

/** Nothing of the corpus may survive as executable markup inside `region`. */
async function expectInert(page: Page, regionName: string) {
  const region = page.getByRole('region', { name: regionName });
  await expect(region).toContainText('XSS corpus end');
  await expect(region.getByRole('link', { name: 'a fine link' })).toHaveAttribute(
    'href',
    'https://example.com/runbook',
  );
  const findings = await region.evaluate(root => {
    const bad: string[] = [];
    for (const el of Array.from(root.querySelectorAll('*'))) {
      const tag = el.tagName.toLowerCase();
      if (
        [
          'script',
          'iframe',
          'frame',
          'object',
          'embed',
          'svg',
          'math',
          'form',
          'style',
          'meta',
          'base',
          'link',
          'video',
          'source',
        ].includes(tag)
      )
        bad.push(`element <${tag}>`);
      // GFM task-list checkboxes are the only inputs the sanitiser keeps: disabled ones.
      if (tag === 'input' && !(el as HTMLInputElement).disabled) bad.push('enabled <input>');
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        // Browsers skip control characters and spaces inside a URL's scheme ("java\tscript:").
        // eslint-disable-next-line no-control-regex
        const value = attr.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (name.startsWith('on')) bad.push(`${tag}[${name}]`);
        if (name === 'style' || name === 'srcdoc' || name === 'formaction') bad.push(`${tag}[${name}]`);
        if (
          ['href', 'src', 'action', 'data', 'xlink:href', 'poster'].includes(name) &&
          /^(javascript|vbscript|data):/.test(value)
        )
          bad.push(`${tag}[${name}=${attr.value}]`);
      }
    }
    return bad;
  });
  expect(findings).toEqual([]);
  expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
}

test.describe.configure({ mode: 'serial' });

let postmortemUrl = '';

test('creating a postmortem from a seeded incident imports its timeline and SLO impact', async ({ page }) => {
  postmortemUrl = await createPostmortem(page, 'component:default/payment-service', 'first');
  // The preview renders the document with the live SLO impact table.
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.getByRole('heading', { name: 'Root cause and contributing factors' })).toBeVisible();
  const impactTable = preview.getByRole('table').filter({ hasText: 'Error budget consumed' });
  await expect(impactTable.getByRole('row').nth(1)).toContainText(/payment-service 99\.\d+ %/);
  await expect(preview).toContainText(/\d+\.\d×/);
  await page.screenshot({ path: `${SHOTS}/postmortem-editor.png`, fullPage: true });

  // The SLO impact tab: figures from the SLO engine.
  await page.getByRole('tab', { name: 'SLO impact' }).click();
  const impact = page.getByRole('table', { name: 'SLO impact of the incident window' });
  await expect(impact.getByRole('row')).toHaveCount(2);
  const cells = impact.getByRole('row').nth(1).getByRole('cell');
  expect(Number((await cells.nth(1).innerText()).replace(/,/g, ''))).toBeGreaterThan(0);
  await expect(cells.nth(3)).toHaveText(/\d+(\.\d+)? %/);
  await expect(page.getByRole('table', { name: 'Affected endpoints' })).toContainText('PaymentService/Authorize');

  // The timeline: the incident's PagerDuty log entries; add one and mark it a key moment.
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const timeline = page.getByRole('table', { name: 'Timeline' });
  await expect(timeline).toContainText('Triggered through the API');
  await expect(timeline).toContainText(/Acknowledged by /);
  await expect(timeline).toContainText(/Note added by .+: /);
  const before = await timeline.getByRole('row').count();
  expect(before).toBeGreaterThan(3);
  await page.getByLabel('What happened', { exact: true }).fill('Payment provider confirmed the degradation');
  await page.getByRole('button', { name: 'Add entry' }).click();
  await expect(timeline.getByRole('row')).toHaveCount(before + 1);
  await page.getByRole('checkbox', { name: 'Key moment: Payment provider confirmed the degradation' }).press('Space');
  await expect(
    page.getByRole('checkbox', { name: 'Key moment: Payment provider confirmed the degradation' }),
  ).toBeChecked();
  await page.screenshot({ path: `${SHOTS}/postmortem-timeline.png`, fullPage: true });
  await page.getByRole('tab', { name: 'Document' }).click();
  await expect(page.getByRole('region', { name: 'Preview' })).toContainText(
    'Payment provider confirmed the degradation',
  );
  await page.waitForTimeout(500);
  await shootBoth(page, 'editor');
});

test('an XSS corpus renders inert in the preview and in the published view', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', async d => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await createPostmortem(page, 'component:default/cart-service', 'blank');
  await page.getByRole('textbox', { name: 'Markdown' }).fill(XSS_CORPUS);
  await expect(page.getByTestId('postmortem-save-state')).toHaveText('Unsaved changes');
  await expectInert(page, 'Preview');
  await expect(page.getByTestId('postmortem-save-state')).toHaveText('Saved', { timeout: 15_000 });

  // Action items, one overdue.
  await page.getByRole('tab', { name: 'Action items' }).click();
  await page.getByLabel('Action item', { exact: true }).fill('Add a circuit breaker to the cart client');
  await page.getByLabel('Due date', { exact: true }).fill('2020-01-31');
  await page.getByRole('button', { name: 'Add action item' }).click();
  const items = page.getByRole('table', { name: 'Action items' });
  await expect(items.getByRole('row')).toHaveCount(2);
  await expect(page.getByLabel('Action item', { exact: true })).toHaveValue('');
  await page.getByLabel('Action item', { exact: true }).fill('Alert on 5xx per endpoint');
  await page.getByLabel('Owner', { exact: true }).fill('group:default/team-platform');
  await page.getByLabel('Due date', { exact: true }).fill('2099-12-31');
  await page.getByRole('button', { name: 'Add action item' }).click();
  await expect(items.getByRole('row')).toHaveCount(3);
  await expect(items.getByRole('row').filter({ hasText: 'circuit breaker' })).toContainText('Overdue');
  await shootBoth(page, 'action-items');

  // Review: the guest reviews and approves; it is published and read-only.
  await page.getByRole('tab', { name: 'Review' }).click();
  await page.getByRole('textbox', { name: 'Reviewers' }).fill('user:default/guest');
  await page.getByRole('button', { name: 'Send for review' }).click();
  await expect(page.getByText('Waiting for the reviewers.', { exact: false })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/postmortem-in-review.png`, fullPage: true });
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText(/^Published \d{4}-/)).toBeVisible();
  await shootBoth(page, 'review');

  // The published view: read-only, same sanitised rendering.
  await page.getByRole('tab', { name: 'Document' }).click();
  await expect(page.getByText('Published postmortems are read-only.', { exact: false })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Markdown' })).toBeDisabled();
  await expectInert(page, 'Preview');
  expect(dialogs).toEqual([]);
});

test('the postmortems page lists them with overdue action items and MTTA/MTTR; home shows my open items', async ({
  page,
}) => {
  await signIn(page, '/postmortems');
  const list = page.getByRole('table', { name: 'Postmortems' });
  // This file's two postmortems at least (the header is a row too); other files may add their own.
  await expect(list.getByRole('row').nth(2)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Overdue action items' })).toContainText(
    'Add a circuit breaker to the cart client',
  );
  await expect(
    page.getByRole('table', { name: 'Per team' }).getByRole('row').filter({ hasText: 'team-checkout' }),
  ).toContainText(/\d+ min|\d+ s/);
  await page.getByRole('textbox', { name: 'Search', exact: true }).fill('XSS corpus');
  await expect(list.getByRole('row')).toHaveCount(2);
  await page.getByRole('textbox', { name: 'Search', exact: true }).fill('');
  await shootBoth(page, 'list');

  await page.goto('/');
  const mine = page.getByRole('list', { name: 'My open action items' });
  await expect(mine).toContainText('Alert on 5xx per endpoint');
  await page.screenshot({ path: `${SHOTS}/postmortem-home.png`, fullPage: true });

  await page.goto('/catalog/default/component/cart-service/postmortems');
  await expect(page.getByRole('table', { name: 'Open action items' })).toContainText('Add a circuit breaker');
  await page.screenshot({ path: `${SHOTS}/postmortem-entity-tab.png`, fullPage: true });
});

test('two editors of one revision: the second save conflicts and merges without losing either change', async ({
  browser,
}) => {
  const a = await browser.newPage();
  const b = await browser.newPage();
  await signIn(a, postmortemUrl);
  await signIn(b, postmortemUrl);
  const editorA = a.getByRole('textbox', { name: 'Markdown' });
  const editorB = b.getByRole('textbox', { name: 'Markdown' });
  await expect(editorA).toBeEnabled();
  await expect(editorB).toBeEnabled();
  const text = await editorA.inputValue();
  await editorA.fill(`Edit by A at the top.\n\n${text}`);
  await expect(a.getByTestId('postmortem-save-state')).toHaveText('Unsaved changes');
  await expect(a.getByTestId('postmortem-save-state')).toHaveText('Saved', { timeout: 15_000 });
  await editorB.fill(`${text}\nEdit by B at the bottom.\n`);
  const dialog = b.getByRole('dialog', { name: 'Someone else saved this postmortem' });
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  await expect(b.getByTestId('postmortem-save-state')).toHaveText('Conflict');
  await expect(dialog).toContainText('+ Edit by A at the top.');
  await expect(dialog).toContainText('+ Edit by B at the bottom.');
  await b.screenshot({ path: `${SHOTS}/postmortem-conflict.png`, fullPage: true });
  // The sandbox badge floats over the bottom right corner: use the keyboard.
  await dialog.getByRole('button', { name: 'Keep mine and merge' }).press('Enter');
  await expect(b.getByTestId('postmortem-save-state')).toHaveText('Saved', { timeout: 15_000 });
  const merged = await editorB.inputValue();
  expect(merged).toContain('Edit by A at the top.');
  expect(merged).toContain('Edit by B at the bottom.');
  // A reload shows the merged revision; the history diff shows B's addition.
  await a.reload();
  await expect(a.getByRole('textbox', { name: 'Markdown' })).toHaveValue(merged);
  await a.getByRole('tab', { name: 'History' }).click();
  await expect(a.getByLabel(/Compare revision \d+ with \d+/)).toContainText('+ Edit by B at the bottom.');
  await a.screenshot({ path: `${SHOTS}/postmortem-history.png`, fullPage: true });
  await a.close();
  await b.close();
});
