// Create New Client in a real Chromium with the built extension: errors as the person
// leaves a field and on Save, the new Org ID after Save, the client in the list, the whole
// flow by keyboard alone, no axe-core violations, and Japanese labels in a Japanese browser.

import { afterEach, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { focused, tabTo } from './dashboard-form-helpers';
import { dashboardWithSample } from './dashboard-list-helpers';
import { launchExtension, type ExtensionHarness } from './harness';

let harness: ExtensionHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const ORG_ID = /ORG-[0-9A-HJKMNP-TV-Z]{8}/;

describe('new client form', () => {
  it('shows errors as fields are left, refuses a quota the pool cannot give, and creates the client with a new Org ID', async () => {
    harness = await launchExtension();
    const page = await dashboardWithSample(harness, '#/clients');
    await page.getByRole('link', { name: 'Create New Client' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'New client' }).count()).toBe(1);
    await expect.poll(() => page.getByText('12,000 licenses free in the pool.').count()).toBe(1);
    expect(await page.getByLabel('Client name (required)').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    const name = page.getByLabel('Client name');
    const email = page.getByLabel('Contact email');
    const quota = page.getByLabel('Visitor licenses');
    await name.focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.locator('#field-name-error').textContent()).toBe('Client name is required.');
    expect(await page.locator('#field-contact-email-error').count()).toBe(0);

    await email.fill('maya@');
    await email.blur();
    await expect
      .poll(() => page.locator('#field-contact-email-error').textContent())
      .toBe('Contact email must be an email address, such as name@example.com.');
    await quota.fill('20000');
    await quota.blur();
    await expect
      .poll(() => page.locator('#field-quota-error').textContent())
      .toBe('This needs 20,000 more licenses, but only 12,000 are free in the pool.');

    // Save with problems left: every one shows, nothing is created, the typed values stay.
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Some fields need attention. See the message next to each one.');
    expect(await page.locator('#field-contact-firstName-error').textContent()).toBe('First name is required.');
    expect(await focused(page)).toBe('field-name');
    expect(await email.inputValue()).toBe('maya@');
    expect(await axeViolations(page)).toEqual([]);

    await name.fill('Kestrel Labs');
    await page.getByLabel('First name').fill('Aiko');
    await page.getByLabel('Last name').fill('Tanaka');
    await email.fill('Aiko.Tanaka@Kestrel.test');
    await page.getByLabel('Company').fill('Kestrel Labs KK');
    await page.getByLabel('Industry').fill('Software and IT');
    await page.getByLabel('Domain').fill('https://www.Kestrel.test/about');
    await page.getByLabel('Street address').fill('1-2-3 Shibuya');
    await page.getByLabel('City').fill('Tokyo');
    await page.getByLabel('Country').fill('Japan');
    await quota.fill('1,200');
    await expect.poll(() => page.locator('#field-quota-error').count()).toBe(0);
    await page.getByRole('button', { name: 'Save' }).click();

    const notice = page.getByTestId('created-notice');
    await expect.poll(() => notice.textContent()).toMatch(/^Client created\. Org ID: ORG-/);
    const orgId = ((await notice.textContent()) ?? '').match(ORG_ID)?.[0] ?? '';
    expect(orgId).toMatch(ORG_ID);
    expect(await page.evaluate(() => location.hash)).toBe(`#/clients/${orgId}`);
    expect(await page.locator('#overview-heading').textContent()).toBe('Kestrel Labs');
    // Stored as the rules keep it: the preset industry, the bare domain, the email in lower case.
    expect(await page.getByLabel('Industry').inputValue()).toBe('Software and IT');
    expect(await page.getByLabel('Domain').inputValue()).toBe('www.kestrel.test');
    expect(await page.getByLabel('Contact email').inputValue()).toBe('aiko.tanaka@kestrel.test');
    expect(await page.getByTestId('quota-total').textContent()).toBe('1,200');
    await expect.poll(() => page.getByTestId('pool-summary').textContent()).toMatch(/^10,800 of 50,000/);

    await page.getByRole('link', { name: 'Back to Manage Clients' }).click();
    // The overview's heading also says Kestrel Labs: wait for the list's row itself.
    const row = page.locator('main tbody tr', { hasText: 'Kestrel Labs' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(orgId);
    expect(harness.problems(page).pageErrors).toEqual([]);
  });

  it("submits on the first click of Save whatever the last field's blur shows, and never moves Save under the pointer", async () => {
    harness = await launchExtension();
    const page = await dashboardWithSample(harness, '#/clients');
    await page.getByRole('link', { name: 'Create New Client' }).click();
    await expect.poll(() => page.getByText('12,000 licenses free in the pool.').count()).toBe(1);
    const quota = page.getByLabel('Visitor licenses');
    const save = page.getByRole('button', { name: 'Save' });
    const summary = 'Some fields need attention. See the message next to each one.';

    /** A real press of the mouse on Save: down, the layout as it is while held, up. */
    async function pressSave() {
      await save.scrollIntoViewIfNeeded();
      const before = await save.boundingBox();
      if (!before) throw new Error('Save is not shown');
      await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
      await page.mouse.down();
      const held = await save.boundingBox();
      await page.mouse.up();
      return { before, held };
    }

    // The empty licences box is the last field: its blur on the press shows its error line.
    await quota.focus();
    const first = await pressSave();
    expect(first.held).toEqual(first.before);
    await expect.poll(() => page.getByTestId('form-alert').textContent()).toBe(summary);
    expect(await page.locator('#field-quota-error').textContent()).toBe('Visitor licenses is required.');
    expect(await page.locator('#field-name-error').textContent()).toBe('Client name is required.');
    expect(await focused(page)).toBe('field-name');

    // Left by the keyboard, the field's error appears at once, and Save stays where it was.
    await page.reload();
    await expect.poll(() => page.getByText('12,000 licenses free in the pool.').count()).toBe(1);
    await quota.focus();
    const beforeTab = await save.boundingBox();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.locator('#field-quota-error').textContent()).toBe('Visitor licenses is required.');
    expect(await focused(page)).toBe('Save');
    expect(await save.boundingBox()).toEqual(beforeTab);

    // An error longer than a line, in a narrow window: the press still lands on Save.
    await page.reload();
    await page.setViewportSize({ width: 420, height: 800 });
    await expect.poll(() => page.getByText('12,000 licenses free in the pool.').count()).toBe(1);
    await quota.fill('20000');
    const wide = await pressSave();
    expect(wide.held).toEqual(wide.before);
    await expect.poll(() => page.getByTestId('form-alert').textContent()).toBe(summary);
    const error = page.locator('#field-quota-error');
    expect(await error.textContent()).toBe('This needs 20,000 more licenses, but only 12,000 are free in the pool.');
    const lines = await error.evaluate(
      (element) => element.getBoundingClientRect().height / parseFloat(getComputedStyle(element).lineHeight),
    );
    expect(lines).toBeGreaterThan(1.5);
    expect(await page.getByRole('heading', { name: 'New client' }).count()).toBe(1);
  });

  it('can be filled in and saved with the keyboard alone', async () => {
    harness = await launchExtension();
    const page = await dashboardWithSample(harness, '#/clients');
    await page.locator('h1').focus();
    await tabTo(page, (text) => text === 'Create New Client');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('new-client-heading');

    const entries: [string, string][] = [
      ['field-name', 'Keyboard Only Inc'],
      ['field-contact-firstName', 'Kim'],
      ['field-contact-lastName', 'Park'],
      ['field-contact-email', 'kim@keyboard.test'],
      ['field-company', 'Keyboard Only Inc'],
      ['field-industry', 'Education'],
      ['field-domain', 'keyboard.test'],
    ];
    for (const [id, text] of entries) {
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe(id);
      await page.keyboard.type(text);
    }
    await tabTo(page, (text) => text === 'field-quota');
    await page.keyboard.type('300');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Save');
    await page.keyboard.press('Enter');

    await expect.poll(() => focused(page)).toBe('created-notice');
    expect(await page.getByTestId('created-notice').textContent()).toMatch(/Client created\. Org ID: ORG-/);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Copy Org ID');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('created-notice').getByRole('status').textContent())
      .toMatch(
        /^(Org ID copied to the clipboard\.|The browser did not allow copying here\. Select the Org ID and copy it yourself\.)$/,
      );
  });

  it('speaks Japanese in a Japanese browser', async () => {
    harness = await launchExtension({ locale: 'ja' });
    const page = await harness.openExtensionPage('options.html#/clients/new');
    await expect.poll(() => page.locator('#new-client-heading').textContent()).toBe('新規クライアント');
    expect(await page.getByLabel('クライアント名 （必須）', { exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByText('プールの空きは0件です。').count()).toBe(1);
    expect(await page.locator('datalist option[value="旅行"]').count()).toBe(1);
    await page.getByLabel('クライアント名').focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.locator('#field-name-error').textContent()).toMatch(/クライアント名/);
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByRole('alert').count()).toBe(1);
    expect(await page.getByRole('alert').textContent()).not.toMatch(/[A-Za-z]{4,}/);
    expect(await axeViolations(page)).toEqual([]);
  });
});
