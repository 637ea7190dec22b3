/** A client's experiments: lib/ops/experiments.ts on the server, keyed by the key the browser made up. */
import type { SyncedExperiment } from '../../lib/model/sync-pull';
import type { ChangeArgs } from '../../lib/model/sync-schema';
import type { Client } from '../../lib/model/client';
import {
  checkCanCreate,
  completeTransition,
  type ExperimentTransition,
  pauseTransition,
  startTransition,
} from '../../lib/rules/experiments';
import { log } from '../store/activity';
import { requireWritableClient } from '../store/clients';
import { insertExperiment, putExperiment, requireExperiment } from '../store/experiments';
import { requireOrgAction } from './clients';
import type { ChangeContext } from './context';
import { refuseUnless } from './refuse';

/**
 * Adds a draft. The history names it by its key: the server has no numeric id (the
 * extension's entry has `experimentId`).
 */
export async function createExperiment(
  ctx: ChangeContext,
  { orgId, key, experiment }: ChangeArgs<'experiment.create'>,
) {
  requireOrgAction('experiment.manage');
  const client = await requireWritableClient(ctx, orgId);
  refuseUnless(checkCanCreate(client));
  await insertExperiment(ctx, {
    key,
    orgId: client.orgId,
    name: experiment.name,
    status: 'draft',
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await log(ctx, { action: 'experiment_created', orgId: client.orgId, details: { experimentKey: key } });
}

type Ref = ChangeArgs<'experiment.start'>;

/** One change of an experiment's status by a person, found through its org and decided by the shared rule. */
async function changeStatus(
  ctx: ChangeContext,
  { orgId, key }: Ref,
  decide: (client: Client, experiment: SyncedExperiment, now: number) => ExperimentTransition<SyncedExperiment>,
) {
  requireOrgAction('experiment.manage');
  const client = await requireWritableClient(ctx, orgId);
  const experiment = await requireExperiment(ctx, client.orgId, key);
  const { check, next, action } = decide(client, experiment, ctx.now);
  refuseUnless(check);
  await putExperiment(ctx, next);
  await log(ctx, { action, orgId: client.orgId, details: { experimentKey: key } });
}

/** Starts a draft, or resumes a paused experiment; refused while the client is paused or inactive. */
export function startExperiment(ctx: ChangeContext, ref: ChangeArgs<'experiment.start'>) {
  return changeStatus(ctx, ref, startTransition);
}

export function pauseExperiment(ctx: ChangeContext, ref: ChangeArgs<'experiment.pause'>) {
  return changeStatus(ctx, ref, (_client, experiment, now) => pauseTransition(experiment, now));
}

export function completeExperiment(ctx: ChangeContext, ref: ChangeArgs<'experiment.complete'>) {
  return changeStatus(ctx, ref, (_client, experiment, now) => completeTransition(experiment, now));
}
