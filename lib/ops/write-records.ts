import type { Table } from 'dexie';

/**
 * Writes the records of a batch to a table in one request: bulkPut for several, and a plain put
 * for a lone one (one client's usage, one change queued), whose failure then stays the table's
 * own error as it was before writes were batched, not a Dexie BulkError around it.
 */
export async function putRecords<T, K, I>(table: Table<T, K, I>, records: readonly I[]): Promise<void> {
  const [only] = records;
  if (records.length === 1 && only !== undefined) await table.put(only);
  else if (records.length > 1) await table.bulkPut(records);
}

/** putRecords with add: new records, a key already there refused. */
export async function addRecords<T, K, I>(table: Table<T, K, I>, records: readonly I[]): Promise<void> {
  const [only] = records;
  if (records.length === 1 && only !== undefined) await table.add(only);
  else if (records.length > 1) await table.bulkAdd(records);
}

/**
 * Runs `work` on the items that have some (it answers undefined for the others), all at once,
 * and returns the counts by the items' places (0 for those without). Only IndexedDB's
 * promises are awaited, so the transaction is kept.
 */
export async function eachOf<T>(
  items: readonly T[],
  work: (item: T, index: number) => Promise<number> | undefined,
): Promise<number[]> {
  const counts = items.map(() => 0);
  const pending = items.flatMap((item, index) => {
    const promise = work(item, index);
    return promise ? [promise.then((count) => (counts[index] = count))] : [];
  });
  if (pending.length > 0) await Promise.all(pending);
  return counts;
}
