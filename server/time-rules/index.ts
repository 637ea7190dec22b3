/**
 * The time rules of every shared roster, run by the server once for all browsers: billing
 * periods, auto-pause at quota, reminders before a purge and the purge (after the same 24-hour
 * notice as the extension's), then the reminder webhook. Browsers pull what they did like any
 * other change. A pass holds a PostgreSQL advisory lock, so that of several server processes
 * only one runs it at a time; each agency's work is one change under the agency's row lock.
 */
import type { Db } from '../db/pool';
import { type AgencyRulesResult, applyAgencyRules } from './agency-rules';
import { withTimeRulesLock } from './lock';
import type { Fetch } from './post-webhook';
import { deliverDueReminderWebhooks } from './reminder-webhooks';

export { TIME_RULES_LOCK_KEY } from './lock';

export interface TimeRulesSummary extends AgencyRulesResult {
  /** False when another process held the lock, so this one skipped the pass. */
  ran: boolean;
  agencies: number;
  webhookTries: number;
  /** Agencies whose rules failed (the error is logged); the next pass tries them again. */
  failedAgencies: string[];
  /** The webhook step failed; its due tries wait for the next pass. */
  webhooksFailed: boolean;
}

export interface TimeRulesLog {
  info(data: object, message: string): void;
  error(data: object, message: string): void;
}

export interface RunOptions {
  now: number;
  /** How the webhook is posted (tests pass their own); the global fetch by default. */
  fetch?: Fetch;
  log?: TimeRulesLog;
  /** Post webhooks to loopback and private addresses too (server/time-rules/webhook-host.ts); off by default. */
  privateWebhookHosts?: boolean;
}

function emptySummary(ran: boolean): TimeRulesSummary {
  return {
    ran,
    agencies: 0,
    usagePeriodsStarted: 0,
    clientsPaused: 0,
    remindersDecided: 0,
    clientsPurged: 0,
    webhookTries: 0,
    failedAgencies: [],
    webhooksFailed: false,
  };
}

/**
 * One pass at `now`: every agency's rules, one agency at a time, then the webhook tries due.
 * One agency that fails does not keep the others from theirs. Safe to run as often as wanted:
 * each rule does only what is due and records that it did.
 */
export async function runTimeRules(db: Db, options: RunOptions): Promise<TimeRulesSummary> {
  const { now, log } = options;
  const fetchFn = options.fetch ?? fetch;
  const summary = await withTimeRulesLock(db, async () => {
    const result = emptySummary(true);
    const { rows } = await db.query<{ id: string }>('SELECT id FROM agencies ORDER BY created_at, id');
    for (const { id } of rows) {
      try {
        const counts = await applyAgencyRules(db, id, now);
        if (!counts) continue;
        result.agencies += 1;
        result.usagePeriodsStarted += counts.usagePeriodsStarted;
        result.clientsPaused += counts.clientsPaused;
        result.remindersDecided += counts.remindersDecided;
        result.clientsPurged += counts.clientsPurged;
      } catch (error) {
        log?.error({ err: error, agency: id }, 'time rules failed for an agency');
        result.failedAgencies.push(id);
      }
    }
    try {
      result.webhookTries = await deliverDueReminderWebhooks(db, now, fetchFn, options.privateWebhookHosts);
    } catch (error) {
      log?.error({ err: error }, 'reminder webhooks failed');
      result.webhooksFailed = true;
    }
    return result;
  });
  return summary ?? emptySummary(false);
}

function didSomething(summary: TimeRulesSummary): boolean {
  return (
    summary.usagePeriodsStarted + summary.clientsPaused + summary.remindersDecided + summary.clientsPurged > 0 ||
    summary.webhookTries > 0 ||
    summary.failedAgencies.length > 0 ||
    summary.webhooksFailed
  );
}

export interface StartOptions {
  /** Time between the starts of two passes; one minute by default. */
  intervalMs?: number;
  clock?: () => number;
  fetch?: Fetch;
  log?: TimeRulesLog;
  privateWebhookHosts?: boolean;
}

export const DEFAULT_TIME_RULES_INTERVAL_MS = 60_000;

/**
 * Runs a pass now and then every `intervalMs`, never two at once in this process: the next
 * pass is timed when the last one ends (at once when it took longer than the interval). A pass
 * that throws (the database gone) is logged and the next one tries again. `stop()` ends the
 * schedule and resolves once a pass under way has finished.
 */
export function startTimeRules(db: Db, options: StartOptions = {}): { stop(): Promise<void> } {
  const intervalMs = options.intervalMs ?? DEFAULT_TIME_RULES_INTERVAL_MS;
  const clock = options.clock ?? Date.now;
  const { log } = options;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();

  const pass = async () => {
    timer = undefined;
    const started = Date.now();
    try {
      const summary = await runTimeRules(db, {
        now: clock(),
        fetch: options.fetch,
        log,
        privateWebhookHosts: options.privateWebhookHosts,
      });
      if (!summary.ran) log?.info({}, 'time rules pass skipped: another process is running one');
      else if (didSomething(summary)) log?.info({ ...summary }, 'time rules pass');
    } catch (error) {
      log?.error({ err: error }, 'time rules pass failed');
    }
    if (!stopped) timer = setTimeout(schedule, Math.max(0, started + intervalMs - Date.now()));
  };
  const schedule = () => {
    running = pass();
  };

  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await running;
    },
  };
}
