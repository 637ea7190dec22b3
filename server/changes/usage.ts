/**
 * Usage changes: lib/ops/usage.ts setVisitorsUsed and writeUsage, on the server. The usage
 * warnings that writeUsage also records (decideUsageAlerts) are not decided here yet, nor the
 * run-out forecast, which the extension keeps with its stored client rather than in a Client.
 */
import type { ActivityEntry } from '../../lib/model/activity';
import type { Client } from '../../lib/model/client';
import type { ChangeArgs } from '../../lib/model/sync-schema';
import { type UsageClock, usageClock } from '../../lib/rules/usage-clock';
import {
  checkUsageSet,
  checkUsageTarget,
  planUsageWrite,
  usageSetEntry,
  usedInPeriod,
} from '../../lib/rules/usage-change';
import { log } from '../store/activity';
import { putClient, requireWritableClient } from '../store/clients';
import { putUsageReport, putUsageSample } from '../store/usage';
import { applyRollover } from './billing-period';
import { requireOrgAction } from './clients';
import type { ChangeContext } from './context';
import { applyQuotaRule } from './quota-pause';
import { refuseUnless } from './refuse';

/**
 * Sets a client's visitors used in the current billing period, in the order planUsageWrite
 * gives: the new period first when one started, the period's report and today's sample, the
 * client with its history line, then the quota rule (a client at its quota pauses with its
 * running experiments; a correction below it lifts a quota pause).
 */
export async function writeUsage(
  ctx: ChangeContext,
  stored: Client,
  visitors: number,
  clock: UsageClock,
  entry: (before: number) => Omit<ActivityEntry, 'id' | 'at' | 'actor'>,
): Promise<Client> {
  const plan = planUsageWrite(stored, visitors, clock, ctx.now);
  const client = plan.rollover ? await applyRollover(ctx, stored, plan.rollover) : stored;
  await putUsageReport(ctx, plan.report);
  await putUsageSample(ctx, plan.sample);
  const updated = await putClient(ctx, { ...client, usedVisitors: plan.usedVisitors });
  await log(ctx, entry(plan.before));
  return applyQuotaRule(ctx, updated);
}

/** The number for the current period, as read off the vendor's console; a lower one needs a reason. */
export async function setVisitorsUsed(
  ctx: ChangeContext,
  { orgId, visitors, reason }: ChangeArgs<'client.setVisitorsUsed'>,
): Promise<void> {
  requireOrgAction('usage.record');
  const stored = await requireWritableClient(ctx, orgId);
  refuseUnless(checkUsageTarget(stored));
  const clock = usageClock(ctx.settings, ctx.now);
  const current = usedInPeriod(stored, clock.period);
  refuseUnless(checkUsageSet(current, visitors, reason));
  if (visitors === current) return;
  await writeUsage(ctx, stored, visitors, clock, (before) =>
    usageSetEntry(stored.orgId, before, visitors, clock.period, reason),
  );
}
