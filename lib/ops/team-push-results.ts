/**
 * The outbox's side of a push (docs/SYNC.md, "POST /v1/push"): the oldest waiting changes to
 * send, and what the server answered for each, written in one transaction. Safe to repeat: a
 * push cut short is sent again with the same change ids, and the server answers a repeat as
 * the first time; a change already answered here is no longer in the outbox and is skipped.
 */
import { db } from '../db/database';
import type { ChangeResult } from '../model/sync-outcome';
import type { OutboxChange, RefusedChange } from '../model/team-connection';
import { readTransaction, writeTransaction } from './context';
import { currentConnection } from './team-pull';

/** The oldest `limit` changes waiting, in the order they were made. */
export async function outboxBatch(limit: number): Promise<OutboxChange[]> {
  return readTransaction(() => db.outbox.orderBy('seq').limit(limit).toArray());
}

export interface PushTally {
  accepted: number;
  refused: number;
  retry: number;
}

/**
 * Writes the server's answers: an accepted change leaves the outbox (the next pull brings its
 * rows); a refused one leaves it for the refused list, as the server worded it, and the next
 * sync reads the whole roster again, which undoes its effect here; a change to retry stays
 * where it is, for the next push. Nothing is written once this browser is no longer connected
 * as `deviceId`.
 */
export async function applyPushResults(
  deviceId: string,
  results: readonly ChangeResult[],
  now: number,
): Promise<PushTally> {
  return writeTransaction(
    async () => {
      const tally: PushTally = { accepted: 0, refused: 0, retry: 0 };
      const current = await currentConnection(deviceId);
      if (!current) return { tally, orgIds: [] };
      const orgIds: string[] = [];
      for (const result of results) {
        if (result.status === 'retry') {
          tally.retry += 1;
          continue;
        }
        const change = await db.outbox.where('id').equals(result.id).first();
        if (change?.seq === undefined) continue;
        await db.outbox.delete(change.seq);
        if (result.status === 'accepted') {
          tally.accepted += 1;
          continue;
        }
        tally.refused += 1;
        if (change.orgId !== undefined) orgIds.push(change.orgId);
        const refused: RefusedChange = {
          changeId: change.id,
          name: change.name,
          args: change.args,
          madeAt: change.madeAt,
          refusedAt: now,
          code: result.code,
          key: result.key,
          params: result.params,
          seen: 0,
        };
        if (change.orgId !== undefined) refused.orgId = change.orgId;
        if (change.clientName !== undefined) refused.clientName = change.clientName;
        if (result.problems !== undefined) refused.problems = result.problems;
        if (result.importProblems !== undefined) refused.importProblems = result.importProblems;
        await db.refusedChanges.add(refused);
      }
      if (tally.refused > 0) await db.meta.put({ key: 'sync', value: { ...current.sync, resyncNeeded: true } });
      return { tally, orgIds };
    },
    ({ orgIds }) => orgIds,
  ).then(({ tally }) => tally);
}
