// The floor of a bulk write: what IndexedDB itself takes to store the same records in one
// transaction, with none of the extension's reading, checking or logging around it. A write
// path's figure is reported against it (issue 16 holds them to 1.3× the floor).

import type { Page } from 'playwright-core';
import type { Tables } from './idb';

/**
 * Puts every table's rows into its store in one read-write transaction, as Dexie's bulkPut
 * does (one put per row, the transaction's default durability, as the extension's Dexie opens
 * it), and returns the milliseconds from opening the transaction to its completion, timed in
 * the page. The rows are handed to the page beforehand, so their transfer is not counted.
 */
export async function timeRawPut(page: Page, tables: Tables): Promise<number> {
  return page.evaluate(async (tables) => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('agency-desk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const start = performance.now();
    const tx = database.transaction(Object.keys(tables), 'readwrite');
    const done = new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    for (const [store, rows] of Object.entries(tables)) {
      const target = tx.objectStore(store);
      for (const row of rows) target.put(row);
    }
    await done;
    const ms = performance.now() - start;
    database.close();
    return ms;
  }, tables);
}
