import { describe, expect, it } from 'vitest';
import { billingRollover, rolloverIsLogged } from '../../../lib/rules/billing-rollover';
import { quotaRuleMove } from '../../../lib/rules/quota';
import {
  checkUsageSet,
  checkUsageTarget,
  planUsageWrite,
  usageSetEntry,
  usedInPeriod,
} from '../../../lib/rules/usage-change';

const DEC = { period: '2026-12-01', today: '2026-12-02' };
const JAN = { period: '2027-01-01', today: '2027-01-03' };
const client = {
  orgId: 'ORG-AAAAAAAA',
  status: 'active' as const,
  quota: 100,
  usedVisitors: 40,
  usagePeriod: DEC.period,
};

describe('a usage change', () => {
  it('is refused for an inactive client only', () => {
    expect(checkUsageTarget({ status: 'inactive' })).toEqual({ ok: false, key: 'error_clientInactive', params: {} });
    expect(checkUsageTarget({ status: 'paused' })).toEqual({ ok: true });
  });

  it('counts nothing used in a period the client has not started yet', () => {
    expect(usedInPeriod(client, DEC.period)).toBe(40);
    expect(usedInPeriod(client, JAN.period)).toBe(0);
  });

  it('needs a reason to go lower, and none to stay or go higher', () => {
    expect(checkUsageSet(40, 39, undefined)).toEqual({
      ok: false,
      key: 'error_usageLowerNeedsReason',
      params: { before: 40, after: 39 },
    });
    expect(checkUsageSet(40, 39, 'bots')).toEqual({ ok: true });
    expect(checkUsageSet(40, 40, undefined)).toEqual({ ok: true });
    expect(checkUsageSet(40, 41, undefined)).toEqual({ ok: true });
  });

  it('keeps the reason in the history only when the number went down', () => {
    expect(usageSetEntry(client.orgId, 40, 30, DEC.period, 'bots').details).toEqual({
      before: 40,
      after: 30,
      period: DEC.period,
      reason: 'bots',
    });
    expect(usageSetEntry(client.orgId, 40, 50, DEC.period, 'bots').details).toEqual({
      before: 40,
      after: 50,
      period: DEC.period,
    });
  });

  it("writes the period's report and today's sample with the number, in the same period", () => {
    const plan = planUsageWrite(client, 70, DEC, 1234);
    expect(plan).toEqual({
      rollover: undefined,
      before: 40,
      report: { orgId: client.orgId, period: DEC.period, visitors: 70, updatedAt: 1234 },
      sample: { orgId: client.orgId, day: DEC.today, period: DEC.period, used: 70 },
      usedVisitors: 70,
    });
  });

  it('starts the new period first: usage from 0, and the report and sample are the new period’s', () => {
    const plan = planUsageWrite({ ...client, status: 'paused', usedVisitors: 100 }, 5, JAN, 1234);
    expect(plan.rollover).toMatchObject({ usedBefore: 100, unpause: true, next: { usagePeriod: JAN.period } });
    expect(plan.before).toBe(0);
    expect(plan.report.period).toBe(JAN.period);
    expect(plan.sample).toMatchObject({ period: JAN.period, day: JAN.today, used: 5 });
  });
});

describe('quotaRuleMove', () => {
  it('pauses an active client at its quota and lifts a pause below it; leaves an inactive client', () => {
    expect(quotaRuleMove({ status: 'active', quota: 10, usedVisitors: 10 })).toBe('pause');
    expect(quotaRuleMove({ status: 'active', quota: 10, usedVisitors: 9 })).toBeUndefined();
    expect(quotaRuleMove({ status: 'paused', quota: 10, usedVisitors: 9 })).toBe('unpause');
    expect(quotaRuleMove({ status: 'paused', quota: 10, usedVisitors: 12 })).toBeUndefined();
    expect(quotaRuleMove({ status: 'inactive', quota: 10, usedVisitors: 10 })).toBeUndefined();
  });
});

describe('rolloverIsLogged', () => {
  const start = (from: Parameters<typeof billingRollover>[0]) => {
    const change = billingRollover(from, JAN.period);
    if (!change) throw new Error('no rollover');
    return rolloverIsLogged(change);
  };

  it('logs a period that resets usage, returns licenses or lifts a pause, and not one with nothing to reset', () => {
    expect(start(client)).toBe(true);
    expect(start({ ...client, usedVisitors: 0 })).toBe(false);
    expect(start({ ...client, status: 'paused', quota: 0, usedVisitors: 0 })).toBe(true);
    expect(start({ ...client, status: 'inactive', quota: 3, usedVisitors: 0 })).toBe(true);
  });
});
