import { db } from '../db/database';
import { AppError } from '../model/errors';
import { type Experiment, experimentInputSchema } from '../model/org-records';
import { parseOrThrow } from '../model/validate';
import {
  checkCanCreate,
  completeTransition,
  type ExperimentTransition,
  pauseTransition,
  startTransition,
} from '../rules/experiments';
import type { RuleResult } from '../rules/quota';
import { type OpContext, readTransaction, resolve, writeTransaction } from './context';
import { requireOrgAction, requireWritableClient } from './org-access';
import { log, requireClient } from './store';
import { newSyncId } from '../model/sync-ids';
import { queueChange, requireTeamChange } from './team-outbox';

/**
 * Finds an experiment through the org that owns it. An id that belongs to another org is
 * answered exactly like one that does not exist, so nothing leaks across orgs.
 */
async function requireExperiment(orgId: string, experimentId: number): Promise<Experiment & { id: number }> {
  const experiment = await db.experiments.get(experimentId);
  if (!experiment || experiment.id === undefined || experiment.orgId !== orgId)
    throw new AppError('not_found', 'error_experimentNotFound');
  return { ...experiment, id: experiment.id };
}

function refuseUnless(result: RuleResult): void {
  if (!result.ok) throw new AppError('rule', result.key, result.params);
}

export async function createExperiment(
  orgId: string,
  input: { name: string },
  context?: OpContext,
): Promise<Experiment> {
  const ctx = resolve(context);
  requireOrgAction(context, 'experiment.manage');
  const { name } = parseOrThrow(experimentInputSchema, input, 'experiment');
  return writeTransaction(
    async () => {
      await requireTeamChange('experiment.create');
      const client = await requireWritableClient(orgId);
      refuseUnless(checkCanCreate(client));
      // The key a shared roster names it by, made here (offline too), as the server keeps it.
      const key = newSyncId('x');
      const experiment: Experiment = {
        key,
        orgId: client.orgId,
        name,
        status: 'draft',
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      const id = await db.experiments.add(experiment);
      await log(ctx, { action: 'experiment_created', orgId: client.orgId, details: { experimentId: id } });
      await queueChange(
        'experiment.create',
        { orgId: client.orgId, key, experiment: { name } },
        { orgId: client.orgId, clientName: client.name },
        ctx.now,
      );
      return { ...experiment, id };
    },
    (experiment) => [experiment.orgId],
  );
}

type StoredClient = Awaited<ReturnType<typeof requireWritableClient>>;
type StoredExperiment = Experiment & { id: number };

/**
 * One change of an experiment's status by a person: found through its org, checked by the
 * rule `decide` names, stored and logged in one transaction; refused without a write.
 */
async function changeStatus(
  change: 'experiment.start' | 'experiment.pause' | 'experiment.complete',
  orgId: string,
  experimentId: number,
  context: OpContext | undefined,
  decide: (client: StoredClient, experiment: StoredExperiment, now: number) => ExperimentTransition<StoredExperiment>,
): Promise<Experiment> {
  const ctx = resolve(context);
  requireOrgAction(context, 'experiment.manage');
  return writeTransaction(
    async () => {
      await requireTeamChange(change);
      const client = await requireWritableClient(orgId);
      const experiment = await requireExperiment(client.orgId, experimentId);
      const { check, next, action } = decide(client, experiment, ctx.now);
      refuseUnless(check);
      // Every experiment has its key since version 8; one without would get it here.
      const key = next.key ?? newSyncId('x');
      await db.experiments.put({ ...next, key });
      await log(ctx, { action, orgId: client.orgId, details: { experimentId } });
      await queueChange(
        change,
        { orgId: client.orgId, key },
        { orgId: client.orgId, clientName: client.name },
        ctx.now,
      );
      return { ...next, key };
    },
    (experiment) => [experiment.orgId],
  );
}

/** Starts a draft, or resumes a paused experiment; refused while the client is paused or inactive. */
export async function startExperiment(orgId: string, experimentId: number, context?: OpContext): Promise<Experiment> {
  return changeStatus('experiment.start', orgId, experimentId, context, startTransition);
}

export async function pauseExperiment(orgId: string, experimentId: number, context?: OpContext): Promise<Experiment> {
  return changeStatus('experiment.pause', orgId, experimentId, context, (_client, experiment, now) =>
    pauseTransition(experiment, now),
  );
}

export async function completeExperiment(
  orgId: string,
  experimentId: number,
  context?: OpContext,
): Promise<Experiment> {
  return changeStatus('experiment.complete', orgId, experimentId, context, (_client, experiment, now) =>
    completeTransition(experiment, now),
  );
}

/** The experiments of one org, newest first. */
export async function listExperiments(orgId: string): Promise<Experiment[]> {
  return readTransaction(async () => {
    const client = await requireClient(orgId);
    const experiments = await db.experiments.where('orgId').equals(client.orgId).toArray();
    return experiments.sort((a, b) => b.createdAt - a.createdAt);
  });
}
