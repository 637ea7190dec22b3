/**
 * One agency's time rules in one change (one transaction, one version): new billing periods,
 * auto-pause at quota, then reminders and purges of inactive clients, in the extension's order
 * (lib/background/run-lifecycle-rules.ts). Each step reads only the clients due, through the
 * indexes of 0002_roster.sql and 0005_time-rules.sql.
 */
import type { Actor } from '../../lib/model/activity';
import type { Client } from '../../lib/model/client';
import { billingPeriodStart } from '../../lib/rules/billing';
import { localDate } from '../../lib/rules/calendar';
import { isAtQuota } from '../../lib/rules/quota';
import { reminderHorizon } from '../../lib/rules/reminders';
import { rollOverClient } from '../changes/billing-period';
import type { ChangeContext } from '../changes/context';
import { pauseForQuota } from '../changes/quota-pause';
import type { Db } from '../db/pool';
import { asAgencyChange } from './agency-change';
import { applyGracePeriodRules } from './grace-period';

const BILLING: Actor = { type: 'rule', rule: 'billing' };

export interface AgencyRulesResult {
  usagePeriodsStarted: number;
  clientsPaused: number;
  remindersDecided: number;
  clientsPurged: number;
}

async function clientsWhere(ctx: ChangeContext, condition: string, params: unknown[]): Promise<Client[]> {
  const { rows } = await ctx.tx.query<{ data: Client }>(
    `SELECT data FROM clients WHERE agency_id = $1 AND ${condition} ORDER BY org_id`,
    [ctx.agencyId, ...params],
  );
  return rows.map((row) => row.data);
}

async function startBillingPeriods(ctx: ChangeContext): Promise<number> {
  const period = billingPeriodStart(ctx.now, ctx.settings.billingDay, ctx.settings.timeZone);
  const due = await clientsWhere(ctx, 'deleted IS NULL AND usage_period < $2', [period]);
  for (const client of due) await rollOverClient(ctx, client, period);
  return due.length;
}

/** Active clients whose usage reached their quota, however it got there (an import writes it without a usage change). */
async function pauseClientsAtQuota(ctx: ChangeContext): Promise<number> {
  // The SQL only narrows the search to what the partial index holds; the quota rule decides.
  const due = (await clientsWhere(ctx, "status = 'active' AND used_visitors >= quota", [])).filter(isAtQuota);
  for (const client of due) await pauseForQuota(ctx, client);
  return due.length;
}

async function applyGracePeriods(
  ctx: ChangeContext,
): Promise<Pick<AgencyRulesResult, 'remindersDecided' | 'clientsPurged'>> {
  const horizon = reminderHorizon(localDate(ctx.now, ctx.settings.timeZone), ctx.settings.reminderDays);
  const candidates = await clientsWhere(ctx, "status = 'inactive' AND purge_on <= $2", [horizon]);
  const result = { remindersDecided: 0, clientsPurged: 0 };
  for (const client of candidates) {
    const outcome = await applyGracePeriodRules(ctx, client);
    if (outcome === 'reminded') result.remindersDecided += 1;
    if (outcome === 'purged') result.clientsPurged += 1;
  }
  return result;
}

/** Applies the time rules to one agency at `now`; undefined when the agency is gone. */
export async function applyAgencyRules(db: Db, agencyId: string, now: number): Promise<AgencyRulesResult | undefined> {
  return asAgencyChange(db, agencyId, now, BILLING, async (ctx) => {
    const result: AgencyRulesResult = {
      usagePeriodsStarted: await startBillingPeriods(ctx),
      clientsPaused: await pauseClientsAtQuota(ctx),
      ...(await applyGracePeriods(ctx)),
    };
    const wrote = Object.values(result).some((count) => count > 0);
    return { wrote, result };
  });
}
