/** The experiments of a client's org; each runs in the caller's change transaction. */
import type { PauseCause } from '../../lib/model/org-records';
import type { ChangeContext } from '../changes/context';

/** Pauses every running experiment of one org, recording what paused it. Returns how many. */
export async function pauseRunningExperiments(ctx: ChangeContext, orgId: string, cause: PauseCause): Promise<number> {
  const { rowCount } = await ctx.tx.query(
    `UPDATE experiments SET status = 'paused', version = $4,
       data = data || jsonb_build_object('status', 'paused', 'pausedBy', $3::text, 'updatedAt', $5::bigint)
     WHERE agency_id = $1 AND org_id = $2 AND status = 'running'`,
    [ctx.agencyId, orgId, cause, ctx.version, ctx.now],
  );
  return rowCount ?? 0;
}

/** Resumes exactly the experiments of one org that `causes` paused. Returns how many. */
export async function resumeExperimentsPausedBy(
  ctx: ChangeContext,
  orgId: string,
  causes: readonly PauseCause[],
): Promise<number> {
  const { rowCount } = await ctx.tx.query(
    `UPDATE experiments SET status = 'running', version = $4,
       data = (data - 'pausedBy') || jsonb_build_object('status', 'running', 'updatedAt', $5::bigint)
     WHERE agency_id = $1 AND org_id = $2 AND status = 'paused' AND data->>'pausedBy' = ANY($3::text[])`,
    [ctx.agencyId, orgId, causes, ctx.version, ctx.now],
  );
  return rowCount ?? 0;
}

/** Hands over experiments that one rule paused to another rule, still paused. */
export async function reassignPauseCause(
  ctx: ChangeContext,
  orgId: string,
  from: PauseCause,
  to: PauseCause,
): Promise<void> {
  await ctx.tx.query(
    `UPDATE experiments SET version = $5,
       data = data || jsonb_build_object('pausedBy', $4::text, 'updatedAt', $6::bigint)
     WHERE agency_id = $1 AND org_id = $2 AND status = 'paused' AND data->>'pausedBy' = $3`,
    [ctx.agencyId, orgId, from, to, ctx.version, ctx.now],
  );
}
