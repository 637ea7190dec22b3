/**
 * What a pull brings, written into this browser's copy (docs/SYNC.md): a page at a time, each
 * in one transaction with the version it reaches, or (a resync) the whole roster at once. The
 * server's rows are the truth, so nothing here queues a change: these operations write what
 * the team's roster already holds.
 */
import { db } from '../db/database';
import type { PulledRow, PullPage } from '../model/sync-pull';
import type { SyncState, TeamConnection } from '../model/team-connection';
import { writeTransaction } from './context';
import { writePulledRows } from './team-pulled-rows';

/** The connection and sync state, when this browser is still connected as `deviceId`. */
export async function currentConnection(
  deviceId: string,
): Promise<{ team: TeamConnection; sync: SyncState } | undefined> {
  const [team, sync] = await Promise.all([db.meta.get('team'), db.meta.get('sync')]);
  if (team?.key !== 'team' || team.value.deviceId !== deviceId) return undefined;
  return { team: team.value, sync: sync?.key === 'sync' ? sync.value : { pulledVersion: 0 } };
}

/**
 * The history lines this browser wrote for its own changes are stand-ins until the server's
 * lines come: once no change waits, every one of them has its server copy, and they go.
 */
async function dropAnsweredPendingLines(): Promise<void> {
  if ((await db.outbox.count()) === 0) await db.activity.where('pending').equals(1).delete();
}

export type PageOutcome = 'applied' | 'stale';

/**
 * Writes one page pulled after `since`, and `pulledVersion` = page.next with it. Written only
 * while this browser is still connected as `deviceId` and has pulled exactly up to `since`
 * (another pull or a disconnect got there first: 'stale', nothing written).
 */
export async function applyPulledPage(
  page: PullPage,
  since: number,
  deviceId: string,
  now: number,
): Promise<PageOutcome> {
  return writeTransaction(
    async () => {
      const current = await currentConnection(deviceId);
      if (!current || current.sync.pulledVersion !== since) return { outcome: 'stale' as const, orgIds: [] };
      const orgIds = await writePulledRows(page.rows, current.team.serverUrl, now);
      await dropAnsweredPendingLines();
      await db.meta.put({ key: 'sync', value: { ...current.sync, pulledVersion: page.next } });
      return { outcome: 'applied' as const, orgIds };
    },
    ({ orgIds }) => orgIds,
  ).then(({ outcome }) => outcome);
}

/**
 * Empties this browser's roster for the team's: every table of the roster, its usage warnings
 * (this browser's bookkeeping of another roster) and the pool count. Kept: the retired Org IDs
 * (a taken ID stays taken), the settings' local usage source, and, with `keepPending`, the
 * history lines of changes still waiting to be sent.
 */
export async function clearRosterForTeam(keepPending: boolean): Promise<void> {
  await Promise.all([
    db.clients.clear(),
    db.experiments.clear(),
    db.members.clear(),
    db.reports.clear(),
    db.usageSamples.clear(),
    db.reminders.clear(),
    db.usageAlerts.clear(),
    keepPending
      ? db.activity
          .filter((line) => line.pending !== 1)
          .delete()
          .then(() => undefined)
      : db.activity.clear(),
    db.meta.put({ key: 'pool', value: { allocated: 0 } }),
  ]);
}

/**
 * A resync (after a refusal, or when the server's version went below what this browser
 * pulled): the local copy is replaced, in one transaction, by the whole roster read from
 * version 0. A refused change's local effect goes with it; the changes still waiting in the
 * outbox stay queued (and their pending lines), to be sent on the next push.
 */
export async function replaceWithTeamRoster(
  rows: readonly PulledRow[],
  next: number,
  deviceId: string,
  now: number,
): Promise<boolean> {
  return writeTransaction(
    async () => {
      const current = await currentConnection(deviceId);
      if (!current) return { replaced: false, orgIds: [] };
      const before = await db.clients.toCollection().primaryKeys();
      await clearRosterForTeam(true);
      const orgIds = await writePulledRows(rows, current.team.serverUrl, now);
      await dropAnsweredPendingLines();
      const { resyncNeeded: _done, ...sync } = current.sync;
      await db.meta.put({ key: 'sync', value: { ...sync, pulledVersion: next } });
      return { replaced: true, orgIds: [...new Set([...before, ...orgIds])] };
    },
    ({ orgIds }) => orgIds,
  ).then(({ replaced }) => replaced);
}
