import { beforeEach, describe, expect, it } from 'vitest';
import { createClient, getPoolSummary, markInactive, reactivate, recordUsage, updateSettings } from '../../../lib/ops';
import {
  defaultReactivationQuota,
  licensesReturnedOnInactive,
  maxReactivationQuota,
} from '../../../lib/rules/lifecycle-choices';
import { clientInput, resetDb, T0 } from '../ops/helpers';

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 100, timeZone: 'UTC' }, { now: T0 });
});

describe('what the Mark as Inactive dialog announces', () => {
  it.each([
    [40, 15],
    [40, 40],
    [40, 0],
  ])('with quota %i and %i used, the licenses it says return are those the pool gets back', async (quota, used) => {
    const client = await createClient(clientInput({ quota }), { now: T0 });
    if (used > 0) await recordUsage(client.orgId, used, { now: T0 });
    const before = await getPoolSummary();
    const announced = licensesReturnedOnInactive({ quota, usedVisitors: used });
    await markInactive(client.orgId, { now: T0 });
    expect((await getPoolSummary()).free - before.free).toBe(announced);
  });
});

describe('the quota the Reactivate dialog offers', () => {
  it('is the old quota when the pool has it, and reactivating with it succeeds', async () => {
    const client = await createClient(clientInput({ quota: 40 }), { now: T0 });
    await recordUsage(client.orgId, 10, { now: T0 });
    const inactive = await markInactive(client.orgId, { now: T0 });
    const { free } = await getPoolSummary();
    const offered = defaultReactivationQuota(inactive, free);
    expect(offered).toBe(40);
    expect((await reactivate(client.orgId, offered, { now: T0 })).status).toBe('active');
  });

  it('is the most the pool can give when the old quota no longer fits', async () => {
    const client = await createClient(clientInput({ quota: 40 }), { now: T0 });
    await recordUsage(client.orgId, 10, { now: T0 });
    const inactive = await markInactive(client.orgId, { now: T0 });
    // Others take all but 5 free licenses: the client holds its 10 used, so 15 is the most.
    await createClient(clientInput({ quota: 85 }), { now: T0 });
    const { free } = await getPoolSummary();
    expect(free).toBe(5);
    const offered = defaultReactivationQuota(inactive, free);
    expect(offered).toBe(15);
    expect(maxReactivationQuota(inactive, free)).toBe(15);
    expect((await reactivate(client.orgId, offered, { now: T0 })).quota).toBe(15);
    expect((await getPoolSummary()).free).toBe(0);
  });

  it('never offers less than the usage or one license', () => {
    expect(defaultReactivationQuota({ quota: 0, usedVisitors: 0, quotaBeforeInactive: 0 }, 50)).toBe(1);
    expect(defaultReactivationQuota({ quota: 20, usedVisitors: 30 }, 0)).toBe(30);
    expect(defaultReactivationQuota({ quota: 5, usedVisitors: 5 }, 100)).toBe(5);
  });
});
