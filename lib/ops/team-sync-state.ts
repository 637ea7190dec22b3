/** How the last sync went, as the header and the popup show it (meta 'sync', lib/model/team-connection.ts). */
import { db } from '../db/database';
import type { MessageKey } from '../model/messages';
import { writeTransaction } from './context';
import { currentConnection } from './team-pull';

/** A sync that went through: when, and no failure any more. */
export async function recordSyncSuccess(deviceId: string, now: number): Promise<void> {
  await writeTransaction(
    async () => {
      const current = await currentConnection(deviceId);
      if (!current) return;
      const { offlineSince: _since, errorKey: _key, ...sync } = current.sync;
      await db.meta.put({ key: 'sync', value: { ...sync, syncedAt: now } });
    },
    () => [],
  );
}

/** A sync that did not: why, and since when the tries fail (the first failure's time, kept). */
export async function recordSyncFailure(deviceId: string, errorKey: MessageKey, now: number): Promise<void> {
  await writeTransaction(
    async () => {
      const current = await currentConnection(deviceId);
      if (!current) return;
      const offlineSince = current.sync.offlineSince ?? now;
      await db.meta.put({ key: 'sync', value: { ...current.sync, offlineSince, errorKey } });
    },
    () => [],
  );
}
