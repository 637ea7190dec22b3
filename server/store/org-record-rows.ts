/**
 * A client's experiments and members in bulk, for an import: restored records under their keys in
 * few statements, and the tombstones of the records a restore replaces.
 */
import { randomBytes } from 'node:crypto';
import type { BackupExperiment, BackupMember } from '../../lib/model/backup';

import type { SyncedExperiment, SyncedMember } from '../../lib/model/sync-pull';
import type { ChangeContext } from '../changes/context';
import { syncIdSchema } from '../../lib/model/sync-schema';
import { asJsonRows, inChunks } from './bulk';

/** A key for a record the server creates (syncIdSchema's form, as browsers make theirs). */
export function newRecordKey(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Turns every org record of `orgIds` into a tombstone (its key kept, its record gone, a member's
 * email too, as tombstoneMember leaves it), so that a pull tells browsers they are gone: what a
 * restore does before it writes the backup's records.
 */
export async function retireOrgRecords(ctx: ChangeContext, orgIds: readonly string[]): Promise<void> {
  if (orgIds.length === 0) return;
  const args = [ctx.agencyId, orgIds, ctx.version];
  await ctx.tx.query(
    `UPDATE experiments SET deleted = true, status = NULL, data = NULL, version = $3
     WHERE agency_id = $1 AND org_id = ANY($2::text[]) AND NOT deleted`,
    args,
  );
  await ctx.tx.query(
    `UPDATE org_members SET removed = true, data = NULL, email = '', version = $3
     WHERE agency_id = $1 AND org_id = ANY($2::text[]) AND NOT removed`,
    args,
  );
  for (const table of ['usage_reports', 'usage_samples'])
    await ctx.tx.query(
      `UPDATE ${table} SET deleted = true, data = NULL, version = $3
       WHERE agency_id = $1 AND org_id = ANY($2::text[]) AND NOT deleted`,
      args,
    );
}

/**
 * The key each record goes in under: the one the browser gave it (it made the same record
 * under that key when it imported, so both name it alike), unless it is malformed or the
 * org already holds it, a tombstone included, or an earlier record of this import took it;
 * then a new one (a pre-version-8 browser sends none).
 */
async function recordKeys(
  ctx: ChangeContext,
  table: 'experiments' | 'org_members',
  records: readonly { orgId: string; key?: string | undefined }[],
): Promise<string[]> {
  const given = records.flatMap((record) => (record.key === undefined ? [] : [record.key]));
  const held = new Set<string>();
  if (given.length > 0) {
    const { rows } = await ctx.tx.query<{ org_id: string; key: string }>(
      `SELECT org_id, key FROM ${table} WHERE agency_id = $1 AND key = ANY($2::text[])`,
      [ctx.agencyId, given],
    );
    for (const row of rows) held.add(`${row.org_id} ${row.key}`);
  }
  return records.map(({ orgId, key }) => {
    const usable = key !== undefined && syncIdSchema.safeParse(key).success && !held.has(`${orgId} ${key}`);
    const chosen = usable ? key : newRecordKey();
    held.add(`${orgId} ${chosen}`);
    return chosen;
  });
}

/** Adds experiments, each under its key (recordKeys); `data` is the model's record with its key instead of an id. */
export async function addExperiments(ctx: ChangeContext, experiments: readonly BackupExperiment[]): Promise<void> {
  const keys = await recordKeys(ctx, 'experiments', experiments);
  const records = experiments.map((experiment, index): SyncedExperiment => ({ ...experiment, key: keys[index] ?? '' }));
  await inChunks(records, (chunk) =>
    ctx.tx.query(
      `INSERT INTO experiments (agency_id, org_id, key, status, data, version)
       SELECT $1, e->>'orgId', e->>'key', e->>'status', e, $2 FROM jsonb_array_elements($3::jsonb) AS e`,
      [ctx.agencyId, ctx.version, asJsonRows(chunk)],
    ),
  );
}

/** Adds org members, each under its key, as addExperiments does. */
export async function addMembers(ctx: ChangeContext, members: readonly BackupMember[]): Promise<void> {
  const keys = await recordKeys(ctx, 'org_members', members);
  const records = members.map((member, index): SyncedMember => ({ ...member, key: keys[index] ?? '' }));
  await inChunks(records, (chunk) =>
    ctx.tx.query(
      `INSERT INTO org_members (agency_id, org_id, key, email, data, removed, version)
       SELECT $1, m->>'orgId', m->>'key', m->>'email', m, false, $2 FROM jsonb_array_elements($3::jsonb) AS m`,
      [ctx.agencyId, ctx.version, asJsonRows(chunk)],
    ),
  );
}
