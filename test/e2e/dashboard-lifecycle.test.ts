// The ︙ menu of each client and the lifecycle dialogs in a real Chromium with the built
// extension: which actions each client offers, Mark as Inactive, Reactivate and Delete with
// what they say before they act, Edit and Open in new tab; and the list redrawing when
// another extension page changes the data.

import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import {
  chooseFromMenu,
  dashboardWithSample,
  freeLicenses,
  menuButton,
  openMenu,
  row,
  shownNames,
  statusOf,
} from './dashboard-list-helpers';
import { launchExtension, type ExtensionHarness } from './harness';

let harness: ExtensionHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(): Promise<Page> {
  harness = await launchExtension();
  return dashboardWithSample(harness);
}

function dialog(page: Page) {
  return page.getByRole('dialog');
}

describe('row menu', () => {
  it('offers each action only where it applies, and Edit and Open in new tab go to the client', async () => {
    const page = await start();
    const active = ['Edit', 'Open in new tab', 'Mark as Inactive', 'Delete'];
    expect(await openMenu(page, 'Acme Outdoor')).toEqual(active);
    expect(await menuButton(page, 'Acme Outdoor').getAttribute('aria-expanded')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    expect(await page.getByRole('menu').count()).toBe(0);

    expect(await openMenu(page, 'さくら旅行')).toEqual(active);
    await page.keyboard.press('Escape');
    expect(await openMenu(page, 'Helios Energy')).toEqual(['Edit', 'Open in new tab', 'Reactivate', 'Delete']);
    // A click elsewhere closes the menu.
    await page.getByRole('heading', { name: 'Manage Clients' }).click();
    expect(await page.getByRole('menu').count()).toBe(0);

    // Open in new tab: the sample agency's workspace template with the Org ID put in.
    const orgId = (await row(page, 'Acme Outdoor').locator('code').textContent()) ?? '';
    // The address does not resolve offline, so the tab's request is what shows where it went.
    const requested = harness!.context.waitForEvent('request', {
      predicate: (request) => request.url().startsWith('https://app.example.com/'),
    });
    const opened = harness!.context.waitForEvent('page');
    await chooseFromMenu(page, 'Acme Outdoor', 'Open in new tab');
    expect((await requested).url()).toBe(`https://app.example.com/orgs/${orgId}`);
    const tab = await opened;
    expect(tab).not.toBe(page);
    expect(new URL(page.url()).pathname).toBe('/options.html');
    await tab.close();

    await chooseFromMenu(page, 'Acme Outdoor', 'Edit');
    await expect.poll(() => new URL(page.url()).hash).toBe(`#/clients/${orgId}`);
    expect(harness!.problems(page).pageErrors).toEqual([]);
  });

  it('shows Open in new tab disabled, with the reason, when there is no workspace address', async () => {
    const page = await start();
    // The agency has no workspace URL template (written straight to the stored settings).
    await page.evaluate(async () => {
      const request = indexedDB.open('agency-desk');
      const database = await new Promise<IDBDatabase>((resolve) => {
        request.onsuccess = () => resolve(request.result);
      });
      const store = database.transaction('meta', 'readwrite').objectStore('meta');
      const read = store.get('settings');
      await new Promise((resolve) => {
        read.onsuccess = resolve;
      });
      const { workspaceUrlTemplate: _dropped, ...rest } = (read.result as { value: Record<string, unknown> }).value;
      await new Promise((resolve) => {
        store.put({ key: 'settings', value: rest }).onsuccess = resolve;
      });
      database.close();
    });
    await page.reload();
    await page.locator('tbody tr').nth(7).waitFor();

    await openMenu(page, 'Acme Outdoor');
    const item = page.getByRole('menuitem', { name: 'Open in new tab' });
    expect(await item.getAttribute('aria-disabled')).toBe('true');
    const reason =
      'This client has no workspace address yet. Set the workspace URL template in Settings, or give the client its own workspace URL.';
    expect(await item.getAttribute('title')).toBe(reason);
    expect(await axeViolations(page)).toEqual([]);
    const pagesBefore = harness!.context.pages().length;
    // Choosing it anyway (Playwright will not click an aria-disabled item, a keyboard can) says why.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => item.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe(reason);
    expect(harness!.context.pages().length).toBe(pagesBefore);
  });

  it('is reached and worked by keyboard alone, and the dialog traps and returns focus', async () => {
    const page = await start();
    const focusedName = () =>
      page.evaluate(
        () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '',
      );

    // From the search field, Tab alone reaches the first row's menu button.
    await page.getByLabel('Search clients').focus();
    let presses = 0;
    while ((await focusedName()) !== 'Actions for Acme Outdoor' && presses < 20) {
      await page.keyboard.press('Tab');
      presses += 1;
    }
    expect(await focusedName()).toBe('Actions for Acme Outdoor');

    await page.keyboard.press('Enter');
    await expect.poll(focusedName).toBe('Edit');
    await page.keyboard.press('ArrowDown');
    await expect.poll(focusedName).toBe('Open in new tab');
    await page.keyboard.press('End');
    await expect.poll(focusedName).toBe('Delete');
    await page.keyboard.press('ArrowDown');
    await expect.poll(focusedName).toBe('Edit');
    await page.keyboard.press('ArrowUp');
    await expect.poll(focusedName).toBe('Delete');
    await page.keyboard.press('Home');
    await expect.poll(focusedName).toBe('Edit');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('menu').count()).toBe(0);
    expect(await focusedName()).toBe('Actions for Acme Outdoor');

    // ArrowUp opens the menu on its last item.
    await page.keyboard.press('ArrowUp');
    await expect.poll(focusedName).toBe('Delete');
    await page.keyboard.press('ArrowUp');
    await expect.poll(focusedName).toBe('Mark as Inactive');
    await page.keyboard.press('Enter');
    await dialog(page).waitFor();
    expect(await focusedName()).toBe('Cancel');
    await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('Mark as Inactive');
    await page.keyboard.press('Tab');
    expect(await focusedName()).toBe('Cancel');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedName()).toBe('Mark as Inactive');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).count()).toBe(0);
    // The dialog hands focus back once it has gone (Preact runs the cleanup after paint).
    await expect.poll(focusedName).toBe('Actions for Acme Outdoor');
    expect(await statusOf(page, 'Acme Outdoor')).toBe('Active');

    // Again, this time confirming from the keyboard.
    await page.keyboard.press('ArrowDown');
    await expect.poll(focusedName).toBe('Edit');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(focusedName).toBe('Mark as Inactive');
    await page.keyboard.press('Enter');
    await dialog(page).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => statusOf(page, 'Acme Outdoor')).toMatch(/^Inactive · \d+ days left$/);
    expect(await dialog(page).count()).toBe(0);
    await expect.poll(focusedName).toBe('Actions for Acme Outdoor');
  });
});

describe('Mark as Inactive', () => {
  it('says what will happen, then pauses the client, returns its unused licenses and keeps it until the purge date', async () => {
    const page = await start();
    const freeBefore = await freeLicenses(page);
    await chooseFromMenu(page, 'Acme Outdoor', 'Mark as Inactive');
    await dialog(page).waitFor();
    expect(await dialog(page).getByRole('heading').textContent()).toBe('Mark Acme Outdoor as inactive?');
    const text = (await dialog(page).textContent()) ?? '';
    expect(text).toContain('Its running experiments pause.');
    // 8,000 quota, 5,210 used.
    expect(await page.getByTestId('inactivate-licenses').textContent()).toBe(
      'Unused licenses that return to the pool: 2,790.',
    );
    const keptUntil = (await page.getByTestId('inactivate-purge').textContent()) ?? '';
    const purgeDate = /^Its data is kept until (\w{3} \d{1,2}, \d{4}), then deleted for good\.$/.exec(keptUntil)?.[1];
    expect(purgeDate).toBeDefined();
    expect(await axeViolations(page)).toEqual([]);

    await dialog(page).getByRole('button', { name: 'Mark as Inactive' }).click();
    await expect.poll(() => statusOf(page, 'Acme Outdoor')).toMatch(/^Inactive · \d+ days left$/);
    expect(await page.getByTestId('notice').textContent()).toBe(
      `Acme Outdoor is now inactive. Its data is kept until ${purgeDate}.`,
    );
    await expect.poll(() => freeLicenses(page)).toBe(freeBefore + 2790);

    // Pending deletion shows the purge date the dialog announced.
    await page.getByRole('link', { name: 'Pending deletion' }).click();
    await expect.poll(() => shownNames(page)).toContain('Acme Outdoor');
    expect(await row(page, 'Acme Outdoor').locator('time').textContent()).toBe(purgeDate);
  });
});

describe('Reactivate', () => {
  it('offers the old quota, refuses one the rules refuse next to the field, and brings the client back', async () => {
    const page = await start();
    const freeBefore = await freeLicenses(page);
    await chooseFromMenu(page, 'Helios Energy', 'Reactivate');
    await dialog(page).waitFor();
    expect(await dialog(page).getByRole('heading').textContent()).toBe('Reactivate Helios Energy');
    const quota = dialog(page).getByLabel('Visitor licenses');
    await expect.poll(() => quota.inputValue()).toBe('2000');
    await expect.poll(() => quota.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await dialog(page).locator('.hint').textContent()).toBe(
      `Its quota was 2,000 before it went inactive. The pool can give it at most ${freeBefore.toLocaleString('en-US')}.`,
    );
    expect(await axeViolations(page)).toEqual([]);

    // Its usage went back to zero with the new billing period, so the pool is the limit here.
    await quota.fill(String(freeBefore + 1));
    await dialog(page).getByRole('button', { name: 'Reactivate' }).click();
    await expect
      .poll(() => dialog(page).locator('.field-error').textContent())
      .toBe(
        `This needs ${(freeBefore + 1).toLocaleString('en-US')} more licenses, but only ${freeBefore.toLocaleString('en-US')} are free in the pool.`,
      );
    expect(await quota.getAttribute('aria-describedby')).toContain('error');
    expect(await axeViolations(page)).toEqual([]);
    expect(await statusOf(page, 'Helios Energy')).toMatch(/^Inactive/);

    await quota.fill('2000');
    await dialog(page).getByRole('button', { name: 'Reactivate' }).click();
    await expect.poll(() => statusOf(page, 'Helios Energy')).toBe('Active');
    expect(await page.getByTestId('notice').textContent()).toBe(
      'Helios Energy is active again with a quota of 2,000 visitors.',
    );
    expect(await row(page, 'Helios Energy').getByRole('meter').getAttribute('aria-valuetext')).toBe(
      '0 of 2,000 visitors used (0%)',
    );
    await expect.poll(() => freeLicenses(page)).toBe(freeBefore - 2000);
    expect(await openMenu(page, 'Helios Energy')).toEqual(['Edit', 'Open in new tab', 'Mark as Inactive', 'Delete']);
  });

  it('works from Pending deletion, which then no longer lists the client', async () => {
    harness = await launchExtension();
    const page = await dashboardWithSample(harness);
    await page.getByRole('link', { name: 'Pending deletion' }).click();
    await expect.poll(() => shownNames(page)).toEqual(['Northwind Books', 'Helios Energy']);
    await chooseFromMenu(page, 'Northwind Books', 'Reactivate');
    await dialog(page).getByRole('button', { name: 'Reactivate' }).click();
    await expect.poll(() => shownNames(page)).toEqual(['Helios Energy']);
    // Its row is gone, so focus goes to the heading rather than being lost.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('pending-heading');
  });
});

describe('Delete', () => {
  it('says it is immediate and permanent, wants the name typed, and removes the client', async () => {
    const page = await start();
    const freeBefore = await freeLicenses(page);
    await chooseFromMenu(page, 'Initech Software', 'Delete');
    await dialog(page).waitFor();
    expect(await dialog(page).getByRole('heading').textContent()).toBe('Delete Initech Software permanently?');
    const text = (await dialog(page).textContent()) ?? '';
    expect(text).toContain('Deleting is immediate and permanent.');
    expect(await page.getByTestId('delete-licenses').textContent()).toBe('Licenses that return to the pool: 3,000.');
    expect(await dialog(page).getByRole('button', { name: 'Mark as Inactive instead' }).count()).toBe(1);

    const confirm = dialog(page).getByRole('button', { name: 'Delete permanently' });
    const name = dialog(page).getByLabel("To confirm, type the client's name: Initech Software");
    await expect.poll(() => name.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await confirm.isDisabled()).toBe(true);
    await name.fill('Initech');
    expect(await confirm.isDisabled()).toBe(true);
    await name.fill('initech software');
    expect(await confirm.isDisabled()).toBe(true);
    await name.fill('  Initech Software ');
    expect(await confirm.isDisabled()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);

    await confirm.click();
    await expect.poll(() => row(page, 'Initech Software').count()).toBe(0);
    expect(await page.getByTestId('notice').textContent()).toBe('Initech Software was deleted permanently.');
    await expect.poll(() => page.getByTestId('client-count').textContent()).toBe('Clients in the roster: 7');
    await expect.poll(() => freeLicenses(page)).toBe(freeBefore + 3000);
    // The row that opened the dialog is gone; focus lands on the list's heading.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('clients-heading');
  });

  it('offers Mark as Inactive instead, and does not offer it for a client already inactive', async () => {
    const page = await start();
    await chooseFromMenu(page, 'Globex Finance', 'Delete');
    await dialog(page).getByRole('button', { name: 'Mark as Inactive instead' }).click();
    await expect.poll(() => dialog(page).getByRole('heading').textContent()).toBe('Mark Globex Finance as inactive?');
    await dialog(page).getByRole('button', { name: 'Mark as Inactive' }).click();
    await expect.poll(() => statusOf(page, 'Globex Finance')).toMatch(/^Inactive/);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Actions for Globex Finance');

    await chooseFromMenu(page, 'Globex Finance', 'Delete');
    await dialog(page).waitFor();
    expect(await dialog(page).getByRole('button', { name: 'Mark as Inactive instead' }).count()).toBe(0);
    await dialog(page).getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog(page).count()).toBe(0);
    expect(await row(page, 'Globex Finance').count()).toBe(1);
  });
});

describe('live updates', () => {
  it('redraws the list when another extension page changes the data, without a reload', async () => {
    const page = await start();
    const other = await harness!.openExtensionPage('options.html');
    await other.locator('tbody tr').nth(7).waitFor();

    await chooseFromMenu(other, 'Blue Harbor Hotels', 'Mark as Inactive');
    await other.getByRole('dialog').getByRole('button', { name: 'Mark as Inactive' }).click();
    await expect.poll(() => statusOf(page, 'Blue Harbor Hotels')).toMatch(/^Inactive · \d+ days left$/);

    // A client whose quota is brought down to its usage is paused by the quota rule.
    const initech = (await row(page, 'Initech Software').locator('code').textContent()) ?? '';
    await other.goto(harness!.extensionUrl(`options.html#/clients/${initech}`));
    await other.locator('input[name="overview.quota"]').fill('120');
    await other.locator('input[name="overview.quota"]').press('Enter');
    await expect.poll(() => statusOf(page, 'Initech Software')).toBe('Paused');
    expect(await row(page, 'Initech Software').getByRole('meter').getAttribute('aria-valuetext')).toBe(
      '120 of 120 visitors used (100%)',
    );

    await other.goto(harness!.extensionUrl('options.html#/clients'));
    await other.locator('tbody tr').nth(7).waitFor();
    await chooseFromMenu(other, 'Northwind Books', 'Delete');
    await other
      .getByRole('dialog')
      .getByLabel(/type the client's name/)
      .fill('Northwind Books');
    await other.getByRole('dialog').getByRole('button', { name: 'Delete permanently' }).click();
    await expect.poll(() => row(page, 'Northwind Books').count()).toBe(0);
    await expect.poll(() => page.getByTestId('client-count').textContent()).toBe('Clients in the roster: 7');
    expect(harness!.problems(page).pageErrors).toEqual([]);
  });
});
