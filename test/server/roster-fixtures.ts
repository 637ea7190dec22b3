/** What the org-record tests share: Org IDs and keys as a browser makes them, and the pulled rows by kind. */
import type { ClientStatus } from '../../lib/model/client';
import type { PulledRow, SyncEntity } from '../../lib/model/sync-pull';
import type { Db } from '../../server/db/pool';
import { changeId, type createChange } from './team';

export function orgIdOf(create: ReturnType<typeof createChange>): string {
  return (create.args as { orgId: string }).orgId;
}

/** A record key as a browser makes one up (the same alphabet as change ids). */
export function recordKey(): string {
  return changeId();
}

export function rowsOf(rows: readonly PulledRow[], entity: SyncEntity): PulledRow[] {
  return rows.filter((row) => row.entity === entity);
}

/** The history lines of one client, oldest first, as a pull sends them. */
export function historyOf(rows: readonly PulledRow[], orgId: string): Record<string, unknown>[] {
  return rowsOf(rows, 'activity')
    .filter((row) => row.orgId === orgId)
    .map((row) => row.data as Record<string, unknown>);
}

/**
 * Puts a client in a status that this branch's changes cannot reach yet (usage and the
 * lifecycle have their own changes), straight in its row, as the time rules would leave it.
 */
export async function putClientStatus(db: Db, agencyId: string, orgId: string, status: ClientStatus): Promise<void> {
  await db.query(
    `UPDATE clients SET status = $3, data = data || jsonb_build_object('status', $3::text)
     WHERE agency_id = $1 AND org_id = $2`,
    [agencyId, orgId, status],
  );
}
