// The client switcher in a real Chromium: the popup (opened as a tab) finds clients as one
// types, moves its selection with the keyboard, opens workspaces in a new or the current tab,
// and refuses an address that is not http(s).

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { dashboardWithSample, SAMPLE_NAMES_BY_NAME } from './dashboard-list-helpers';
import { launchExtension, type ExtensionHarness } from './harness';

const WORKSPACE_HOST = 'https://app.example.com';
const ORG_ID = /ORG-[0-9A-HJKMNP-TV-Z]{8}/;

let harness: ExtensionHarness;

beforeAll(async () => {
  harness = await launchExtension();
  await (await dashboardWithSample(harness)).close();
});

afterAll(async () => {
  await harness?.close();
});

async function openPopup(): Promise<Page> {
  const page = await harness.openExtensionPage('popup.html');
  await page.setViewportSize({ width: 440, height: 600 });
  await page.getByRole('option').first().waitFor();
  return page;
}

const optionNames = (page: Page) => page.locator('[role="option"] .switcher-row-name').allTextContents();
const selectedName = (page: Page) =>
  page.locator('[role="option"][aria-selected="true"] .switcher-row-name').textContent();

/**
 * The address a tab was sent to. The workspaces do not exist, so the tab shows Chromium's error
 * page (page.url() is chrome-error://...); its history entry keeps the address asked for.
 */
async function requestedUrl(page: Page): Promise<string | undefined> {
  const session = await harness.context.newCDPSession(page);
  try {
    const { currentIndex, entries } = await session.send('Page.getNavigationHistory');
    return entries[currentIndex]?.url;
  } finally {
    await session.detach();
  }
}

async function orgIdOf(page: Page, name: string): Promise<string> {
  const text = await page.getByRole('option').filter({ hasText: name }).locator('.switcher-row-org').textContent();
  const orgId = text?.match(ORG_ID)?.[0];
  if (!orgId) throw new Error(`no Org ID shown for ${name}`);
  return orgId;
}

describe('toolbar popup: client switcher', () => {
  it('lists the roster with the search box focused, and narrows it on every keystroke', async () => {
    const page = await openPopup();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('switcher-search');
    expect(await page.getByRole('combobox', { name: 'Find a client' }).count()).toBe(1);

    // None opened yet: by name, as the dashboard lists them.
    expect(await optionNames(page)).toEqual(SAMPLE_NAMES_BY_NAME);
    // Status in words, usage in percent, Org ID and company on every row.
    const sakura = page.getByRole('option').filter({ hasText: 'さくら旅行' });
    expect(await sakura.textContent()).toMatch(/株式会社さくら旅行 · ORG-.{8}.*Paused.*100% of quota used/);
    expect(await page.getByRole('option').filter({ hasText: 'Northwind Books' }).textContent()).toContain('Inactive');
    expect(await page.getByRole('option').filter({ hasText: 'Acme Outdoor' }).textContent()).toContain(
      '65% of quota used',
    );

    const search = page.getByRole('combobox');
    await search.pressSequentially('ＡＣＭＥ');
    expect(await optionNames(page)).toEqual(['Acme Outdoor']);
    expect(await selectedName(page)).toBe('Acme Outdoor');
    const selectedId = await page.locator('[role="option"][aria-selected="true"]').getAttribute('id');
    expect(await search.getAttribute('aria-activedescendant')).toBe(selectedId);

    await search.press('Escape');
    expect(await search.inputValue()).toBe('');
    expect(await optionNames(page)).toHaveLength(8);

    await search.pressSequentially('ｻｸﾗ');
    expect(await optionNames(page)).toEqual(['さくら旅行']);

    // Search by Org ID, domain and contact email too.
    const sakuraId = await orgIdOf(page, 'さくら旅行');
    await search.fill(sakuraId.toLowerCase());
    expect(await optionNames(page)).toEqual(['さくら旅行']);
    await search.fill('initech.test');
    expect(await optionNames(page)).toEqual(['Initech Software']);
    await search.fill('zzzz');
    expect(await page.getByText('No client matches “zzzz”.').count()).toBe(1);

    expect(harness.problems(page).pageErrors).toEqual([]);
    await page.close();
  });

  it('moves the selection with the arrow keys', async () => {
    const page = await openPopup();
    const search = page.getByRole('combobox');
    await search.pressSequentially('o');
    const names = await optionNames(page);
    expect(names.length).toBeGreaterThan(2);
    expect(await selectedName(page)).toBe(names[0]);
    await search.press('ArrowDown');
    await search.press('ArrowDown');
    expect(await selectedName(page)).toBe(names[2]);
    await search.press('ArrowUp');
    expect(await selectedName(page)).toBe(names[1]);
    for (let i = 0; i < 5; i += 1) await search.press('ArrowUp');
    expect(await selectedName(page)).toBe(names[0]);
    await page.close();
  });

  it('opens the selected workspace in a new tab on Enter, and lists that client first from then on', async () => {
    const page = await openPopup();
    const search = page.getByRole('combobox');
    await search.pressSequentially('glob');
    const orgId = await orgIdOf(page, 'Globex Finance');

    const [workspace] = await Promise.all([harness.context.waitForEvent('page'), search.press('Enter')]);
    await expect.poll(() => requestedUrl(workspace)).toBe(`${WORKSPACE_HOST}/orgs/${orgId}`);
    await workspace.close();

    await page.reload();
    await page.getByRole('option').first().waitFor();
    expect((await optionNames(page))[0]).toBe('Globex Finance');
    await page.close();
  });

  it('opens a workspace in the current tab with Access', async () => {
    const page = await openPopup();
    const orgId = await orgIdOf(page, 'Helios Energy');
    const pagesBefore = harness.context.pages().length;
    await page.getByRole('option').filter({ hasText: 'Helios Energy' }).getByText('Access').click();
    await expect.poll(() => requestedUrl(page)).toBe(`${WORKSPACE_HOST}/orgs/${orgId}`);
    expect(harness.context.pages().length).toBe(pagesBefore);
    await page.close();
  });

  it('shows why a workspace address that is not http(s) is refused, and never opens it', async () => {
    const page = await openPopup();
    const orgId = await orgIdOf(page, 'Initech Software');
    // Only older or imported data can hold such an address (input refuses it): write it directly.
    await page.evaluate(async (id) => {
      const open = indexedDB.open('agency-desk');
      const database = await new Promise<IDBDatabase>((done, fail) => {
        open.onsuccess = () => done(open.result);
        open.onerror = () => fail(open.error);
      });
      const store = database.transaction('clients', 'readwrite').objectStore('clients');
      const read = store.get(id);
      await new Promise((done) => (read.onsuccess = done));
      store.put({ ...read.result, workspaceUrl: 'javascript:alert(document.domain)' });
      await new Promise((done) => (store.transaction.oncomplete = done));
      database.close();
    }, orgId);
    await page.reload();
    await page.getByRole('option').first().waitFor();

    const search = page.getByRole('combobox');
    await search.pressSequentially('initech');
    const row = page.getByRole('option').filter({ hasText: 'Initech Software' });
    expect(await row.textContent()).toContain('Not opened: the address is not http(s).');
    expect(await row.getAttribute('aria-disabled')).toBe('true');

    const pagesBefore = harness.context.pages().length;
    await search.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('This workspace address does not start with http:// or https://, so Agency Desk will not open it.');
    // The row says it is disabled, which playwright respects; a person can still click it.
    await row.click({ force: true });
    await row.getByText('Access').click({ force: true });
    expect(harness.context.pages().length).toBe(pagesBefore);
    expect(page.url()).toBe(harness.extensionUrl('popup.html'));
    await page.close();
  });

  it('passes an accessibility check', async () => {
    const page = await openPopup();
    await page.getByRole('combobox').pressSequentially('a');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('toolbar popup in Japanese', () => {
  it('speaks Japanese and, with no clients yet, shows the way to the dashboard', async () => {
    const japanese = await launchExtension({ locale: 'ja' });
    try {
      const page = await japanese.openExtensionPage('popup.html');
      await page
        .getByText(
          'クライアントはまだいません。代理店ダッシュボードでクライアントを追加するか、サンプルデータを読み込んでください。',
        )
        .waitFor();
      expect(await page.getByRole('combobox', { name: 'クライアントを探す' }).count()).toBe(1);
      expect(await page.getByRole('button', { name: '代理店ダッシュボードを開く' }).count()).toBe(2);
      expect(japanese.problems(page).pageErrors).toEqual([]);
    } finally {
      await japanese.close();
    }
  });
});
