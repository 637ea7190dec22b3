import { db, type StoredClient } from '../db/database';
import type { Actor } from '../model/activity';
import { billingPeriodStart } from '../rules/billing';
import { billingRollover, type Rollover, rolloverEntries } from '../rules/billing-rollover';
import type { IsoDate } from '../rules/calendar';
import { type ResolvedContext, writeTransaction } from './context';
import { changeAllocated, loadSettings, log, putClient, resumeExperimentsPausedBy } from './store';

/** The billing rule, as its moves are logged. */
export const BILLING: Actor = { type: 'rule', rule: 'billing' };

/** Clients handled per transaction: a stopped worker loses at most one batch's work, never half a client. */
export const ROLLOVER_BATCH = 50;

/**
 * Starts billing period `period` for one client, inside the caller's transaction: usage back
 * to zero, a quota pause lifted with exactly the experiments the quota rule paused, and an
 * inactive client's licenses (it holds only what it used) back to the pool. Logged as the
 * billing rule's doing. A client already in `period` (or later) is returned unchanged.
 */
export async function rollOverClient(
  client: StoredClient,
  period: IsoDate,
  context: ResolvedContext,
): Promise<StoredClient> {
  const change = billingRollover(client, period);
  return change ? applyRollover(client, change, context) : client;
}

/** Writes what billingRollover decided for one client (a usage change decides it in its plan). */
export async function applyRollover(
  client: StoredClient,
  change: Rollover,
  context: ResolvedContext,
): Promise<StoredClient> {
  const ctx = { ...context, actor: BILLING };
  const resumed = change.unpause ? await resumeExperimentsPausedBy(client.orgId, ['quota'], ctx.now) : 0;
  if (change.licensesReturned > 0) await changeAllocated(-change.licensesReturned);
  const updated = await putClient({ ...client, ...change.next }, ctx.now);
  for (const entry of rolloverEntries(client.orgId, change, updated.quota, resumed)) await log(ctx, entry);
  return updated;
}

export interface BatchResult {
  orgIds: string[];
  /** More clients may be due: run the operation again. */
  more: boolean;
}

/**
 * Starts the current billing period for up to `limit` clients still counting an earlier one,
 * found through the usagePeriod index, in one transaction. After months away, the clients
 * go straight to the current period: the periods in between had no usage to reset.
 */
export async function rollOverBillingPeriods(now: number, limit = ROLLOVER_BATCH): Promise<BatchResult> {
  const ctx: ResolvedContext = { now, actor: BILLING };
  return writeTransaction(
    async () => {
      const settings = await loadSettings();
      const period = billingPeriodStart(now, settings.billingDay, settings.timeZone);
      const due = await db.clients.where('usagePeriod').below(period).limit(limit).toArray();
      for (const client of due) await rollOverClient(client, period, ctx);
      return { orgIds: due.map((client) => client.orgId), more: due.length === limit };
    },
    (result) => result.orgIds,
  );
}
