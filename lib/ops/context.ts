import Dexie from 'dexie';
import { db } from '../db/database';
import { type Actor, PERSON } from '../model/activity';
import { AppError, isAppError } from '../model/errors';
import type { OrgActor } from '../model/partner';
import { emitDataChanged } from './events';

/** Who is acting and when; tests and the background pass `now`, people get the clock. */
export interface OpContext {
  now?: number;
  actor?: Actor;
  /**
   * Whose rights apply in a client's organization (lib/rules/partner-permissions.ts): the
   * agency as partner admin unless told otherwise; the client's own roles are for the model's tests.
   */
  actingAs?: OrgActor;
}

export interface ResolvedContext {
  now: number;
  actor: Actor;
}

export function resolve(context: OpContext = {}): ResolvedContext {
  return { now: context.now ?? Date.now(), actor: context.actor ?? PERSON };
}

export const ALL_TABLES = () => [
  db.meta,
  db.clients,
  db.orgIds,
  db.experiments,
  db.members,
  db.reports,
  db.activity,
  db.reminders,
  db.usageSamples,
  db.usageAlerts,
  db.outbox,
  db.refusedChanges,
];

/**
 * Runs `work` as one read-write transaction over every table. A throw inside rolls back
 * everything it wrote. Listeners hear of the change only after the commit.
 * `work` must await nothing but IndexedDB, or the transaction would close under it.
 */
export async function writeTransaction<T>(work: () => Promise<T>, changedOrgIds: (result: T) => string[]): Promise<T> {
  // Inside another operation's transaction, the outermost one tells listeners once it commits.
  const nested = Dexie.currentTransaction !== null && Dexie.currentTransaction !== undefined;
  let result: T;
  try {
    result = await db.transaction('rw', ALL_TABLES(), work);
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError('unexpected', 'error_unexpected', { detail: error instanceof Error ? error.name : 'Error' });
  }
  if (!nested) emitDataChanged({ orgIds: changedOrgIds(result) });
  return result;
}

export async function readTransaction<T>(work: () => Promise<T>): Promise<T> {
  return db.transaction('r', ALL_TABLES(), work);
}
