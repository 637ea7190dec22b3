// Manage Clients and Pending deletion in a real Chromium with the built extension: the
// sample agency's clients with their Org IDs, contacts, status badges and quota bars;
// search, filter and sort; the pending list in purge order with its countdown.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import {
  daysFromToday,
  dashboardWithSample,
  row,
  SAMPLE_NAMES_BY_NAME,
  shownNames,
  statusOf,
} from './dashboard-list-helpers';
import { launchExtension, type ExtensionHarness } from './harness';

let harness: ExtensionHarness;
let page: Page;

beforeAll(async () => {
  harness = await launchExtension();
  page = await dashboardWithSample(harness);
});

afterAll(async () => {
  await harness?.close();
});

async function setControls(query: string, status = 'all', sort = 'name') {
  await page.getByLabel('Search clients').fill(query);
  await page.getByLabel('Status', { exact: true }).selectOption(status);
  await page.getByLabel('Sort by').selectOption(sort);
}

/** Names shown once the list has settled on `expected` (the search waits for a pause in typing). */
async function expectNames(expected: string[]) {
  await expect.poll(() => shownNames(page)).toEqual(expected);
}

beforeEach(async () => {
  if (!page.url().endsWith('#/clients')) await page.goto(harness.extensionUrl('options.html#/clients'));
  await page.getByLabel('Search clients').waitFor();
  await setControls('');
  await expectNames(SAMPLE_NAMES_BY_NAME);
});

describe('Manage Clients', () => {
  it('lists every client with its Org ID, main contact, status badge and quota bar', async () => {
    expect(await page.getByRole('heading', { name: 'Manage Clients', level: 2 }).count()).toBe(1);
    expect(await page.getByTestId('list-range').textContent()).toBe('Clients 1–8 of 8');

    const acme = row(page, 'Acme Outdoor');
    const cells = await acme.locator('td').allTextContents();
    expect(cells[0]).toBe('Acme OutdoorAcme Outdoor GmbH');
    expect(cells[1]).toMatch(/^ORG-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(cells[2]).toBe('Maya Fischermaya.fischer@acme-outdoor.test');
    expect(await statusOf(page, 'Acme Outdoor')).toBe('Active');
    const meter = acme.getByRole('meter', { name: 'Quota used' });
    expect(await meter.getAttribute('aria-valuetext')).toBe('5,210 of 8,000 visitors used (65%)');
    expect(await meter.getAttribute('aria-valuenow')).toBe('5210');
    expect(await acme.getByRole('link', { name: 'Acme Outdoor' }).getAttribute('href')).toBe(`#/clients/${cells[1]}`);

    expect(await statusOf(page, 'さくら旅行')).toBe('Paused');
    expect(await row(page, 'さくら旅行').getByRole('meter').getAttribute('aria-valuetext')).toBe(
      '6,000 of 6,000 visitors used (100%)',
    );

    // Inactive clients count down to their purge date, in whole calendar days.
    for (const name of ['Helios Energy', 'Northwind Books'])
      expect(await statusOf(page, name)).toMatch(/^Inactive · \d+ days left$/);
    expect(await row(page, 'Helios Energy').getByTestId('client-usage').textContent()).toBe(
      '0 visitors used; its unused licenses went back to the pool.',
    );

    // The agency's pool sits above the list as a bar with its numbers.
    expect(await page.getByRole('meter', { name: 'License pool' }).count()).toBe(1);
    expect(await page.getByTestId('pool-summary').textContent()).toBe(
      '12,000 of 50,000 visitor licenses are free; 38,000 are allocated to clients.',
    );
    expect(await axeViolations(page)).toEqual([]);
    expect(harness.problems(page).pageErrors).toEqual([]);
  });

  it('finds clients by name, company, Org ID, email or domain', async () => {
    const orgId = (await row(page, 'Initech Software').locator('code').textContent()) ?? '';
    await setControls('harbor');
    await expectNames(['Blue Harbor Hotels']);
    await setControls('GMBH');
    await expectNames(['Acme Outdoor']);
    await setControls('hospitality');
    await expectNames(['Blue Harbor Hotels']);

    await setControls(orgId.toLowerCase());
    await expectNames(['Initech Software']);

    await setControls('priya.raman@');
    await expectNames(['Globex Finance']);
    await setControls('northwind-books.test');
    await expectNames(['Northwind Books']);
    await setControls('株式会社');
    await expectNames(['さくら旅行', 'ミドリ製薬']);

    await setControls('no such client anywhere');
    await expect
      .poll(() => page.getByTestId('list-range').textContent())
      .toBe('No clients match your search and filter.');
    expect(await page.locator('table').count()).toBe(0);
    expect(await page.getByTestId('client-count').textContent()).toBe('Clients in the roster: 8');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('filters by status', async () => {
    await setControls('', 'paused');
    await expectNames(['さくら旅行']);
    await setControls('', 'inactive');
    await expectNames(['Helios Energy', 'Northwind Books']);
    await setControls('', 'active');
    await expectNames(['Acme Outdoor', 'Blue Harbor Hotels', 'Globex Finance', 'Initech Software', 'ミドリ製薬']);
    await setControls('outdoor', 'active');
    await expectNames(['Acme Outdoor']);
    await setControls('outdoor', 'inactive');
    await expect
      .poll(() => page.getByTestId('list-range').textContent())
      .toBe('No clients match your search and filter.');
    await setControls('', 'all');
    await expectNames(SAMPLE_NAMES_BY_NAME);
  });

  it('sorts by name, by usage and by purge date', async () => {
    await setControls('', 'all', 'usage');
    await expectNames([
      'さくら旅行',
      'Blue Harbor Hotels',
      'Acme Outdoor',
      'ミドリ製薬',
      'Globex Finance',
      'Initech Software',
      'Helios Energy',
      'Northwind Books',
    ]);
    await setControls('', 'all', 'purgeOn');
    await expectNames([
      'Northwind Books',
      'Helios Energy',
      'Acme Outdoor',
      'Blue Harbor Hotels',
      'Globex Finance',
      'Initech Software',
      'さくら旅行',
      'ミドリ製薬',
    ]);
    await setControls('', 'all', 'name');
    await expectNames(SAMPLE_NAMES_BY_NAME);
  });
});

describe('Pending deletion', () => {
  it('lists the inactive clients, soonest purge first, with the date and a countdown', async () => {
    await page.getByRole('link', { name: 'Pending deletion' }).click();
    await expect.poll(() => shownNames(page)).toEqual(['Northwind Books', 'Helios Energy']);
    expect(await page.getByRole('heading', { name: 'Pending deletion', level: 2 }).count()).toBe(1);

    for (const name of ['Northwind Books', 'Helios Energy']) {
      const date = row(page, name).locator('time');
      const iso = (await date.getAttribute('datetime')) ?? '';
      expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(await date.textContent()).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
      const days = await daysFromToday(page, iso);
      expect(days).toBeGreaterThan(1);
      expect(await row(page, name).getByTestId('countdown').textContent()).toBe(`${days} days left`);
    }
    // The list's badge counts the same days.
    const heliosDays = await row(page, 'Helios Energy').getByTestId('countdown').textContent();
    await page.getByRole('link', { name: 'Manage Clients' }).click();
    await expect.poll(() => statusOf(page, 'Helios Energy')).toBe(`Inactive · ${heliosDays}`);

    await page.getByRole('link', { name: 'Pending deletion' }).click();
    await expect.poll(() => shownNames(page)).toEqual(['Northwind Books', 'Helios Energy']);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Manage Clients' }).click();
  });
});

describe('in Japanese', () => {
  it('labels the list, its controls, badges and countdowns in Japanese', async () => {
    const japanese = await launchExtension({ locale: 'ja' });
    try {
      const view = await japanese.openExtensionPage('options.html');
      await view.getByRole('button', { name: 'サンプルデータを読み込む' }).click();
      await view.locator('tbody tr').nth(7).waitFor();
      expect(await view.getByRole('heading', { level: 2, name: 'クライアント管理' }).count()).toBe(1);
      expect(await view.getByLabel('クライアントを検索').count()).toBe(1);
      expect(await view.locator('thead th').allTextContents()).toEqual([
        'クライアント',
        '組織ID',
        '主担当者',
        'ステータス',
        '訪問者数／割当',
        '上限到達予測',
        'プランと支払い',
        '操作',
      ]);
      expect(await view.getByTestId('list-range').textContent()).toBe('8件中 1～8件目');
      const badge = view.locator('tbody tr').filter({ hasText: 'Helios Energy' }).getByTestId('client-status');
      expect(await badge.textContent()).toMatch(/^非アクティブ · 残り\d+日$/);
      // A Japanese contact's family name comes first.
      expect(
        await view.locator('tbody tr').filter({ hasText: 'さくら旅行' }).locator('td').nth(2).textContent(),
      ).toMatch(/^山田 花子/);
      await view.getByRole('button', { name: 'Helios Energyの操作' }).click();
      expect(await view.getByRole('menuitem').allTextContents()).toEqual([
        '編集',
        '新しいタブで開く',
        '再有効化',
        '削除',
      ]);
      expect(await axeViolations(view)).toEqual([]);
    } finally {
      await japanese.close();
    }
  });
});
