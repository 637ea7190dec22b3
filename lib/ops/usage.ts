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
import { QUOTA_RULE, quotaMoveEntry, quotaRuleMove } from '../rules/quota';
import {
  checkUsageSet,
  checkUsageTarget,
  planUsageWrite,
  usageSample,
  usageSetEntry,
  usedInPeriod,
} from '../rules/usage-change';
import { FORECAST_WINDOW_DAYS, usageTrend } from '../rules/usage-forecast';
import { applyRollovers } from './billing';
import { type OpContext, type ResolvedContext, resolve, writeTransaction } from './context';
import { requireOrgAction, requireWritableClient } from './org-access';
import { loadSettings, pauseRunningExperiments, resumeExperimentsPausedBy, toStoredClient } from './store';
import { eachOf, putRecords } from './write-records';
import { decideUsageAlertsOf } from './usage-alerts';
import { type UsageClock, usageClock } from '../rules/usage-clock';
import { addHistoryLines, queueChange, requireTeamChange } from './team-outbox';

export { type UsageClock, usageClock } from '../rules/usage-clock';

/**
 * Stores today's sample of each client (each once) in one write and returns the trends fitted
 * through each one's window of samples, in the order given. Exported for the CSV import, which
 * writes its clients in bulk but samples the usage it changes.
 */
export async function sampleAndTrends(
  usages: readonly { orgId: string; used: number }[],
  clock: UsageClock,
): Promise<StoredClient['usageTrend'][]> {
  if (usages.length === 0) return [];
  const from = addDays(clock.today, -(FORECAST_WINDOW_DAYS - 1));
  const samples = usages.map(({ orgId, used }) => usageSample(orgId, used, clock));
  // Each window is read up to yesterday and ends with today's sample as written: the same
  // samples in the same order as a read after the write, with the reads sent beside the write
  // rather than after it, and one record fewer a client. One range read a client, all at
  // once: IndexedDB answers them in turn without this code in between.
  const [earlier] = await Promise.all([
    Promise.all(
      usages.map(({ orgId }) =>
        db.usageSamples.where('[orgId+day]').between([orgId, from], [orgId, clock.today], true, false).toArray(),
      ),
    ),
    putRecords(db.usageSamples, samples),
  ]);
  return earlier.map((window, index) => {
    const today = samples[index];
    const inPeriod = window.filter((sample) => sample.period === clock.period);
    if (today?.period === clock.period) inPeriod.push(today);
    return usageTrend(inPeriod, clock.period, clock.today);
  });
}

/** One usage change of a batch: the client as stored, its new number, and the line its history gets. */
export interface UsageChange {
  stored: StoredClient;
  visitors: number;
  entry: (before: number) => Omit<ActivityEntry, 'id' | 'at' | 'actor'> | undefined;
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
  entry: UsageChange['entry'],
): Promise<StoredClient> {
  const [updated] = await writeUsages([{ stored, visitors, entry }], clock, ctx);
  return updated ?? stored;
}

/**
 * writeUsage for many clients (each once), with the same records as one writeUsage after
 * another, but each table written once for all of them (a usage feed's batch): the billing
 * rule's moves, then reports and samples, then the quota rule's, then the clients and their
 * history lines (each client's in its order), then the warnings. Returns the clients as stored.
 */
export async function writeUsages(
  changes: readonly UsageChange[],
  clock: UsageClock,
  ctx: ResolvedContext,
): Promise<StoredClient[]> {
  if (changes.length === 0) return [];
  const plans = changes.map(({ stored, visitors }) => planUsageWrite(stored, visitors, clock, ctx.now));
  const rolled = await applyRollovers(
    changes.map(({ stored: client }) => client),
    plans.map((plan) => plan.rollover),
    ctx.now,
  );
  const [trends] = await Promise.all([
    sampleAndTrends(
      plans.map((plan, index) => ({ orgId: changes[index]?.stored.orgId ?? '', used: plan.sample.used })),
      clock,
    ),
    putRecords(
      db.reports,
      plans.map((plan) => plan.report),
    ),
  ]);
  const lines: ActivityEntry[] = rolled.lines;
  const used = rolled.clients.map((client, index) => {
    const plan = plans[index];
    const change = changes[index];
    if (!plan || !change) return client;
    const next: StoredClient = { ...client, usedVisitors: plan.usedVisitors };
    const trend = trends[index];
    if (trend) next.usageTrend = trend;
    else delete next.usageTrend;
    const line = change.entry(plan.before);
    if (line) lines.push({ ...line, at: ctx.now, actor: ctx.actor });
    return stored(next, clock, ctx.now);
  });
  // The quota rule judges each client as its usage leaves it; its lines come after the usage lines.
  const moves = used.map(quotaRuleMove);
  const moved = await eachOf(used, (client, index) =>
    moves[index] === 'pause'
      ? pauseRunningExperiments(client.orgId, 'quota', ctx.now)
      : moves[index] === 'unpause'
        ? resumeExperimentsPausedBy(client.orgId, ['quota'], ctx.now)
        : undefined,
  );
  const clients = used.map((client, index) => {
    const move = moves[index];
    if (move === undefined) return client;
    lines.push({ ...quotaMoveEntry(client, move, moved[index] ?? 0), at: ctx.now, actor: QUOTA_RULE });
    return stored({ ...client, status: move === 'pause' ? 'paused' : 'active' }, clock, ctx.now);
  });
  await Promise.all([putRecords(db.clients, clients), addHistoryLines(lines)]);
  await decideUsageAlertsOf(clients, clock.settings, clock.period, clock.today, ctx.now);
  return clients;
}

/** A client as putClient stores it (derived fields, updatedAt), not yet written. */
function stored(client: StoredClient, clock: UsageClock, now: number): StoredClient {
  return toStoredClient({ ...client, updatedAt: now }, client.usagePeriod ?? clock.period);
}

/**
 * Records today's sample of numbers that did not change (the usage source said them again), so
 * that a flat day counts in the forecast as one, and decides the warnings that are now due:
 * for many clients (each once), each table read and written once for all.
 */
export async function sampleUnchangedUsages(
  clients: readonly StoredClient[],
  clock: UsageClock,
  now: number,
): Promise<void> {
  // A client still counting an ended period has nothing to sample in this one until it moves.
  const counting = clients.filter((client) => client.usagePeriod === clock.period);
  if (counting.length === 0) return;
  const existing = await db.usageSamples.bulkGet(counting.map((client) => [client.orgId, clock.today]));
  const sampled = counting.filter((client, index) => existing[index]?.used !== client.usedVisitors);
  if (sampled.length === 0) return;
  const trends = await sampleAndTrends(
    sampled.map((client) => ({ orgId: client.orgId, used: client.usedVisitors })),
    clock,
  );
  const refitted: StoredClient[] = [];
  const judged = sampled.map((client, index) => {
    const trend = trends[index];
    if (trend?.perDay === client.usageTrend?.perDay && trend?.day === client.usageTrend?.day) return client;
    const next: StoredClient = { ...client };
    if (trend) next.usageTrend = trend;
    else delete next.usageTrend;
    const updated = stored(next, clock, now);
    refitted.push(updated);
    return updated;
  });
  if (refitted.length > 0) await db.clients.bulkPut(refitted);
  // Levels the agency added since, or a steady rate bringing the run-out day within the week,
  // call for warnings without the number changing.
  await decideUsageAlertsOf(judged, clock.settings, clock.period, clock.today, now);
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
