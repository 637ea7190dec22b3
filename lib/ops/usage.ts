/**
 * Usage changes: every way visitors used changes (recorded by hand, added, read from the usage
 * source) goes through writeUsage, inside the caller's transaction, so that the quota rule, the
 * billing period's report, the daily sample and forecast, the warnings and the log all follow
 * from one place.
 */
import { db, type StoredClient } from '../db/database';
import type { ActivityEntry } from '../model/activity';
import type { Client } from '../model/client';
import { AppError } from '../model/errors';
import { licenseCount } from '../model/fields';
import { usageReasonSchema } from '../model/usage-records';
import { parseOrThrow } from '../model/validate';
import { addDays } from '../rules/calendar';
import { quotaRuleMove } from '../rules/quota';
import {
  checkUsageSet,
  checkUsageTarget,
  planUsageWrite,
  usageSample,
  usageSetEntry,
  usedInPeriod,
} from '../rules/usage-change';
import { FORECAST_WINDOW_DAYS, usageTrend } from '../rules/usage-forecast';
import { applyRollover } from './billing';
import { type OpContext, type ResolvedContext, resolve, writeTransaction } from './context';
import { requireOrgAction, requireWritableClient } from './org-access';
import { pauseForQuota, unpauseAfterQuota } from './quota';
import { loadSettings, log, putClient } from './store';
import { decideUsageAlerts } from './usage-alerts';
import { type UsageClock, usageClock } from '../rules/usage-clock';
import { queueChange, requireTeamChange } from './team-outbox';

export { type UsageClock, usageClock } from '../rules/usage-clock';

/**
 * Stores today's sample and returns the trend fitted through the window's samples. Exported
 * for the CSV import, which writes its clients in bulk but samples the usage it changes.
 */
export async function sampleAndTrend(
  orgId: string,
  used: number,
  clock: UsageClock,
): Promise<StoredClient['usageTrend']> {
  await db.usageSamples.put(usageSample(orgId, used, clock));
  const from = addDays(clock.today, -(FORECAST_WINDOW_DAYS - 1));
  const samples = await db.usageSamples
    .where('[orgId+day]')
    .between([orgId, from], [orgId, clock.today], true, true)
    .toArray();
  return usageTrend(
    samples.filter((sample) => sample.period === clock.period),
    clock.period,
    clock.today,
  );
}

/**
 * Sets a client's visitors used in the current billing period to `visitors`, inside the
 * caller's transaction: the client moves to the current period first (a new period's usage
 * never adds to the last one's), the period's report and today's sample follow, the forecast
 * is fitted again, the quota rule pauses a client that reached its quota (or lifts a quota
 * pause when a correction takes it back under), and the warnings it now calls for are recorded.
 * `entry` is logged before any pause, so the history reads in the order things happened.
 */
export async function writeUsage(
  stored: StoredClient,
  visitors: number,
  clock: UsageClock,
  ctx: ResolvedContext,
  entry: (before: number) => Omit<ActivityEntry, 'id' | 'at' | 'actor'> | undefined,
): Promise<StoredClient> {
  const plan = planUsageWrite(stored, visitors, clock, ctx.now);
  const client = plan.rollover ? await applyRollover(stored, plan.rollover, ctx) : stored;
  const [, trend] = await Promise.all([
    db.reports.put(plan.report),
    sampleAndTrend(client.orgId, plan.sample.used, clock),
  ]);
  const next: StoredClient = { ...client, usedVisitors: plan.usedVisitors };
  if (trend) next.usageTrend = trend;
  else delete next.usageTrend;
  const line = entry(plan.before);
  // The log line goes in with the client's write (an add keeps its order among this client's lines).
  let [updated] = await Promise.all([putClient(next, ctx.now), line ? log(ctx, line) : undefined]);
  const move = quotaRuleMove(updated);
  if (move === 'pause') updated = await pauseForQuota(updated, ctx);
  else if (move === 'unpause') updated = await unpauseAfterQuota(updated, ctx);
  await decideUsageAlerts(updated, clock.settings, clock.period, clock.today, ctx.now);
  return updated;
}

/**
 * Records today's sample of a number that did not change (the usage source said it again),
 * so that a flat day counts in the forecast as one, and decides the warnings that are now due.
 */
export async function sampleUnchangedUsage(stored: StoredClient, clock: UsageClock, now: number): Promise<void> {
  // A client still counting an ended period has nothing to sample in this one until it moves.
  if (stored.usagePeriod !== clock.period) return;
  const existing = await db.usageSamples.get([stored.orgId, clock.today]);
  if (existing?.used === stored.usedVisitors) return;
  const trend = await sampleAndTrend(stored.orgId, stored.usedVisitors, clock);
  let client = stored;
  if (trend?.perDay !== stored.usageTrend?.perDay || trend?.day !== stored.usageTrend?.day) {
    const next: StoredClient = { ...stored };
    if (trend) next.usageTrend = trend;
    else delete next.usageTrend;
    client = await putClient(next, now);
  }
  // Levels the agency added since, or a steady rate bringing the run-out day within the week,
  // call for warnings without the number changing.
  await decideUsageAlerts(client, clock.settings, clock.period, clock.today, now);
}

export interface SetUsageOptions extends OpContext {
  /** Why the number goes down; needed when it does, kept in the client's history. */
  reason?: string;
}

/** What a person's usage change starts from, inside its transaction: a writable, not inactive client, and the visitors it used this period so far. */
async function usageTarget(
  orgId: string,
  now: number,
): Promise<{ stored: StoredClient; clock: UsageClock; current: number }> {
  const stored = await requireWritableClient(orgId);
  const target = checkUsageTarget(stored);
  if (!target.ok) throw new AppError('rule', target.key, target.params);
  const clock = usageClock(await loadSettings(), now);
  // A client the background has not moved to this period yet has used nothing in it.
  return { stored, clock, current: usedInPeriod(stored, clock.period) };
}

/**
 * Sets the visitors used in the current billing period, as the agency reads them off the
 * vendor's console. A lower number is a correction and needs a reason, which the history keeps.
 * Reaching the quota pauses the client and its running experiments in the same transaction.
 */
export async function setVisitorsUsed(orgId: string, visitors: number, options: SetUsageOptions = {}): Promise<Client> {
  const ctx = resolve(options);
  const count = parseOrThrow(licenseCount(0), visitors, 'usage');
  const reason = parseOrThrow(usageReasonSchema, options.reason, 'usage');
  requireOrgAction(options, 'usage.record');
  return writeTransaction(
    async () => {
      await requireTeamChange('client.setVisitorsUsed');
      const { stored, clock, current } = await usageTarget(orgId, ctx.now);
      const allowed = checkUsageSet(current, count, reason);
      if (!allowed.ok) throw new AppError('rule', allowed.key, allowed.params);
      if (count === current) return stored;
      const updated = await writeUsage(stored, count, clock, ctx, (before) =>
        usageSetEntry(stored.orgId, before, count, clock.period, reason),
      );
      await queueChange(
        'client.setVisitorsUsed',
        { orgId: stored.orgId, visitors: count, reason },
        { orgId: stored.orgId, clientName: stored.name },
        ctx.now,
      );
      return updated;
    },
    (client) => [client.orgId],
  );
}

/**
 * Counts `visitors` more against a client's quota and its billing period's report. Reaching
 * 100% pauses the client and its running experiments in the same transaction.
 */
export async function recordUsage(orgId: string, visitors: number, context?: OpContext): Promise<Client> {
  const ctx = resolve(context);
  const count = parseOrThrow(licenseCount(1), visitors, 'usage');
  requireOrgAction(context, 'usage.record');
  return writeTransaction(
    async () => {
      await requireTeamChange('client.setVisitorsUsed');
      const { stored, clock, current } = await usageTarget(orgId, ctx.now);
      const updated = await writeUsage(stored, current + count, clock, ctx, () => ({
        action: 'usage_recorded',
        orgId: stored.orgId,
        details: { visitors: count, period: clock.period },
      }));
      // The server knows no "add": it is told the period's new total, which is higher, so needs no reason.
      await queueChange(
        'client.setVisitorsUsed',
        { orgId: stored.orgId, visitors: current + count },
        { orgId: stored.orgId, clientName: stored.name },
        ctx.now,
      );
      return updated;
    },
    (client) => [client.orgId],
  );
}
