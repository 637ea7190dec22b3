import type { Client } from '../model/client';
import type { Experiment, ExperimentStatus } from '../model/org-records';
import type { RuleResult } from './quota';

/** Whether a person may start (or resume) an experiment of this client. */
export function checkCanStart(client: Pick<Client, 'status'>, experiment: Pick<Experiment, 'status'>): RuleResult {
  if (client.status === 'inactive') return { ok: false, key: 'error_startWhileInactive', params: {} };
  if (client.status === 'paused') return { ok: false, key: 'error_startWhilePaused', params: {} };
  if (experiment.status !== 'draft' && experiment.status !== 'paused')
    return { ok: false, key: 'error_experimentCannotStart', params: {} };
  return { ok: true };
}

const ALLOWED: Record<'pause' | 'complete', readonly ExperimentStatus[]> = {
  pause: ['running'],
  complete: ['draft', 'running', 'paused'],
};

export function checkCanPause(experiment: Pick<Experiment, 'status'>): RuleResult {
  return ALLOWED.pause.includes(experiment.status)
    ? { ok: true }
    : { ok: false, key: 'error_experimentCannotPause', params: {} };
}

export function checkCanComplete(experiment: Pick<Experiment, 'status'>): RuleResult {
  return ALLOWED.complete.includes(experiment.status)
    ? { ok: true }
    : { ok: false, key: 'error_experimentCannotComplete', params: {} };
}
