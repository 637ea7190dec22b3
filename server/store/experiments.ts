/** The experiments of a client's org; each runs in the caller's change transaction. */
import { AppError } from '../../lib/model/errors';
import type { PauseCause } from '../../lib/model/org-records';
import type { SyncedExperiment } from '../../lib/model/sync-pull';
import type { ChangeContext } from '../changes/context';

/** Pauses every running experiment of the orgs in `orgIds`, recording what paused it. Returns how many. */
export async function pauseRunningExperimentsOf(
  ctx: ChangeContext,
  orgIds: readonly string[],
  cause: PauseCause,
): Promise<number> {
  if (orgIds.length === 0) return 0;
  const { rowCount } = await ctx.tx.query(
    `UPDATE experiments SET status = 'paused', version = $4,
       data = data || jsonb_build_object('status', 'paused', 'pausedBy', $3::text, 'updatedAt', $5::bigint)
     WHERE agency_id = $1 AND org_id = ANY($2::text[]) AND status = 'running'`,
    [ctx.agencyId, orgIds, cause, ctx.version, ctx.now],
  );
  return rowCount ?? 0;
}

/** Pauses every running experiment of one org, recording what paused it. Returns how many. */
export function pauseRunningExperiments(ctx: ChangeContext, orgId: string, cause: PauseCause): Promise<number> {
  return pauseRunningExperimentsOf(ctx, [orgId], cause);
}

/** Resumes exactly the experiments of the orgs in `orgIds` that `causes` paused. Returns how many. */
export async function resumeExperimentsOf(
  ctx: ChangeContext,
  orgIds: readonly string[],
  causes: readonly PauseCause[],
): Promise<number> {
  if (orgIds.length === 0) return 0;
  const { rowCount } = await ctx.tx.query(
    `UPDATE experiments SET status = 'running', version = $4,
       data = (data - 'pausedBy') || jsonb_build_object('status', 'running', 'updatedAt', $5::bigint)
     WHERE agency_id = $1 AND org_id = ANY($2::text[]) AND status = 'paused' AND data->>'pausedBy' = ANY($3::text[])`,
    [ctx.agencyId, orgIds, causes, ctx.version, ctx.now],
  );
  return rowCount ?? 0;
}

/** Resumes exactly the experiments of one org that `causes` paused. Returns how many. */
export function resumeExperimentsPausedBy(
  ctx: ChangeContext,
  orgId: string,
  causes: readonly PauseCause[],
): Promise<number> {
  return resumeExperimentsOf(ctx, [orgId], causes);
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

/** One experiment of one org; another org's key, or a tombstone's, is not found here, as in the extension. */
export async function findExperiment(
  ctx: ChangeContext,
  orgId: string,
  key: string,
): Promise<SyncedExperiment | undefined> {
  const { rows } = await ctx.tx.query<{ data: SyncedExperiment }>(
    'SELECT data FROM experiments WHERE agency_id = $1 AND org_id = $2 AND key = $3 AND NOT deleted',
    [ctx.agencyId, orgId, key],
  );
  return rows[0]?.data;
}

export async function requireExperiment(ctx: ChangeContext, orgId: string, key: string): Promise<SyncedExperiment> {
  const experiment = await findExperiment(ctx, orgId, key);
  if (!experiment) throw new AppError('not_found', 'error_experimentNotFound');
  return experiment;
}

/** Adds an experiment under the key its browser made up; a key the org already has is refused. */
export async function insertExperiment(ctx: ChangeContext, experiment: SyncedExperiment): Promise<void> {
  const { rowCount } = await ctx.tx.query(
    `INSERT INTO experiments (agency_id, org_id, key, status, data, version) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT DO NOTHING`,
    [ctx.agencyId, experiment.orgId, experiment.key, experiment.status, experiment, ctx.version],
  );
  if (rowCount !== 1) throw new AppError('conflict', 'error_recordKeyTaken');
}

export async function putExperiment(ctx: ChangeContext, experiment: SyncedExperiment): Promise<void> {
  await ctx.tx.query(
    'UPDATE experiments SET status = $4, data = $5, version = $6 WHERE agency_id = $1 AND org_id = $2 AND key = $3',
    [ctx.agencyId, experiment.orgId, experiment.key, experiment.status, experiment, ctx.version],
  );
}
