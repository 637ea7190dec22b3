import type { ActivityAction } from '../model/activity';
import type { Client } from '../model/client';
import type { Experiment, ExperimentStatus } from '../model/org-records';
import type { RuleResult } from './quota';

/** Whether a person may add an experiment to this client: not while it is inactive (a paused client may). */
export function checkCanCreate(client: Pick<Client, 'status'>): RuleResult {
  if (client.status === 'inactive') return { ok: false, key: 'error_clientInactive', params: {} };
  return { ok: true };
}

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

/**
 * One change of an experiment's status by a person: whether it is allowed, the record as it is
 * once made (whatever the caller keys it by, the browser's id or the server's key, is kept),
 * and the history line it writes.
 */
export interface ExperimentTransition<E extends Experiment> {
  check: RuleResult;
  /** Used only if `check` allows it. */
  next: E;
  action: Extract<
    ActivityAction,
    'experiment_started' | 'experiment_resumed' | 'experiment_paused' | 'experiment_completed'
  >;
}

/** The experiment without a pause cause: it is no longer paused. */
function unpaused<E extends Experiment>(experiment: E): E {
  const next = { ...experiment };
  delete next.pausedBy;
  return next;
}

/** Starts a draft, or resumes a paused experiment; refused while the client is paused or inactive. */
export function startTransition<E extends Experiment>(
  client: Pick<Client, 'status'>,
  experiment: E,
  now: number,
): ExperimentTransition<E> {
  return {
    check: checkCanStart(client, experiment),
    next: { ...unpaused(experiment), status: 'running', updatedAt: now },
    action: experiment.status === 'paused' ? 'experiment_resumed' : 'experiment_started',
  };
}

/** A person's pause: only a person resumes it (the quota and inactivity rules leave it alone). */
export function pauseTransition<E extends Experiment>(experiment: E, now: number): ExperimentTransition<E> {
  return {
    check: checkCanPause(experiment),
    next: { ...experiment, status: 'paused', pausedBy: 'person', updatedAt: now },
    action: 'experiment_paused',
  };
}

export function completeTransition<E extends Experiment>(experiment: E, now: number): ExperimentTransition<E> {
  return {
    check: checkCanComplete(experiment),
    next: { ...unpaused(experiment), status: 'completed', updatedAt: now },
    action: 'experiment_completed',
  };
}
