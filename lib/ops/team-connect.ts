/**
 * Connecting this browser to a team (docs/SYNC.md): two rosters are never merged. Either this
 * browser's roster is replaced by the team's (`download`), or, when the team's is empty, this
 * browser's goes to the server as one import (`upload`) and the team's copy of it comes back.
 * Each step is one transaction; the background runs the network between them.
 */
import { db } from '../db/database';
import { readBackup, serializeBackup } from '../io/backup-json';
import { AppError, ImportRefusedError } from '../model/errors';
import type { PulledRow } from '../model/sync-pull';
import type { TeamConnection } from '../model/team-connection';
import { readTransaction, writeTransaction } from './context';
import { exportBackup } from './export';
import { queueChange } from './team-outbox';
import { clearRosterForTeam } from './team-pull';
import { reminderShownKey } from './team-reminders';
import { writePulledRows } from './team-pulled-rows';

/** How many clients this browser's roster has: what the first connection's choice depends on. */
export async function countLocalClients(): Promise<number> {
  return readTransaction(() => db.clients.count());
}

/** Refuses a second connection: the roster it would bring would be merged into the first's. */
async function requireNotConnected(deviceId?: string): Promise<void> {
  const team = await db.meta.get('team');
  if (team?.key === 'team' && team.value.deviceId !== deviceId)
    throw new AppError('conflict', 'team_error_alreadyConnected');
}

/**
 * Connects by download: this browser's roster is replaced by the team's whole roster (the rows
 * of a pull from version 0, up to `next`). The outbox and the refused list start empty, and
 * the reminders the team already sent count as shown here (they are old news). `deviceId`
 * names a connection this browser began itself (an upload), which this one completes.
 */
export async function connectByDownload(
  connection: TeamConnection,
  rows: readonly PulledRow[],
  next: number,
  now: number,
): Promise<{ clients: number }> {
  return writeTransaction(
    async () => {
      await requireNotConnected(connection.deviceId);
      const before = await db.clients.toCollection().primaryKeys();
      await clearRosterForTeam(false);
      await Promise.all([db.outbox.clear(), db.refusedChanges.clear()]);
      const orgIds = await writePulledRows(rows, connection.serverUrl, now);
      const reminders = await db.reminders.toCollection().primaryKeys();
      await db.meta.bulkPut([
        { key: 'team', value: connection },
        { key: 'sync', value: { pulledVersion: next, syncedAt: now } },
        { key: 'remindersShown', value: { keys: reminders.map(reminderShownKey) } },
      ]);
      return { clients: await db.clients.count(), orgIds: [...new Set([...before, ...orgIds])] };
    },
    ({ orgIds }) => orgIds,
  ).then(({ clients }) => ({ clients }));
}

/**
 * Begins a connection by upload: writes the connection and queues this browser's whole
 * roster as one `roster.import` change (the backup this browser would export, read back as the
 * import reads a file), in one transaction. The owner's upload carries the agency's settings;
 * a manager's leaves the team's as they are (only the owner changes them). Refused for a
 * viewer, and for a roster the import itself would refuse.
 */
export async function beginUpload(connection: TeamConnection, now: number): Promise<void> {
  await writeTransaction(
    async () => {
      await requireNotConnected();
      const prepared = readBackup(serializeBackup(await exportBackup({ now })));
      if (prepared.problems.length > 0) throw new ImportRefusedError(prepared.problems);
      await db.meta.bulkPut([
        { key: 'team', value: connection },
        { key: 'sync', value: { pulledVersion: 0 } },
      ]);
      await db.outbox.clear();
      const choices = { existing: 'update', restoreSettings: connection.member.role === 'owner' } as const;
      await queueChange('roster.import', { prepared: { ...prepared, problems: [] }, choices }, {}, now);
    },
    () => [],
  );
}
