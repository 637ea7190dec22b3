import type { ActivityEntry } from '../../lib/model/activity';
import type { ChangeContext } from '../changes/context';

/** Appends to the agency's history in the change's own transaction, as the extension's log() does. */
export async function log(
  ctx: ChangeContext,
  entry: Omit<ActivityEntry, 'id' | 'at' | 'actor'>,
  actor = ctx.actor,
): Promise<void> {
  await ctx.tx.query('INSERT INTO activity (agency_id, member_id, entry, version) VALUES ($1, $2, $3, $4)', [
    ctx.agencyId,
    ctx.memberId,
    { ...entry, at: ctx.now, actor },
    ctx.version,
  ]);
}
