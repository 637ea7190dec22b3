/**
 * GET /v1/pull?since=N&limit=L: every row changed after version N, oldest change first, in
 * pages of about L rows. A page never splits a change (all rows of one version come together,
 * even past L), so `next` is always a version the browser has wholly seen. Read in one
 * repeatable-read snapshot: versions commit in order under the agency lock, so no change
 * older than the page's last can appear later.
 */
import type { PullPage, PulledRow, SyncEntity } from '../../lib/model/sync-pull';
import type { Db } from '../db/pool';

interface Row {
  version: number;
  entity: SyncEntity;
  org_id: string | null;
  key: string | null;
  deleted: boolean;
  data: unknown;
}

export async function pullChanges(db: Db, agencyId: string, since: number, limit: number): Promise<PullPage> {
  const tx = await db.connect();
  try {
    await tx.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const agency = await tx.query<{ version: number }>('SELECT version FROM agencies WHERE id = $1', [agencyId]);
    const current = agency.rows[0]?.version ?? 0;
    // The version of the limit-th row decides where the page ends.
    const edge = await tx.query<{ version: number }>(
      `SELECT version FROM sync_rows WHERE agency_id = $1 AND version > $2 ORDER BY version OFFSET $3 LIMIT 1`,
      [agencyId, since, limit - 1],
    );
    const upTo = edge.rows[0]?.version ?? current;
    const { rows } = await tx.query<Row>(
      `SELECT version, entity, org_id, key, deleted, data FROM sync_rows
       WHERE agency_id = $1 AND version > $2 AND version <= $3 ORDER BY version, entity, org_id, key`,
      [agencyId, since, upTo],
    );
    await tx.query('COMMIT');
    return {
      rows: rows.map(toPulled),
      next: Math.max(since, upTo),
      more: upTo < current,
      version: current,
    };
  } catch (error) {
    await tx.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    tx.release();
  }
}

function toPulled(row: Row): PulledRow {
  return {
    version: row.version,
    entity: row.entity,
    ...(row.org_id === null ? {} : { orgId: row.org_id }),
    ...(row.key === null ? {} : { key: row.key }),
    deleted: row.deleted,
    ...(row.deleted || row.data === null ? {} : { data: row.data }),
  };
}
