// The dashboard shell in a real Chromium: the pool and roster read from IndexedDB, sample
// data loads with one click and the page redraws from the database without a reload.

import { afterEach, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { launchExtension, type ExtensionHarness } from './harness';

let harness: ExtensionHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('agency dashboard shell', () => {
  it('loads sample data into an empty roster and shows it without a reload', async () => {
    harness = await launchExtension();
    const page = await harness.openExtensionPage('options.html');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Agency dashboard');
    await expect.poll(() => page.getByTestId('client-count').textContent()).toBe('Clients in the roster: 0');

    await page.getByRole('button', { name: 'Load sample data' }).click();

    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('Sample data loaded: 8 clients.');
    await expect.poll(() => page.getByTestId('client-count').textContent()).toBe('Clients in the roster: 8');
    await expect
      .poll(() => page.getByTestId('pool-summary').textContent())
      .toMatch(/of 50,000 visitor licenses are free/);
    expect(await page.getByRole('button', { name: 'Load sample data' }).count()).toBe(0);

    // Another page of the extension reads the same database.
    const popup = await harness.openExtensionPage('popup.html');
    const free = (await page.getByTestId('pool-summary').textContent())?.match(/^([\d,]+) of 50,000/)?.[1];
    await expect
      .poll(() => popup.getByTestId('popup-free-licenses').textContent())
      .toBe(`Free licenses in the pool: ${free}`);
    expect(harness.problems(page).pageErrors).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('speaks Japanese in a Japanese browser', async () => {
    harness = await launchExtension({ locale: 'ja' });
    const page = await harness.openExtensionPage('options.html');
    await expect.poll(() => page.locator('h1').textContent()).toBe('代理店ダッシュボード');
    await expect.poll(() => page.getByTestId('client-count').textContent()).toBe('登録クライアント数：0');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    await expect.poll(() => page.getByRole('button', { name: 'サンプルデータを読み込む' }).count()).toBe(1);
  });
});
