/**
 * What a change of a client's visitors used decides before anything is written: whether a
 * person may make it, and which records it writes in which order. The extension's writeUsage
 * (lib/ops/usage.ts) and the sync server's (server/changes/usage.ts) both write what these say.
 */
import type { ActivityEntry } from '../model/activity';
import type { Client } from '../model/client';
import type { UsageReport } from '../model/org-records';
import type { UsageSample } from '../model/usage-records';
import { billingRollover, type Rollover } from './billing-rollover';
import type { IsoDate } from './calendar';
import type { RuleResult } from './quota';

type UsageClient = Pick<Client, 'orgId' | 'status' | 'quota' | 'usedVisitors' | 'usagePeriod'>;

/** A person records usage only for a client that counts it: an inactive client's numbers stay as they were. */
export function checkUsageTarget(client: Pick<Client, 'status'>): RuleResult {
  if (client.status === 'inactive') return { ok: false, key: 'error_clientInactive', params: {} };
  return { ok: true };
}

/** Visitors the client has used in `period` so far: none while its usage still counts an earlier period. */
export function usedInPeriod(client: Pick<Client, 'usedVisitors' | 'usagePeriod'>, period: IsoDate): number {
  return client.usagePeriod === period ? client.usedVisitors : 0;
}

/**
 * Whether visitors used may go from `current` to `visitors`: a lower number is a correction,
 * which needs a reason (a reason already parsed: absent when none was given).
 */
export function checkUsageSet(current: number, visitors: number, reason: string | undefined): RuleResult {
  if (visitors < current && reason === undefined)
    return { ok: false, key: 'error_usageLowerNeedsReason', params: { before: current, after: visitors } };
  return { ok: true };
}

/** The history's line for a person's usage set: the reason only when the number went down. */
export function usageSetEntry(
  orgId: string,
  before: number,
  after: number,
  period: IsoDate,
  reason: string | undefined,
): Omit<ActivityEntry, 'id' | 'at' | 'actor'> {
  return {
    action: 'usage_set',
    orgId,
    details: { before, after, period, ...(after < before && reason !== undefined ? { reason } : {}) },
  };
}

/** Today's daily sample of a client's usage (the forecast's history): the last number of the day wins. */
export function usageSample(orgId: string, used: number, clock: { period: IsoDate; today: IsoDate }): UsageSample {
  return { orgId, day: clock.today, period: clock.period, used };
}

/**
 * The writes of one usage change, in their order: first the client starts the current billing
 * period when its usage counts an earlier one (`rollover`; a new period's usage never adds to
 * the last one's, whose report stays as it was filed), then the current period's report and
 * today's sample both say `visitors`, then the client is stored with them (its entry logged
 * with it, `before` being what it had used in the period), and last the quota rule judges the
 * stored client.
 */
export interface UsageWrite {
  rollover: Rollover | undefined;
  /** Visitors used in the current period before this change (0 right after a rollover). */
  before: number;
  report: UsageReport;
  sample: UsageSample;
  usedVisitors: number;
}

export function planUsageWrite(
  client: UsageClient,
  visitors: number,
  clock: { period: IsoDate; today: IsoDate },
  now: number,
): UsageWrite {
  const rollover = billingRollover(client, clock.period);
  return {
    rollover,
    before: rollover ? rollover.next.usedVisitors : client.usedVisitors,
    report: { orgId: client.orgId, period: clock.period, visitors, updatedAt: now },
    sample: usageSample(client.orgId, visitors, clock),
    usedVisitors: visitors,
  };
}
