// Raw IndexedDB access from one of the extension's pages, for seeding and resetting the
// roster between measurements. page.evaluate cannot import the extension's modules, and
// the build carries no test hooks, so the bench writes the stores the way the e2e tests do.

import type { Page } from 'playwright-core';
import type { Row } from './roster';

export type Tables = Record<string, Row[]>;

/** Keys to delete from a store, and a range of one of its indexes whose rows to delete. */
export interface Deletion {
  store: string;
  keys?: unknown[];
  index?: string;
  lower?: string | number;
  upper?: string | number;
}

/** Waits until the extension has created its database (the worker opens it when it starts). */
export async function waitForDatabase(page: Page): Promise<void> {
  await page.waitForFunction(async () =>
    (await indexedDB.databases()).some((database) => database.name === 'agency-desk'),
  );
}

/**
 * In one transaction: deletes the given keys, and the rows whose `index` value lies in a
 * range, then puts the given rows.
 */
export async function writeStores(page: Page, puts: Tables, deletes: Deletion[] = []): Promise<void> {
  await page.evaluate(
    async ({ puts, deletes }) => {
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('agency-desk');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const names = [...new Set([...Object.keys(puts), ...deletes.map((entry) => entry.store)])];
      // Relaxed: the bench does not need each seeding transaction flushed to disk before the next.
      const tx = database.transaction(names, 'readwrite', { durability: 'relaxed' });
      const done = new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
      // Deletions first, to the end of every range, so that the puts below are not deleted too.
      const deleted: Promise<void>[] = [];
      for (const { store, keys, index, lower, upper } of deletes) {
        const target = tx.objectStore(store);
        for (const key of keys ?? []) target.delete(key as IDBValidKey);
        if (index !== undefined && lower !== undefined && upper !== undefined) {
          const request = target.index(index).openKeyCursor(IDBKeyRange.bound(lower, upper));
          deleted.push(
            new Promise((resolve) => {
              request.onsuccess = () => {
                const cursor = request.result;
                if (!cursor) return resolve();
                target.delete(cursor.primaryKey);
                cursor.continue();
              };
            }),
          );
        }
      }
      await Promise.all(deleted);
      for (const [store, rows] of Object.entries(puts)) for (const row of rows) tx.objectStore(store).put(row);
      await done;
      database.close();
    },
    { puts, deletes },
  );
}

/** How many rows a store holds. */
export async function countRows(page: Page, store: string): Promise<number> {
  return page.evaluate(async (store) => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('agency-desk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const count = await new Promise<number>((resolve, reject) => {
      const request = database.transaction(store, 'readonly').objectStore(store).count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    database.close();
    return count;
  }, store);
}

/** One record of a store by its key, or undefined. */
export async function readRecord(page: Page, store: string, key: string): Promise<unknown> {
  return page.evaluate(
    async ({ store, key }) => {
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('agency-desk');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const record = await new Promise<unknown>((resolve, reject) => {
        const request = database.transaction(store, 'readonly').objectStore(store).get(key);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      database.close();
      return record;
    },
    { store, key },
  );
}

/** What to read from a store, as a deletion names it: the given keys (those present), and the rows of an index range. */
export type Selection = Deletion;

/** The rows of each selection, read in one transaction, by store (a store named twice gets both). */
export async function readStores(page: Page, selections: Selection[]): Promise<Tables> {
  return page.evaluate(async (selections) => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('agency-desk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = database.transaction([...new Set(selections.map((selection) => selection.store))], 'readonly');
    const asPromise = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const tables: Record<string, Record<string, unknown>[]> = {};
    await Promise.all(
      selections.map(async ({ store, keys, index, lower, upper }) => {
        const target = tx.objectStore(store);
        const rows: unknown[] = [];
        if (keys) rows.push(...(await Promise.all(keys.map((key) => asPromise(target.get(key as IDBValidKey))))));
        if (index !== undefined && lower !== undefined && upper !== undefined)
          rows.push(...(await asPromise(target.index(index).getAll(IDBKeyRange.bound(lower, upper)))));
        const list = (tables[store] ??= []);
        for (const row of rows) if (row !== undefined) list.push(row as Record<string, unknown>);
      }),
    );
    database.close();
    return tables;
  }, selections);
}
