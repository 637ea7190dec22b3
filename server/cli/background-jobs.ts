/**
 * The work `serve` runs beside the HTTP routes: the server's time rules (billing periods,
 * purges, reminders), which decide on the clock rather than on a push.
 *
 * INTEGRATION HOOK: server/time-rules (startTimeRules(db, opts)) is being written beside this
 * CLI. Once it is merged, this function returns `startTimeRules(db, options)`; until then the
 * server starts no time rules, and says so in its log.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/pool';

export interface BackgroundJobs {
  /** Waits for a run under way to finish, then starts no other. */
  stop(): Promise<void>;
}

export interface BackgroundJobOptions {
  log: FastifyBaseLogger;
  clock: () => number;
}

export function startBackgroundJobs(_db: Db, options: BackgroundJobOptions): Promise<BackgroundJobs> {
  options.log.warn('time rules are not wired into this build (server/cli/background-jobs.ts)');
  return Promise.resolve({ stop: () => Promise.resolve() });
}
