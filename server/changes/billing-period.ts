/** The start of a new billing period for one client, as lib/ops/billing.ts makes it, on the server's rows. */
import type { Actor } from '../../lib/model/activity';
import type { Client } from '../../lib/model/client';
import { billingRollover, type Rollover, rolloverEntries } from '../../lib/rules/billing-rollover';
import type { IsoDate } from '../../lib/rules/calendar';
import { log } from '../store/activity';
import { putClient } from '../store/clients';
import { resumeExperimentsPausedBy } from '../store/experiments';
import type { ChangeContext } from './context';

const BILLING: Actor = { type: 'rule', rule: 'billing' };

/**
 * Starts billing period `period` for one client, inside the caller's transaction: usage back
 * to zero, a quota pause lifted with exactly the experiments the quota rule paused, and an
 * inactive client's licences (it holds only what it used) back to the pool, which the pool
 * triggers count from its new quota. Logged as the billing rule's doing. The ended period's
 * report stays as the usage changes filed it. A client already in `period` (or later) is
 * returned unchanged. Usage changes call this first, as writeUsage does.
 */
export async function rollOverClient(ctx: ChangeContext, client: Client, period: IsoDate): Promise<Client> {
  const change = billingRollover(client, period);
  return change ? applyRollover(ctx, client, change) : client;
}

/** Writes what billingRollover decided for one client (a usage change decides it in its plan, planUsageWrite). */
export async function applyRollover(ctx: ChangeContext, client: Client, change: Rollover): Promise<Client> {
  const billing: ChangeContext = { ...ctx, actor: BILLING };
  const resumed = change.unpause ? await resumeExperimentsPausedBy(billing, client.orgId, ['quota']) : 0;
  const updated = await putClient(billing, { ...client, ...change.next });
  for (const entry of rolloverEntries(client.orgId, change, updated.quota, resumed)) await log(billing, entry);
  return updated;
}
