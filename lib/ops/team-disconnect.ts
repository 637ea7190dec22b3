/** Disconnecting this browser from its team (docs/SYNC.md): the roster stays, as this browser's own. */
import { db } from '../db/database';
import { writeTransaction } from './context';

/** The pending lines of the waiting changes stay as this browser's own history, no longer pending. */
async function keepPendingLines(): Promise<void> {
  await db.activity
    .where('pending')
    .equals(1)
    .modify((line) => {
      delete line.pending;
    });
}

export interface Disconnected {
  keptClients: number;
  droppedChanges: number;
}

/**
 * Forgets the team connection: its sync state, the changes not yet sent (dropped: this
 * browser's copy keeps their effect, the team never hears of them), the refused list and the
 * reminders shown. The roster stays as this browser's own. With `deviceId`, only that
 * connection (an upload that did not go through) is undone.
 */
export async function disconnectTeam(deviceId?: string): Promise<Disconnected> {
  return writeTransaction(
    async () => {
      const team = await db.meta.get('team');
      const keptClients = await db.clients.count();
      if (team?.key !== 'team' || (deviceId !== undefined && team.value.deviceId !== deviceId))
        return { keptClients, droppedChanges: 0 };
      const droppedChanges = await db.outbox.count();
      await Promise.all([
        db.meta.bulkDelete(['team', 'sync', 'remindersShown']),
        db.outbox.clear(),
        db.refusedChanges.clear(),
        keepPendingLines(),
      ]);
      return { keptClients, droppedChanges };
    },
    () => [],
  );
}
