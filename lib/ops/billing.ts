import { db, type StoredClient } from '../db/database';
import type { ActivityEntry, Actor } from '../model/activity';
import { billingPeriodStart } from '../rules/billing';
import { billingRollover, type Rollover, rolloverEntries } from '../rules/billing-rollover';
import type { IsoDate } from '../rules/calendar';
import { type ResolvedContext, writeTransaction } from './context';
import { changeAllocated, loadSettings, putClient, resumeExperimentsPausedBy } from './store';
import { addHistoryLine } from './team-outbox';
import { eachOf } from './write-records';

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
  const { clients, lines } = await applyRollovers([client], [change], context.now);
  const updated = await putClient(clients[0] ?? client, context.now);
  for (const line of lines) await addHistoryLine(line);
  return updated;
}

/**
 * applyRollover for many clients (each once; `changes` by the clients' places, none for a
 * client billingRollover left alone), inside the caller's transaction: quota pauses lifted,
 * the licenses of inactive clients returned in one change of the pool, and their lines. The
 * clients are returned as it leaves them, and the lines, not yet written (a usage feed's batch
 * writes each table once).
 */
export async function applyRollovers(
  clients: readonly StoredClient[],
  changes: readonly (Rollover | undefined)[],
  now: number,
): Promise<{ clients: StoredClient[]; lines: ActivityEntry[] }> {
  const resumed = await eachOf(clients, (client, index) =>
    changes[index]?.unpause ? resumeExperimentsPausedBy(client.orgId, ['quota'], now) : undefined,
  );
  const lines: ActivityEntry[] = [];
  let returned = 0;
  const rolled = clients.map((client, index) => {
    const change = changes[index];
    if (!change) return client;
    returned += change.licensesReturned;
    const next: StoredClient = { ...client, ...change.next };
    for (const entry of rolloverEntries(client.orgId, change, next.quota, resumed[index] ?? 0))
      lines.push({ ...entry, at: now, actor: BILLING });
    return next;
  });
  if (returned > 0) await changeAllocated(-returned);
  return { clients: rolled, lines };
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
