import type { ActivityEntry } from '../../lib/model/activity';
import type { ChangeContext } from '../changes/context';
import { asJsonRows, inChunks } from './bulk';

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

/** Appends many entries (each with its own time and actor) in few statements, in the order given. */
export async function logAll(ctx: ChangeContext, entries: readonly ActivityEntry[]): Promise<void> {
  await inChunks(entries, (chunk) =>
    ctx.tx.query(
      `INSERT INTO activity (agency_id, member_id, entry, version)
       SELECT $1, $2, e.entry, $3 FROM jsonb_array_elements($4::jsonb) WITH ORDINALITY AS e(entry, n) ORDER BY e.n`,
      [ctx.agencyId, ctx.memberId, ctx.version, asJsonRows(chunk)],
    ),
  );
}
