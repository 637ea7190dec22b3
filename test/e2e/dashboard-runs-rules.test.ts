// A change made in the dashboard asks the background to apply its rules at once: a client whose
// usage reached its quota (here: written as an import would) is paused without waiting for the
// periodic alarm, and the list shows it without a reload.

import { afterEach, describe, expect, it } from 'vitest';
import { openDashboard, seed, settingsRecord, storedClient } from './background-helpers';
import { type ExtensionHarness, launchExtension } from './harness';

let harness: ExtensionHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('dashboard changes trigger a background run', () => {
  it('pauses a client at its quota after any change in the dashboard', async () => {
    harness = await launchExtension();
    const page = await openDashboard(harness);
    await seed(page, {
      meta: [settingsRecord(), { key: 'pool', value: { allocated: 20 } }],
      clients: [
        storedClient(1, 'Full Client', { quota: 10, usedVisitors: 10 }),
        storedClient(2, 'Other Client', { quota: 10 }),
      ],
    });
    // Raw IndexedDB writes are not observed by the page: load it afresh.
    await page.goto(page.url().replace(/#.*$/, '') + '#/clients');
    await page.reload();
    const fullRow = page.getByRole('row').filter({ hasText: 'Full Client' });
    await expect.poll(() => fullRow.getByText('Active', { exact: true }).count()).toBe(1);

    // Any change will do: a new agency name in Settings.
    await page.goto(page.url().replace(/#.*$/, '') + '#/settings');
    await page.getByRole('textbox', { name: /Agency name/ }).fill('Northwind Digital KK');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.goto(page.url().replace(/#.*$/, '') + '#/clients');

    await expect.poll(() => fullRow.getByText('Paused', { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    expect(
      await page.getByRole('row').filter({ hasText: 'Other Client' }).getByText('Active', { exact: true }).count(),
    ).toBe(1);
  });
});
