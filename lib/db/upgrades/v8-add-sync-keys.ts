/**
 * Version 8 upgrade: every experiment and org member gets the key a shared roster names it by
 * (the server has no local numeric ids; docs/SYNC.md). New records get a random key from the
 * operations (lib/model/sync-ids.ts); the ones that exist get theirs from their local id
 * (`v8-experiment-5`), unique in this browser as the id is, and the form the server accepts.
 *
 * FROZEN: this file must never change once released (see lib/db/schema.ts).
 */
import type { Transaction } from 'dexie';

export async function addSyncKeys(tx: Transaction): Promise<void> {
  await tx
    .table('experiments')
    .toCollection()
    .modify((experiment: { id: number; key?: string }) => {
      experiment.key ??= `v8-experiment-${experiment.id}`;
    });
  await tx
    .table('members')
    .toCollection()
    .modify((member: { id: number; key?: string }) => {
      member.key ??= `v8-member-${member.id}`;
    });
}
