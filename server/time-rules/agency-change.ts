import type { Actor } from '../../lib/model/activity';
import type { ChangeContext } from '../changes/context';
import type { Db } from '../db/pool';
import { lockAgency } from '../store/agency';

/**
 * Runs `work` as one change of the agency, as a push does: one transaction that locks the
 * agency's row (so it goes one at a time with the team's pushes and commits versions in
 * order) and writes every row with the agency's next version. `work` says whether it wrote
 * anything; only then does the agency take that version, so a minute in which nothing was due
 * leaves the agency's version, and every browser's next pull, as they were.
 */
export async function asAgencyChange<T>(
  db: Db,
  agencyId: string,
  now: number,
  actor: Actor,
  work: (ctx: ChangeContext) => Promise<{ wrote: boolean; result: T }>,
): Promise<T | undefined> {
  const tx = await db.connect();
  try {
    await tx.query('BEGIN');
    const agency = await lockAgency(tx, agencyId);
    if (!agency) {
      await tx.query('ROLLBACK');
      return undefined;
    }
    const ctx: ChangeContext = {
      tx,
      agencyId,
      version: agency.version + 1,
      now,
      actor,
      // The rules act for the agency itself: no member pushed this, and no team role limits it.
      memberId: null,
      role: 'owner',
      settings: agency.settings,
    };
    const { wrote, result } = await work(ctx);
    if (wrote) await tx.query('UPDATE agencies SET version = $2 WHERE id = $1', [agencyId, ctx.version]);
    await tx.query('COMMIT');
    return result;
  } catch (error) {
    await tx.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    tx.release();
  }
}
