// Settings in a real Chromium: errors next to the fields on leaving them and on Save, the
// pool refused below what clients hold, a live template preview, and the language switch.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { loadSample, openDashboard } from './dashboard-backup-helpers';
import { launchExtension, type ExtensionHarness } from './harness';

let harness: ExtensionHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const errorOf = (page: Page, name: string) => page.locator(`#field-${name}-error`);

describe('settings', () => {
  it('shows errors on leaving a field and on Save, previews the template, and saves what is valid', async () => {
    harness = await launchExtension();
    const page = await openDashboard(harness, '#/settings');
    await expect.poll(() => page.getByRole('heading', { name: 'Settings', level: 2 }).count()).toBe(1);

    await page.getByLabel('Agency name').fill('');
    await page.getByLabel('Agency name').blur();
    await expect.poll(() => errorOf(page, 'agencyName').textContent()).toBe('Agency name is required.');
    expect(await page.getByLabel('Agency name').getAttribute('aria-invalid')).toBe('true');

    const template = page.getByLabel('Workspace URL template');
    await template.fill('https://app.example.com/org');
    await template.blur();
    await expect
      .poll(() => errorOf(page, 'workspaceUrlTemplate').textContent())
      .toBe("Workspace URL template must contain {orgId} where the client's Org ID goes.");
    expect(await page.getByTestId('template-preview').textContent()).toBe(
      'A preview appears here once the template is a web address that contains {orgId}.',
    );
    await template.fill('https://app.example.com/org/{orgId}/home');
    await expect
      .poll(() => page.getByTestId('template-preview').textContent())
      .toBe(
        'For the example Org ID ORG-7K2M9QXD, the workspace address is https://app.example.com/org/ORG-7K2M9QXD/home',
      );
    expect(await errorOf(page, 'workspaceUrlTemplate').count()).toBe(0);

    const reminders = page.getByLabel('Reminder schedule');
    await reminders.fill('30, 7, soon');
    await reminders.blur();
    await expect
      .poll(() => errorOf(page, 'reminderDays').textContent())
      .toBe('Reminder schedule must list whole numbers of days separated by commas, such as 30, 7, 1.');
    await reminders.fill('30, 7, 7');
    await expect
      .poll(() => errorOf(page, 'reminderDays').textContent())
      .toBe('Reminder schedule lists the same day more than once.');
    await reminders.fill('120');
    await expect.poll(() => errorOf(page, 'reminderDays').textContent()).toBe('Reminder schedule must be at most 90.');
    expect(await axeViolations(page)).toEqual([]);

    // Save with the agency name still empty: refused, and the focus goes to that field.
    await reminders.fill('14, 3');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(() => page.getByTestId('settings-notice').textContent())
      .toBe('The settings were not saved. Correct the fields marked below and save again.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('agencyName');

    await page.getByLabel('Agency name').fill('Tanaka Digital');
    await page.getByLabel('First day of the billing period').selectOption('15');
    await page.getByLabel('Time zone').selectOption('Asia/Tokyo');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByTestId('settings-notice').textContent()).toBe('The settings were saved.');
    await expect.poll(() => page.locator('.dashboard-header .muted').textContent()).toBe('Tanaka Digital');

    await page.reload();
    await expect.poll(() => page.getByLabel('Agency name').inputValue()).toBe('Tanaka Digital');
    expect(await page.getByLabel('Workspace URL template').inputValue()).toBe(
      'https://app.example.com/org/{orgId}/home',
    );
    expect(await page.getByLabel('Reminder schedule').inputValue()).toBe('14, 3');
    expect(await page.getByLabel('First day of the billing period').inputValue()).toBe('15');
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Asia/Tokyo');
    expect(harness.problems(page).pageErrors).toEqual([]);
  });

  it('refuses a pool below the licenses clients hold, and previews the template for the first client', async () => {
    harness = await launchExtension();
    const page = await openDashboard(harness, '#/clients');
    await loadSample(page);
    await page.goto(page.url().replace(/#.*$/, '#/settings'));

    await expect
      .poll(() => page.getByTestId('template-preview').textContent())
      .toMatch(
        /^For Acme Outdoor \(ORG-[0-9A-Z]{8}\), the workspace address is https:\/\/app\.example\.com\/orgs\/ORG-[0-9A-Z]{8}$/,
      );
    const hint = await page.locator('#field-poolSize-hint').textContent();
    const allocated = Number(/hold ([\d,]+) licenses/.exec(hint ?? '')?.[1]?.replaceAll(',', ''));
    expect(allocated).toBeGreaterThan(0);

    await page.getByLabel('Pool size').fill(String(allocated - 1));
    await page.getByLabel('Pool size').blur();
    const reason = `The pool cannot be smaller than the ${allocated.toLocaleString('en-US')} licenses that clients already hold.`;
    await expect.poll(() => errorOf(page, 'poolSize').textContent()).toBe(reason);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByTestId('settings-notice').textContent()).toMatch(/not saved/);
    await expect.poll(() => page.getByTestId('pool-summary').textContent()).toMatch(/of 50,000 visitor licenses/);

    await page.getByLabel('Pool size').fill(String(allocated));
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByTestId('settings-notice').textContent()).toBe('The settings were saved.');
    await expect.poll(() => page.getByTestId('pool-summary').textContent()).toMatch(/^0 of /);
  });

  it('switches the whole dashboard to Japanese and back, from the keyboard alone', async () => {
    harness = await launchExtension();
    const page = await openDashboard(harness, '#/settings');
    await expect.poll(() => page.getByLabel('Language').count()).toBe(1);

    // Tab from the top of the page to the language choice, pick 日本語, and save with Enter.
    await page.locator('body').focus();
    for (let step = 0; step < 40; step += 1) {
      if ((await page.evaluate(() => document.activeElement?.getAttribute('name'))) === 'language') break;
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('language');
    await page.getByLabel('Language').selectOption('ja');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Save settings');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.locator('h1').textContent()).toBe('代理店ダッシュボード');
    await expect.poll(() => page.getByRole('heading', { name: '設定', level: 2 }).count()).toBe(1);
    expect(await page.getByRole('navigation').textContent()).toContain('バックアップとインポート');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(await page.title()).toBe('代理店ダッシュボード');
    expect(await page.getByTestId('settings-notice').textContent()).toBe('設定を保存しました。');
    expect(await page.getByRole('button', { name: '設定を保存' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('代理店ダッシュボード');
    await page.getByLabel('言語').selectOption('en');
    await page.getByRole('button', { name: '設定を保存' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Agency dashboard');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });
});
