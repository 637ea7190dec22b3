// Partner rules as the agency meets them in a real Chromium: recording from a client's overview
// that it revoked the agency's access (it leaves the main list, the popup and the address bar,
// is kept under Revoked, read-only, and cannot be opened), recording that access was granted
// again, and the client's subscription and payment card (Customer Card in the list; a full
// card number typed into a field is refused).

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { focusInDialog, openOverview } from './dashboard-form-helpers';
import { dashboardWithSample, openMenu, row, SAMPLE_NAMES_BY_NAME, shownNames } from './dashboard-list-helpers';
import { launchExtension, type ExtensionHarness } from './harness';
import { typeInAddressBar } from './omnibox-helpers';

let harness: ExtensionHarness;
let page: Page;

beforeAll(async () => {
  harness = await launchExtension();
  page = await dashboardWithSample(harness, '#/clients');
});

afterAll(async () => {
  await harness?.close();
});

async function popupNames(): Promise<string[]> {
  const popup = await harness.openExtensionPage('popup.html');
  await popup.getByRole('option').first().waitFor();
  const names = await popup.locator('[role="option"] .switcher-row-name').allTextContents();
  await popup.close();
  return names;
}

async function showList(filter: string): Promise<void> {
  await page.evaluate(() => {
    location.hash = '#/clients';
  });
  await page.getByLabel('Status').selectOption({ label: filter });
}

const rangeText = () => page.getByTestId('list-range').textContent();

describe('revoked access', () => {
  it('is recorded with a note from the overview, which then shows the client read-only', async () => {
    await openOverview(page, 'Globex Finance');
    await page.getByRole('button', { name: 'Record revoked access' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record that Globex Finance revoked your access' });
    await dialog.waitFor();
    expect(await focusInDialog(page)).toBe(true);
    expect(await dialog.textContent()).toContain(
      'It leaves the client switcher and the client list, and is kept under the Revoked filter.',
    );
    expect(await axeViolations(page)).toEqual([]);

    // A card number has no place in a note either.
    await dialog.getByLabel('Note').fill('Card 4111 1111 1111 1111 on file');
    await dialog.getByRole('button', { name: 'Record revoked access' }).click();
    await expect
      .poll(() => page.locator('#field-revoke-note-error').textContent())
      .toBe('Note contains what looks like a full card number. Card numbers are never stored; remove it.');

    await dialog.getByLabel('Note').fill('Told by phone: the contract is on hold');
    await dialog.getByRole('button', { name: 'Record revoked access' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    const notice = page.getByTestId('revoked-notice');
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toMatch(
      /^Access revokedThe client revoked your access on .+\.Note: Told by phone: the contract is on hold/,
    );
    expect(await page.locator('.client-view > p[role="status"]').textContent()).toBe(
      'Globex Finance is now recorded as having revoked your access.',
    );
    expect(await page.locator('.overview-title').textContent()).toBe('Globex FinanceActiveAccess revoked');
    // Focus is not lost with the button that opened the dialog.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('overview-heading');

    // Read-only: nothing to change, and the plan and card say why.
    expect(await page.getByLabel('Client name').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Reallocate' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add experiment' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add member' }).count()).toBe(0);
    const changePlan = page.getByRole('button', { name: 'Change plan' });
    expect(await changePlan.isDisabled()).toBe(true);
    expect(await page.locator(`#${await changePlan.getAttribute('aria-describedby')}`).textContent()).toBe(
      'This client revoked your access, so its data is read-only until access is granted again.',
    );
    expect(await page.getByRole('button', { name: 'Change card' }).isDisabled()).toBe(true);
    await expect
      .poll(async () => (await page.getByTestId('history').locator('li').first().textContent()) ?? '')
      .toMatch(/^The client revoked the agency's access\.By you/);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('takes the client out of the main list, the popup and the address bar', async () => {
    await showList('All statuses');
    await expect.poll(() => shownNames(page)).toEqual(SAMPLE_NAMES_BY_NAME.filter((name) => name !== 'Globex Finance'));
    expect(await rangeText()).toBe('Clients 1–7 of 7');
    await page.getByLabel('Search clients').fill('globex');
    await expect.poll(rangeText).toBe('No clients match your search and filter.');
    await page.getByLabel('Search clients').fill('');

    expect(await popupNames()).not.toContain('Globex Finance');
    expect((await popupNames()).length).toBe(7);
    const typed = await typeInAddressBar(harness, 'globex');
    expect(typed.first).toBe('No client matches “globex”.');
    expect(typed.suggestions).toEqual([]);
  });

  it('keeps it under Revoked, read-only, where its workspace is refused', async () => {
    await showList('Revoked');
    await expect.poll(() => shownNames(page)).toEqual(['Globex Finance']);
    expect(await page.getByTestId('revoked-intro').textContent()).toMatch(/^These clients revoked your access\./);
    expect(await row(page, 'Globex Finance').getByTestId('client-status').textContent()).toBe('ActiveAccess revoked');
    expect(await axeViolations(page)).toEqual([]);

    expect(await openMenu(page, 'Globex Finance')).toEqual([
      'View',
      'Open in new tab',
      'Record that access was granted again',
    ]);
    const reason = "This client revoked your access, so its workspace can't be opened from the extension.";
    const open = page.getByRole('menuitem', { name: 'Open in new tab' });
    expect(await open.getAttribute('aria-disabled')).toBe('true');
    expect(await open.getAttribute('title')).toBe(reason);
    const tabsBefore = harness.context.pages().length;
    // Chosen anyway from the keyboard (Playwright will not click an aria-disabled item): refused, with the reason.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => open.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(reason);
    expect(harness.context.pages().length).toBe(tabsBefore);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('gives the client back to the list and the popup once access is recorded as granted again', async () => {
    await showList('Revoked');
    await expect.poll(() => shownNames(page)).toEqual(['Globex Finance']);
    await openMenu(page, 'Globex Finance');
    await page.getByRole('menuitem', { name: 'Record that access was granted again' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record that Globex Finance granted access again' });
    await dialog.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Record access granted' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('Globex Finance granted your access again.');
    await expect.poll(rangeText).toBe('No client has revoked your access.');

    await showList('All statuses');
    await expect.poll(() => shownNames(page)).toEqual(SAMPLE_NAMES_BY_NAME);
    expect(await popupNames()).toContain('Globex Finance');
    expect((await typeInAddressBar(harness, 'globex')).first).toBe(
      'Open the workspace of <match>Globex Finance</match>',
    );
  });
  it('keeps a revoked inactive client under Pending deletion, with the badge: it is purged on its date all the same', async () => {
    await openOverview(page, 'Helios Energy');
    await page.getByRole('button', { name: 'Record revoked access' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Record revoked access' }).click();
    await page.getByTestId('revoked-notice').waitFor();
    // Reactivation waits until access is granted again.
    expect(await page.getByRole('button', { name: 'Reactivate…' }).count()).toBe(0);
    await page.evaluate(() => {
      location.hash = '#/pending';
    });
    const helios = row(page, 'Helios Energy');
    await expect.poll(() => helios.getByTestId('revoked-badge').textContent()).toBe('Access revoked');
    expect(await openMenu(page, 'Helios Energy')).toEqual([
      'View',
      'Open in new tab',
      'Record that access was granted again',
    ]);
    await page.keyboard.press('Escape');
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('subscription and payment', () => {
  it('changes the plan and the card, tagged Customer Card, and the list shows plan, tag and renewal date', async () => {
    await openOverview(page, 'Initech Software');
    const section = page.getByTestId('subscription-section');
    expect(await section.getByTestId('subscription-plan').textContent()).toBe('No plan recorded');
    expect(await section.getByTestId('subscription-card').textContent()).toBe('No card recorded');

    await section.getByRole('button', { name: 'Change plan' }).click();
    const planDialog = page.getByRole('dialog', { name: 'Change the plan of Initech Software' });
    await planDialog.waitFor();
    await planDialog.getByLabel('Plan').fill('Growth');
    await planDialog.getByLabel('Renewal date').fill('2027-09-01');
    await planDialog.getByLabel('Billing cycle').selectOption({ label: 'Yearly' });
    expect(await axeViolations(page)).toEqual([]);
    await planDialog.getByRole('button', { name: 'Save plan' }).click();
    await expect.poll(() => planDialog.count()).toBe(0);
    await expect.poll(() => section.getByTestId('subscription-plan').textContent()).toBe('Growth');

    await section.getByRole('button', { name: 'Change card' }).click();
    const cardDialog = page.getByRole('dialog', { name: 'Change the card of Initech Software' });
    await cardDialog.waitFor();
    expect(await cardDialog.getByRole('group', { name: /Are you using the customer's card\?/ }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // A full card number pasted into a field is refused on the spot and kept nowhere.
    const last4 = cardDialog.getByLabel('Last four digits');
    await last4.fill('4242 4242 4242 4242');
    await expect
      .poll(() => page.locator('#field-payment-last4-error').textContent())
      .toBe('A full card number was entered here and has been removed: card numbers are never kept.');
    expect(await last4.inputValue()).toBe('');
    expect(await axeViolations(page)).toEqual([]);

    await cardDialog.getByLabel("Yes, the customer's card (Customer Card)").check();
    await cardDialog.getByLabel('Card brand').selectOption({ label: 'Mastercard' });
    await last4.fill('4444');
    await cardDialog.getByLabel('Expiry (MM/YY)').fill('04/29');
    await cardDialog.getByRole('button', { name: 'Save card' }).click();
    await expect.poll(() => cardDialog.count()).toBe(0);
    await expect
      .poll(() => section.getByTestId('subscription-card').textContent())
      .toBe('Customer Card Mastercard ending in 4444, expires 04/29');
    expect(await page.locator('.client-view > p[role="status"]').textContent()).toBe(
      'The card of Initech Software was saved.',
    );
    // What the agency cannot do as partner admin is listed, each disabled with its reason.
    const limits = page.getByTestId('restricted-actions');
    expect(await limits.getByRole('button').count()).toBe(10);
    for (const button of await limits.getByRole('button').all()) expect(await button.isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await showList('All statuses');
    await expect
      .poll(() => row(page, 'Initech Software').getByTestId('client-plan').textContent())
      .toBe('GrowthCustomer CardRenews Sep 1, 2027');
    expect(await row(page, 'Acme Outdoor').getByTestId('client-plan').textContent()).toBe(
      'No plan recordedNo card recorded',
    );
    expect(await page.getByRole('columnheader', { name: 'Plan and payment' }).count()).toBe(1);
  });

  it('refuses a full card number typed into any text field of the client, with the message', async () => {
    await openOverview(page, 'Initech Software');
    const company = page.getByLabel('Company');
    await company.fill('Initech 4111-1111-1111-1111');
    await company.blur();
    await expect
      .poll(() => page.locator('#field-company-error').textContent())
      .toBe('Company contains what looks like a full card number. Card numbers are never stored; remove it.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('form-alert').textContent())
      .toBe('Some fields need attention. See the message next to each one.');
    await page.reload();
    await expect.poll(() => page.getByLabel('Company').inputValue()).toBe('Initech');
  });
});
