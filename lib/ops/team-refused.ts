/**
 * The *Changes refused* list of a shared roster (docs/SYNC.md): the changes the server refused,
 * kept until the person dismisses them, and whether they have been seen (the dashboard's
 * notice shows until they are). The sync engine writes the list; these read it and clear it.
 */
import { db } from '../db/database';
import type { RefusedChange } from '../model/team-connection';
import { readTransaction, writeTransaction } from './context';

/** A refused change as the list shows it: with its id, which Dismiss names. */
export type ListedRefusedChange = RefusedChange & { id: number };

/** Every refused change, the latest refusal first. */
export async function listRefusedChanges(): Promise<ListedRefusedChange[]> {
  return readTransaction(async () => {
    const changes = await db.refusedChanges.orderBy('refusedAt').reverse().toArray();
    return changes.filter((change): change is ListedRefusedChange => change.id !== undefined);
  });
}

/** The refused changes not seen yet, the latest first: what the dashboard's notice is about. */
export async function listUnseenRefusedChanges(): Promise<ListedRefusedChange[]> {
  return readTransaction(async () => {
    const changes = await db.refusedChanges.where('seen').equals(0).toArray();
    return changes
      .filter((change): change is ListedRefusedChange => change.id !== undefined)
      .sort((a, b) => b.refusedAt - a.refusedAt);
  });
}

/** Marks every refused change seen (the list was opened); resolves to how many were not. */
export async function markRefusedChangesSeen(): Promise<number> {
  return writeTransaction(
    () => db.refusedChanges.where('seen').equals(0).modify({ seen: 1 }),
    () => [],
  );
}

/** Takes one refused change off the list; nothing when it is already gone. */
export async function dismissRefusedChange(id: number): Promise<void> {
  await writeTransaction(
    () => db.refusedChanges.delete(id),
    () => [],
  );
}

/** Empties the list; resolves to how many were taken off. */
export async function dismissAllRefusedChanges(): Promise<number> {
  return writeTransaction(
    async () => {
      const count = await db.refusedChanges.count();
      await db.refusedChanges.clear();
      return count;
    },
    () => [],
  );
}
