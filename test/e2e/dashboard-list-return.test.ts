// Manage Clients keeps its place in a real Chromium: the search, filter, sort and page live in
// the address, so Back from a client's overview, the overview's own link back and a reload all
// return to the list as it was left, while the nav's Clients link opens the plain list.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { shownNames } from './dashboard-list-helpers';
import { launchExtension, type ExtensionHarness } from './harness';
import { dashboardWithSeededClients } from './seed-clients';

/** With the sample's eight, 68 clients: two pages of the whole list, and 60 that match "scale". */
const EXTRA = 60;
const LEFT_AT = '#/clients?q=scale&status=active&sort=usage&page=2';
/** Page 2 of the "scale" clients by usage, fullest first: Scale Client n has used n% of its quota. */
const PAGE_TWO = Array.from({ length: 10 }, (_, index) => `Scale Client ${String(9 - index).padStart(5, '0')}`);

let harness: ExtensionHarness;
let page: Page;

beforeAll(async () => {
  harness = await launchExtension();
  page = await dashboardWithSeededClients(harness, EXTRA);
  await page
    .getByTestId('list-range')
    .filter({ hasText: /^Clients 1–50 of 68$/ })
    .waitFor();
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

const hash = () => page.evaluate(() => location.hash);
const search = () => page.getByLabel('Search clients');
const statusFilter = () => page.getByLabel('Status', { exact: true });
const sortBy = () => page.getByLabel('Sort by');

/** The list shows page 2 of the active "scale" clients by usage, with its controls set so. */
async function expectListAsLeft() {
  await expect.poll(() => page.getByTestId('list-range').textContent()).toBe('Clients 51–60 of 60');
  expect(await shownNames(page)).toEqual(PAGE_TWO);
  expect(await search().inputValue()).toBe('scale');
  expect(await statusFilter().inputValue()).toBe('active');
  expect(await sortBy().inputValue()).toBe('usage');
  expect(await page.getByTestId('page-position').textContent()).toBe('Page 2 of 2');
  expect(await hash()).toBe(LEFT_AT);
}

async function openClient(name: string) {
  await page.getByRole('link', { name, exact: true }).click();
  await expect.poll(() => page.locator('#overview-heading').textContent()).toBe(name);
}

describe('the client list keeps its place', () => {
  it('writes the search, filter, sort and page into the address without a history entry per keystroke', async () => {
    const entries = await page.evaluate(() => history.length);
    await search().pressSequentially('scale');
    await expect.poll(() => page.getByTestId('list-range').textContent()).toBe('Clients 1–50 of 60');
    // Typing re-routed nothing: the search box keeps the focus and Back has no keystrokes to undo.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('clients-search');
    expect(await page.evaluate(() => history.length)).toBe(entries);
    await expect.poll(hash).toBe('#/clients?q=scale');

    await statusFilter().selectOption('active');
    await sortBy().selectOption('usage');
    await page.getByRole('button', { name: 'Next page' }).click();
    await expectListAsLeft();
    expect(await page.evaluate(() => history.length)).toBe(entries);
    expect(harness.problems(page).pageErrors).toEqual([]);
  });

  it('comes back as it was with the Back button', async () => {
    await openClient('Scale Client 00004');
    expect(await hash()).toMatch(/^#\/clients\/ORG-/);
    await page.goBack();
    await expectListAsLeft();
  });

  it("comes back as it was with the overview's link back to the list", async () => {
    await openClient('Scale Client 00007');
    await page.getByRole('link', { name: 'Back to Manage Clients' }).click();
    await expectListAsLeft();
  });

  it('comes back as it was after a reload, and passes axe', async () => {
    await page.reload();
    await expectListAsLeft();
    expect(await axeViolations(page)).toEqual([]);
    expect(harness.problems(page).pageErrors).toEqual([]);
  });

  it("opens the plain list from the nav's Clients link, and Back returns to the list as it was", async () => {
    await page
      .getByRole('navigation', { name: 'Dashboard sections' })
      .getByRole('link', { name: 'Manage Clients' })
      .click();
    await expect.poll(() => page.getByTestId('list-range').textContent()).toBe('Clients 1–50 of 68');
    expect(await search().inputValue()).toBe('');
    expect(await statusFilter().inputValue()).toBe('all');
    expect(await sortBy().inputValue()).toBe('name');
    expect(await hash()).toBe('#/clients');
    // From here, the overview's link leads back to this plain list: it is the list as last left.
    await openClient('Acme Outdoor');
    await page.getByRole('link', { name: 'Back to Manage Clients' }).click();
    await expect.poll(hash).toBe('#/clients');
    await expect.poll(async () => (await shownNames(page))[0]).toBe('Acme Outdoor');
    expect(await search().inputValue()).toBe('');

    // A real change of the address while on the list redraws it from the address.
    await page.goBack();
    await expect.poll(hash).toMatch(/^#\/clients\/ORG-/);
    await page.goBack();
    await expect.poll(hash).toBe('#/clients');
    await page.goBack();
    await expectListAsLeft();
  });

  it('shows the last page when the address names a page past the end', async () => {
    await page.evaluate(() => {
      location.hash = '#/clients?q=scale&status=active&sort=usage&page=9';
    });
    await expectListAsLeft();
  });

  it('leads a page opened on an overview back to the plain list', async () => {
    const orgId = (await page.locator('tbody tr').first().locator('code').textContent()) ?? '';
    const fresh = await harness.openExtensionPage(`options.html#/clients/${orgId}`);
    await fresh.getByRole('link', { name: 'Back to Manage Clients' }).click();
    await expect.poll(() => fresh.evaluate(() => location.hash)).toBe('#/clients');
    await expect.poll(() => fresh.getByTestId('list-range').textContent()).toBe('Clients 1–50 of 68');
    expect(await fresh.getByLabel('Search clients').inputValue()).toBe('');
    expect(harness.problems(fresh).pageErrors).toEqual([]);
    await fresh.close();
  });
});
