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
      const client = await requireWritableClient(orgId);
      refuseUnless(checkCanCreate(client));
      const experiment: Experiment = {
        orgId: client.orgId,
        name,
        status: 'draft',
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      const id = await db.experiments.add(experiment);
      await log(ctx, { action: 'experiment_created', orgId: client.orgId, details: { experimentId: id } });
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
  orgId: string,
  experimentId: number,
  context: OpContext | undefined,
  decide: (client: StoredClient, experiment: StoredExperiment, now: number) => ExperimentTransition<StoredExperiment>,
): Promise<Experiment> {
  const ctx = resolve(context);
  requireOrgAction(context, 'experiment.manage');
  return writeTransaction(
    async () => {
      const client = await requireWritableClient(orgId);
      const experiment = await requireExperiment(client.orgId, experimentId);
      const { check, next, action } = decide(client, experiment, ctx.now);
      refuseUnless(check);
      await db.experiments.put(next);
      await log(ctx, { action, orgId: client.orgId, details: { experimentId } });
      return next;
    },
    (experiment) => [experiment.orgId],
  );
}

/** Starts a draft, or resumes a paused experiment; refused while the client is paused or inactive. */
export async function startExperiment(orgId: string, experimentId: number, context?: OpContext): Promise<Experiment> {
  return changeStatus(orgId, experimentId, context, startTransition);
}

export async function pauseExperiment(orgId: string, experimentId: number, context?: OpContext): Promise<Experiment> {
  return changeStatus(orgId, experimentId, context, (_client, experiment, now) => pauseTransition(experiment, now));
}

export async function completeExperiment(
  orgId: string,
  experimentId: number,
  context?: OpContext,
): Promise<Experiment> {
  return changeStatus(orgId, experimentId, context, (_client, experiment, now) => completeTransition(experiment, now));
}

/** The experiments of one org, newest first. */
export async function listExperiments(orgId: string): Promise<Experiment[]> {
  return readTransaction(async () => {
    const client = await requireClient(orgId);
    const experiments = await db.experiments.where('orgId').equals(client.orgId).toArray();
    return experiments.sort((a, b) => b.createdAt - a.createdAt);
  });
}
