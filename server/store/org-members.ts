/** The members of a client's org; each runs in the caller's change transaction. */
import { AppError } from '../../lib/model/errors';
import type { SyncedMember } from '../../lib/model/sync-pull';
import type { ChangeContext } from '../changes/context';

/** One member of one org; a removed one (a tombstone) and another org's are not found, as in the extension. */
export async function requireMember(ctx: ChangeContext, orgId: string, key: string): Promise<SyncedMember> {
  const { rows } = await ctx.tx.query<{ data: SyncedMember | null }>(
    'SELECT data FROM org_members WHERE agency_id = $1 AND org_id = $2 AND key = $3 AND NOT removed',
    [ctx.agencyId, orgId, key],
  );
  const member = rows[0]?.data;
  if (!member) throw new AppError('not_found', 'error_memberNotFound');
  return member;
}

/** Whether a member of the org (not a removed one) has this email; emails are stored lower-cased. */
export async function isMemberEmailTaken(ctx: ChangeContext, orgId: string, email: string): Promise<boolean> {
  const { rowCount } = await ctx.tx.query(
    'SELECT 1 FROM org_members WHERE agency_id = $1 AND org_id = $2 AND email = $3 AND NOT removed',
    [ctx.agencyId, orgId, email],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * Adds a member under the key its browser made up. A key the org has or had is refused: a
 * removed member's key stays with its tombstone, so that browsers never mix the two up.
 */
export async function insertMember(ctx: ChangeContext, member: SyncedMember): Promise<void> {
  const { rowCount } = await ctx.tx.query(
    `INSERT INTO org_members (agency_id, org_id, key, email, data, removed, version)
     VALUES ($1, $2, $3, $4, $5, false, $6) ON CONFLICT DO NOTHING`,
    [ctx.agencyId, member.orgId, member.key, member.email, member, ctx.version],
  );
  if (rowCount !== 1) throw new AppError('conflict', 'error_recordKeyTaken');
}

export async function putMember(ctx: ChangeContext, member: SyncedMember): Promise<void> {
  await ctx.tx.query(
    `UPDATE org_members SET email = $4, data = $5, version = $6
     WHERE agency_id = $1 AND org_id = $2 AND key = $3 AND NOT removed`,
    [ctx.agencyId, member.orgId, member.key, member.email, member, ctx.version],
  );
}

/**
 * Removes a member: the row stays as a tombstone, so that every browser's next pull drops its
 * copy. It keeps nothing about the person, its email neither (the column cannot be NULL).
 */
export async function tombstoneMember(ctx: ChangeContext, orgId: string, key: string): Promise<void> {
  await ctx.tx.query(
    `UPDATE org_members SET removed = true, data = NULL, email = '', version = $4
     WHERE agency_id = $1 AND org_id = $2 AND key = $3`,
    [ctx.agencyId, orgId, key, ctx.version],
  );
}
