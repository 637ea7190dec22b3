// Many clients in a dashboard's database in one go, for tests of long lists: faster than
// creating them through the page, and each one shaped exactly as the extension stores clients.

import type { Page } from 'playwright-core';
import { dashboardWithSample } from './dashboard-list-helpers';
import type { ExtensionHarness } from './harness';

/**
 * Writes `count` clients straight into IndexedDB, each a copy of a client the extension
 * itself stored (so every derived field of the current schema is there), with its own Org
 * ID, name, email and usage, and keeps the pool's books in step.
 */
export async function seedClients(target: Page, count: number): Promise<void> {
  await target.evaluate(async (total) => {
    const request = indexedDB.open('agency-desk');
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = database.transaction(['clients', 'meta'], 'readwrite');
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    const clients = tx.objectStore('clients');
    const meta = tx.objectStore('meta');
    const read = <T>(source: IDBRequest<T>) =>
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
      for (let rest = index, digit = 0; digit < 6; digit += 1, rest = Math.floor(rest / 32))
        code = alphabet[rest % 32] + code;
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
        searchText: [name, `Scale Holdings ${index}`, orgId, email, domain].join(' | ').toLowerCase(),
      };
      if ('atQuota' in template) client.atQuota = usedVisitors >= quota ? 1 : 0;
      // A client's own record takes its Org ID; orgIds lists only retired ones.
      clients.put(client);
    }
    const pool = (await read(meta.get('pool'))) as { key: 'pool'; value: { allocated: number } };
    const settings = (await read(meta.get('settings'))) as { key: 'settings'; value: { poolSize: number } };
    const allocated = pool.value.allocated + total * quota;
    meta.put({ key: 'pool', value: { allocated } });
    meta.put({
      key: 'settings',
      value: { ...settings.value, poolSize: Math.max(settings.value.poolSize, allocated + 50_000) },
    });
    await done;
    database.close();
  }, count);
}

/** A dashboard with the sample data and `count` more clients, loaded afresh so that it lists them. */
export async function dashboardWithSeededClients(harness: ExtensionHarness, count: number): Promise<Page> {
  const page = await dashboardWithSample(harness);
  await seedClients(page, count);
  // The writes bypassed Dexie, so the page was not told of them; a fresh load reads them.
  await page.reload();
  return page;
}
