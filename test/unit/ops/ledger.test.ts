import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import {
  createClient,
  deleteClient,
  getPoolSummary,
  getSettings,
  markInactive,
  poolLedger,
  reactivate,
  reallocateQuota,
  recordUsage,
  updateSettings,
} from '../../../lib/ops';
import { createWorld } from '../background/world';
import { clientInput, expectKeyInCatalogues, refusal, resetDb, snapshot, T0 } from './helpers';

beforeEach(resetDb);

/** The three views of the allocation, and the two of the pool size, side by side. */
async function views() {
  const [ledger, summary, clients, settings] = await Promise.all([
    poolLedger(),
    getPoolSummary(),
    db.clients.toArray(),
    getSettings(),
  ]);
  return {
    ledger: ledger.allocated,
    summary: summary.allocated,
    clients: clients.reduce((sum, client) => sum + client.quota, 0),
    ledgerPool: ledger.poolSize,
    pool: settings.poolSize,
  };
}

async function expectInStep(allocated: number, pool: number): Promise<void> {
  expect(await views()).toEqual({ ledger: allocated, summary: allocated, clients: allocated, ledgerPool: pool, pool });
}

describe('pool ledger', () => {
  it('keeps the ledger, the stored allocation and the quotas in step through a series of operations', async () => {
    await expectInStep(0, 0);
    await updateSettings({ poolSize: 100, timeZone: 'UTC' }, { now: T0 });
    await expectInStep(0, 100);
    const a = await createClient(clientInput({ quota: 30 }), { now: T0 });
    const b = await createClient(clientInput({ quota: 20 }), { now: T0 });
    const c = await createClient(clientInput({ quota: 10 }), { now: T0 });
    await expectInStep(60, 100);
    await reallocateQuota(a.orgId, 40, { now: T0 });
    await reallocateQuota(b.orgId, 15, { now: T0 });
    await expectInStep(65, 100);
    await recordUsage(b.orgId, 6, { now: T0 });
    await recordUsage(c.orgId, 12, { now: T0 }); // overshoots c's quota of 10
    await expectInStep(65, 100);
    await markInactive(b.orgId, { now: Date.UTC(2026, 10, 30) });
    await expectInStep(56, 100);
    await markInactive(c.orgId, { now: Date.UTC(2026, 10, 30) });
    await expectInStep(56, 100);
    await reactivate(b.orgId, 25, { now: Date.UTC(2026, 11, 1) });
    await expectInStep(75, 100);
    await updateSettings({ poolSize: 80 }, { now: T0 });
    await expectInStep(75, 80);
    await deleteClient(a.orgId, { now: T0 });
    await expectInStep(35, 80);
    // The background purges c on its purge date (no reminders asked for); the new billing
    // periods since gave back the licenses inactive c still held.
    await updateSettings({ reminderDays: [] }, { now: T0 });
    expect((await createWorld(Date.UTC(2027, 2, 1)).run()).clientsPurged).toBe(1);
    expect(await db.clients.get(c.orgId)).toBeUndefined();
    await expectInStep(25, 80);
    await deleteClient(b.orgId, { now: T0 });
    await expectInStep(0, 80);
  });

  it('writes every pool change to the ledger, and other settings changes not', async () => {
    await updateSettings({ poolSize: 100 }, { now: T0 });
    await updateSettings({ poolSize: 120 }, { now: T0 + 1 });
    await updateSettings({ agencyName: 'Renamed agency' }, { now: T0 + 2 });
    await updateSettings({ poolSize: 120 }, { now: T0 + 3 });
    const { entries, poolSize } = await poolLedger();
    expect(poolSize).toBe(120);
    expect(entries.map((e) => [e.action, e.at, e.poolSize, e.details])).toEqual([
      ['pool_changed', T0, 100, { poolBefore: 0, poolAfter: 100 }],
      ['pool_changed', T0 + 1, 120, { poolBefore: 100, poolAfter: 120 }],
    ]);
  });

  it('refuses a pool below what clients hold, writing nothing, and accepts one exactly at it', async () => {
    await updateSettings({ poolSize: 100 }, { now: T0 });
    await createClient(clientInput({ quota: 30 }), { now: T0 });
    await createClient(clientInput({ quota: 25 }), { now: T0 });
    const before = await snapshot();
    const error = await refusal(updateSettings({ poolSize: 54 }, { now: T0 + 1 }));
    expect(error).toMatchObject({ code: 'rule', key: 'error_poolBelowAllocated', params: { allocated: 55 } });
    expectKeyInCatalogues(error.key);
    expect(await snapshot()).toEqual(before);
    await updateSettings({ poolSize: 55 }, { now: T0 + 1 });
    expect(await getPoolSummary()).toEqual({ poolSize: 55, allocated: 55, free: 0 });
  });

  it('refuses a pool change together with other settings as a whole', async () => {
    await updateSettings({ poolSize: 10, agencyName: 'Before' }, { now: T0 });
    await createClient(clientInput({ quota: 10 }), { now: T0 });
    await refusal(updateSettings({ poolSize: 5, agencyName: 'After' }, { now: T0 + 1 }));
    expect((await getSettings()).agencyName).toBe('Before');
  });
});
