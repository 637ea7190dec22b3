import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import {
  createClient,
  getClient,
  getPoolSummary,
  listActivity,
  markInactive,
  poolLedger,
  reactivate,
  recordUsage,
  updateSettings,
} from '../../../lib/ops';
import { writeTransaction } from '../../../lib/ops/context';
import { putClient, requireClient } from '../../../lib/ops/store';
import { clientInput, clientWithExperiments, experimentStates, resetDb } from '../ops/helpers';
import { createWorld } from './world';

const at = (iso: string) => Date.parse(iso);
const MARCH = at('2026-03-10T03:00:00Z');

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 1000, timeZone: 'Asia/Tokyo', billingDay: 1 }, { now: MARCH });
});

/** Writes usage the way an import does: straight onto the client, without recordUsage. */
async function writeUsageLikeAnImport(orgId: string, usedVisitors: number, now: number) {
  await writeTransaction(
    async () => putClient({ ...(await requireClient(orgId)), usedVisitors }, now),
    () => [orgId],
  );
}

describe('auto-pause', () => {
  it('pauses an active client whose imported usage reached its quota, with its running experiments', async () => {
    const client = await clientWithExperiments(50, MARCH);
    await writeUsageLikeAnImport(client.orgId, 50, MARCH + 1);
    expect((await getClient(client.orgId))?.status).toBe('active');

    const world = createWorld(MARCH + 2);
    const summary = await world.run();

    expect(summary.clientsPaused).toBe(1);
    expect((await getClient(client.orgId))?.status).toBe('paused');
    expect(await experimentStates(client.orgId)).toEqual({
      running: ['paused', 'quota'],
      'person-paused': ['paused', 'person'],
      draft: ['draft', undefined],
    });
    const [latest] = await listActivity({ orgId: client.orgId, limit: 1 });
    expect(latest).toMatchObject({ action: 'client_paused', actor: { type: 'rule', rule: 'quota' } });
  });

  it('leaves clients under their quota, and inactive ones, alone', async () => {
    const under = await createClient(clientInput({ quota: 50 }), { now: MARCH });
    await writeUsageLikeAnImport(under.orgId, 49, MARCH);
    const inactive = await createClient(clientInput({ quota: 5 }), { now: MARCH });
    await recordUsage(inactive.orgId, 4, { now: MARCH });
    await markInactive(inactive.orgId, { now: MARCH });

    expect((await createWorld(MARCH + 1).run()).clientsPaused).toBe(0);
    expect((await getClient(under.orgId))?.status).toBe('active');
    expect((await getClient(inactive.orgId))?.status).toBe('inactive');
  });
});

describe('a new billing period', () => {
  it('resets usage, lifts the quota pause and resumes exactly what the quota rule paused', async () => {
    const client = await clientWithExperiments(10, MARCH);
    await recordUsage(client.orgId, 10, { now: MARCH });
    expect((await getClient(client.orgId))?.status).toBe('paused');

    // 1 April 00:30 in Tokyo is still 31 March in UTC.
    const world = createWorld(at('2026-03-31T15:30:00Z'));
    const summary = await world.run();

    expect(summary.usagePeriodsStarted).toBe(1);
    expect(await getClient(client.orgId)).toMatchObject({
      status: 'active',
      usedVisitors: 0,
      quota: 10,
      usagePeriod: '2026-04-01',
    });
    expect(await experimentStates(client.orgId)).toEqual({
      running: ['running', undefined],
      'person-paused': ['paused', 'person'],
      draft: ['draft', undefined],
    });
    const entries = await listActivity({ orgId: client.orgId, limit: 2 });
    expect(entries.map((e) => [e.action, e.actor])).toEqual([
      ['client_unpaused', { type: 'rule', rule: 'billing' }],
      ['usage_reset', { type: 'rule', rule: 'billing' }],
    ]);
    expect(entries[1]?.details).toMatchObject({ period: '2026-04-01', usedVisitors: 10 });
  });

  it('waits for the first day of the period in the agency time zone', async () => {
    const client = await createClient(clientInput({ quota: 10 }), { now: MARCH });
    await recordUsage(client.orgId, 4, { now: MARCH });
    await createWorld(at('2026-03-31T14:59:00Z')).run(); // 31 March 23:59 in Tokyo
    expect((await getClient(client.orgId))?.usedVisitors).toBe(4);
  });

  it('follows the billing day across the year end', async () => {
    await updateSettings({ billingDay: 15, timeZone: 'UTC' }, { now: MARCH });
    const client = await createClient(clientInput({ quota: 10 }), { now: at('2026-12-20T10:00:00Z') });
    await recordUsage(client.orgId, 4, { now: at('2026-12-20T10:00:00Z') });
    await createWorld(at('2027-01-14T23:00:00Z')).run();
    expect(await getClient(client.orgId)).toMatchObject({ usedVisitors: 4, usagePeriod: '2026-12-15' });
    await createWorld(at('2027-01-15T00:00:00Z')).run();
    expect(await getClient(client.orgId)).toMatchObject({ usedVisitors: 0, usagePeriod: '2027-01-15' });
  });

  it('gives the licenses an inactive client still holds back to the pool, in the ledger', async () => {
    const client = await createClient(clientInput({ quota: 20 }), { now: MARCH });
    await recordUsage(client.orgId, 8, { now: MARCH });
    await markInactive(client.orgId, { now: MARCH });
    expect(await getPoolSummary()).toMatchObject({ allocated: 8 });

    await createWorld(at('2026-04-02T00:00:00Z')).run();

    expect(await getClient(client.orgId)).toMatchObject({
      status: 'inactive',
      quota: 0,
      usedVisitors: 0,
      quotaBeforeInactive: 20,
    });
    expect(await getPoolSummary()).toMatchObject({ allocated: 0, free: 1000 });
    const ledger = await poolLedger();
    expect(ledger.allocated).toBe(0);
    expect(ledger.entries.at(-1)).toMatchObject({
      action: 'usage_reset',
      quotaDelta: -8,
      actor: { type: 'rule', rule: 'billing' },
    });
    // It can come back with any quota the pool can give: it has used nothing this period.
    await reactivate(client.orgId, 1, { now: at('2026-04-03T00:00:00Z') });
  });

  it('does not add a new period’s usage to the last one’s when it arrives before the background runs', async () => {
    const client = await createClient(clientInput({ quota: 10 }), { now: MARCH });
    await recordUsage(client.orgId, 9, { now: MARCH });
    const updated = await recordUsage(client.orgId, 3, { now: at('2026-04-05T00:00:00Z') });
    expect(updated).toMatchObject({ status: 'active', usedVisitors: 3, usagePeriod: '2026-04-01' });
    // Nothing left for the background to reset.
    expect((await createWorld(at('2026-04-05T01:00:00Z')).run()).usagePeriodsStarted).toBe(0);
    expect((await getClient(client.orgId))?.usedVisitors).toBe(3);
  });

  it('never moves a period back when the clock goes backwards', async () => {
    const client = await createClient(clientInput({ quota: 10 }), { now: MARCH });
    await recordUsage(client.orgId, 2, { now: at('2026-04-05T00:00:00Z') });
    await createWorld(at('2026-03-20T00:00:00Z')).run();
    expect(await getClient(client.orgId)).toMatchObject({ usedVisitors: 2, usagePeriod: '2026-04-01' });
  });

  it('handles a roster larger than one batch', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 120; index += 1) {
      const client = await createClient(clientInput({ quota: 5 }), { now: MARCH });
      ids.push(client.orgId);
    }
    await db.clients.toCollection().modify({ usedVisitors: 5, atQuota: 1, status: 'paused' });
    const summary = await createWorld(at('2026-04-02T00:00:00Z')).run();
    expect(summary.usagePeriodsStarted).toBe(120);
    const clients = await db.clients.bulkGet(ids);
    expect(clients.every((c) => c?.status === 'active' && c.usedVisitors === 0)).toBe(true);
  });
});
