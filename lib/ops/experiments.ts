import { db } from '../db/database';
import { AppError } from '../model/errors';
import { type Experiment, experimentInputSchema } from '../model/org-records';
import { parseOrThrow } from '../model/validate';
import { checkCanComplete, checkCanPause, checkCanStart } from '../rules/experiments';
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

export async function createExperiment(orgId: string, input: { name: string }, context?: OpContext): Promise<Experiment> {
  const ctx = resolve(context);
  requireOrgAction(context, 'experiment.manage');
  const { name } = parseOrThrow(experimentInputSchema, input, 'experiment');
  return writeTransaction(
    async () => {
      const client = await requireWritableClient(orgId);
      if (client.status === 'inactive') throw new AppError('rule', 'error_clientInactive');
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

/** Starts a draft, or resumes a paused experiment; refused while the client is paused or inactive. */
export async function startExperiment(orgId: string, experimentId: number, context?: OpContext): Promise<Experiment> {
  const ctx = resolve(context);
  requireOrgAction(context, 'experiment.manage');
  return writeTransaction(
    async () => {
      const client = await requireWritableClient(orgId);
      const experiment = await requireExperiment(client.orgId, experimentId);
      refuseUnless(checkCanStart(client, experiment));
      const wasPaused = experiment.status === 'paused';
      const { pausedBy: _pausedBy, ...rest } = experiment;
      const updated: Experiment = { ...rest, status: 'running', updatedAt: ctx.now };
      await db.experiments.put(updated);
      await log(ctx, {
        action: wasPaused ? 'experiment_resumed' : 'experiment_started',
        orgId: client.orgId,
        details: { experimentId },
      });
      return updated;
    },
    (experiment) => [experiment.orgId],
  );
}

export async function pauseExperiment(orgId: string, experimentId: number, context?: OpContext): Promise<Experiment> {
  const ctx = resolve(context);
  requireOrgAction(context, 'experiment.manage');
  return writeTransaction(
    async () => {
      const client = await requireWritableClient(orgId);
      const experiment = await requireExperiment(client.orgId, experimentId);
      refuseUnless(checkCanPause(experiment));
      const updated: Experiment = { ...experiment, status: 'paused', pausedBy: 'person', updatedAt: ctx.now };
      await db.experiments.put(updated);
      await log(ctx, { action: 'experiment_paused', orgId: client.orgId, details: { experimentId } });
      return updated;
    },
    (experiment) => [experiment.orgId],
  );
}

export async function completeExperiment(orgId: string, experimentId: number, context?: OpContext): Promise<Experiment> {
  const ctx = resolve(context);
  requireOrgAction(context, 'experiment.manage');
  return writeTransaction(
    async () => {
      const client = await requireWritableClient(orgId);
      const experiment = await requireExperiment(client.orgId, experimentId);
      refuseUnless(checkCanComplete(experiment));
      const { pausedBy: _pausedBy, ...rest } = experiment;
      const updated: Experiment = { ...rest, status: 'completed', updatedAt: ctx.now };
      await db.experiments.put(updated);
      await log(ctx, { action: 'experiment_completed', orgId: client.orgId, details: { experimentId } });
      return updated;
    },
    (experiment) => [experiment.orgId],
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
