// A roster of 10,000 clients in a real Chromium: the list shows one page of rows, pages on,
// and answers a search, a filter and a sort, while the DOM holds only the page it shows.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { dashboardWithSample, shownNames } from './dashboard-list-helpers';
import { launchExtension, type ExtensionHarness } from './harness';

const EXTRA = 10_000;

let harness: ExtensionHarness;
let page: Page;

/**
 * Writes `count` clients straight into IndexedDB, each a copy of a client the extension
 * itself stored (so every derived field of the current schema is there), with its own Org
 * ID, name, email and usage, and keeps the pool's books in step.
 */
async function seedClients(target: Page, count: number): Promise<void> {
  await target.evaluate(async (total) => {
    const request = indexedDB.open('agency-desk');
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = database.transaction(['clients', 'orgIds', 'meta'], 'readwrite');
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    const clients = tx.objectStore('clients');
    const meta = tx.objectStore('meta');
    const read = <T,>(source: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        source.onsuccess = () => resolve(source.result);
        source.onerror = () => reject(source.error);
      });
    const all = (await read(clients.getAll())) as Record<string, unknown>[];
    const template = all.find((client) => client.status === 'active' && client.name === 'Initech Software');
    if (!template) throw new Error('no template client');
    const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    const quota = 100;
    for (let index = 0; index < total; index += 1) {
      let code = '';
      for (let rest = index, digit = 0; digit < 6; digit += 1, rest = Math.floor(rest / 32)) code = alphabet[rest % 32] + code;
      const orgId = `ORG-ZZ${code}`;
      const name = `Scale Client ${String(index).padStart(5, '0')}`;
      const email = `owner${index}@scale${index}.test`;
      const domain = `scale${index}.test`;
      const usedVisitors = index % quota;
      const client: Record<string, unknown> = {
        ...template,
        orgId,
        name,
        company: `Scale Holdings ${index}`,
        domain,
        contact: { firstName: 'Sam', lastName: `Scale${index}`, email },
        quota,
        usedVisitors,
        nameKey: name.toLowerCase(),
        searchText: [name, `Scale Holdings ${index}`, orgId, email, domain].join(' ').toLowerCase(),
      };
      if ('atQuota' in template) client.atQuota = usedVisitors >= quota ? 1 : 0;
      clients.put(client);
      tx.objectStore('orgIds').put({ orgId, issuedAt: Date.now() });
    }
    const pool = (await read(meta.get('pool'))) as { key: 'pool'; value: { allocated: number } };
    const settings = (await read(meta.get('settings'))) as { key: 'settings'; value: { poolSize: number } };
    const allocated = pool.value.allocated + total * quota;
    meta.put({ key: 'pool', value: { allocated } });
    meta.put({ key: 'settings', value: { ...settings.value, poolSize: Math.max(settings.value.poolSize, allocated + 50_000) } });
    await done;
    database.close();
  }, count);
}

beforeAll(async () => {
  harness = await launchExtension();
  page = await dashboardWithSample(harness);
  await seedClients(page, EXTRA);
  // The writes bypassed Dexie, so this page is not told of them; a fresh load reads them.
  await page.reload();
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
    await expect.poll(async () => (await shownNames(page)).slice(0, 3)).toEqual([
      'さくら旅行',
      'Scale Client 00099',
      'Scale Client 00199',
    ]);
    expect(await page.locator('tbody tr').count()).toBe(50);
    expect(await page.locator('tr').count()).toBeLessThan(100);
    expect(harness.problems(page).pageErrors).toEqual([]);
  });
});
