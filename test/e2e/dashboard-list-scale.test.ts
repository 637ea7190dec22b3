// A roster of 10,000 clients in a real Chromium: the list shows one page of rows, pages on,
// and answers a search, a filter and a sort, while the DOM holds only the page it shows.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { shownNames } from './dashboard-list-helpers';
import { launchExtension, type ExtensionHarness } from './harness';
import { dashboardWithSeededClients } from './seed-clients';

const EXTRA = 10_000;

let harness: ExtensionHarness;
let page: Page;

beforeAll(async () => {
  harness = await launchExtension();
  page = await dashboardWithSeededClients(harness, EXTRA);
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

describe('a roster of 10,000 clients', () => {
  it('shows the first page of rows and pages through the rest', async () => {
    await expect.poll(() => page.getByTestId('client-count').textContent()).toBe('Clients in the roster: 10,008');
    await expect.poll(() => page.getByTestId('list-range').textContent()).toBe('Clients 1–50 of 10,008');
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(50);
    expect((await shownNames(page)).slice(0, 7)).toEqual([
      'Acme Outdoor',
      'Blue Harbor Hotels',
      'Globex Finance',
      'Helios Energy',
      'Initech Software',
      'Northwind Books',
      'Scale Client 00000',
    ]);
    expect(await page.getByTestId('page-position').textContent()).toBe('Page 1 of 201');

    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => page.getByTestId('list-range').textContent()).toBe('Clients 51–100 of 10,008');
    expect((await shownNames(page))[0]).toBe('Scale Client 00044');
    expect(await rows.count()).toBe(50);
    expect(await page.getByTestId('page-position').textContent()).toBe('Page 2 of 201');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await expect.poll(() => page.getByTestId('list-range').textContent()).toBe('Clients 1–50 of 10,008');
    expect(harness.problems(page).pageErrors).toEqual([]);
  });

  it('answers typing, filtering and sorting with the DOM holding one page at most', async () => {
    const search = page.getByLabel('Search clients');
    await search.pressSequentially('scale client 0999');
    // 00999, 09990 to 09999, and 09513 whose Org ID is ORG-ZZ000999.
    await expect.poll(() => page.getByTestId('list-range').textContent()).toBe('Clients 1–12 of 12');
    expect(await shownNames(page)).toEqual([
      'Scale Client 00999',
      'Scale Client 09513',
      ...Array.from({ length: 10 }, (_, digit) => `Scale Client 0999${digit}`),
    ]);
    await search.pressSequentially('9');
    await expect.poll(() => shownNames(page)).toEqual(['Scale Client 09999']);
    await search.fill('scale9876.test');
    await expect.poll(() => shownNames(page)).toEqual(['Scale Client 09876']);

    await search.fill('');
    await page.getByLabel('Status', { exact: true }).selectOption('inactive');
    await expect.poll(() => shownNames(page)).toEqual(['Helios Energy', 'Northwind Books']);
    await page.getByLabel('Status', { exact: true }).selectOption('all');
    await page.getByLabel('Sort by').selectOption('usage');
    await expect
      .poll(async () => (await shownNames(page)).slice(0, 3))
      .toEqual(['さくら旅行', 'Scale Client 00099', 'Scale Client 00199']);
    expect(await page.locator('tbody tr').count()).toBe(50);
    expect(await page.locator('tr').count()).toBeLessThan(100);
    expect(harness.problems(page).pageErrors).toEqual([]);
  });
});
