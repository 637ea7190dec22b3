import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import {
  addMember,
  createClient,
  createExperiment,
  deleteClient,
  getClient,
  getPoolSummary,
  listActivity,
  listExperiments,
  listUsageReports,
  markInactive,
  poolLedger,
  reactivate,
  reallocateQuota,
  recordUsage,
  startExperiment,
  updateSettings,
} from '../../../lib/ops';
import { createWorld } from '../background/world';
import {
  clientInput,
  clientWithExperiments,
  expectKeyInCatalogues,
  experimentStates,
  refusal,
  resetDb,
  snapshot,
  T0,
} from './helpers';

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 100, timeZone: 'UTC' }, { now: T0 });
});

/** Every stored record that belongs to the org, in any org-scoped table. */
async function orgRecords(orgId: string): Promise<unknown[]> {
  return [
    ...(await db.clients.where('orgId').equals(orgId).toArray()),
    ...(await db.experiments.where('orgId').equals(orgId).toArray()),
    ...(await db.members.where('orgId').equals(orgId).toArray()),
    ...(await db.reports.where('orgId').equals(orgId).toArray()),
  ];
}

describe('markInactive', () => {
  it('pauses running experiments for inactivity and leaves the others as they were', async () => {
    const client = await clientWithExperiments();
    const inactive = await markInactive(client.orgId, { now: T0 + 1 });
    expect(inactive).toMatchObject({ status: 'inactive', inactiveSince: T0 + 1 });
    expect(await experimentStates(client.orgId)).toEqual({
      running: ['paused', 'inactivity'],
      'person-paused': ['paused', 'person'],
      draft: ['draft', undefined],
    });
  });

  it('returns the unused licenses to the pool and keeps the used ones', async () => {
    const client = await createClient(clientInput({ quota: 20 }), { now: T0 });
    await recordUsage(client.orgId, 8, { now: T0 });
    expect(await getPoolSummary()).toEqual({ poolSize: 100, allocated: 20, free: 80 });
    const inactive = await markInactive(client.orgId, { now: T0 + 1 });
    expect(inactive).toMatchObject({ quota: 8, usedVisitors: 8, quotaBeforeInactive: 20 });
    expect(await getPoolSummary()).toEqual({ poolSize: 100, allocated: 8, free: 92 });
  });

  it('never takes licenses from the pool for a client whose usage overshot its quota', async () => {
    await updateSettings({ poolSize: 10 }, { now: T0 });
    const client = await createClient(clientInput({ quota: 10 }), { now: T0 });
    await recordUsage(client.orgId, 15, { now: T0 });
    const inactive = await markInactive(client.orgId, { now: T0 + 1 });
    expect(inactive.quota).toBeLessThanOrEqual(10);
    const pool = await getPoolSummary();
    expect(pool.allocated).toBeLessThanOrEqual(pool.poolSize);
    expect(pool.allocated).toBe(inactive.quota);
    expect((await poolLedger()).allocated).toBe(pool.allocated);
  });

  it.each([
    ['UTC', '2026-11-30T10:00Z', '2027-02-28'],
    ['UTC', '2027-11-30T23:59Z', '2028-02-29'],
    ['UTC', '2026-08-31T00:00Z', '2026-11-30'],
    ['Asia/Tokyo', '2026-11-30T20:00Z', '2027-03-01'],
    ['Asia/Tokyo', '2026-11-30T14:59Z', '2027-02-28'],
    ['America/Los_Angeles', '2026-12-01T05:00Z', '2027-02-28'],
  ])('in %s, inactive at %s is purged on %s', async (timeZone, instant, purgeOn) => {
    const now = Date.parse(instant);
    await updateSettings({ timeZone }, { now: T0 });
    const client = await createClient(clientInput(), { now: T0 });
    const inactive = await markInactive(client.orgId, { now });
    expect(inactive.purgeOn).toBe(purgeOn);
    expect((await getClient(client.orgId))?.purgeOn).toBe(purgeOn);
  });

  it('refuses a client that is already inactive, writing nothing', async () => {
    const client = await createClient(clientInput(), { now: T0 });
    await markInactive(client.orgId, { now: T0 });
    const before = await snapshot();
    const error = await refusal(markInactive(client.orgId, { now: T0 + 1 }));
    expect(error).toMatchObject({ code: 'rule', key: 'error_clientAlreadyInactive' });
    expectKeyInCatalogues(error.key);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to start an experiment of an inactive client', async () => {
    const client = await createClient(clientInput(), { now: T0 });
    const experiment = await createExperiment(client.orgId, { name: 'x' }, { now: T0 });
    await markInactive(client.orgId, { now: T0 });
    const error = await refusal(startExperiment(client.orgId, experiment.id as number, { now: T0 }));
    expect(error.key).toBe('error_startWhileInactive');
    expect((await refusal(createExperiment(client.orgId, { name: 'y' }, { now: T0 }))).key).toBe(
      'error_clientInactive',
    );
  });
});

describe('reactivate', () => {
  const wentInactive = Date.UTC(2026, 10, 30, 10); // purge date 2027-02-28 in UTC

  it('is the usual round trip: back with the quota it had, experiments where they stopped', async () => {
    const client = await clientWithExperiments(20);
    await recordUsage(client.orgId, 5, { now: T0 });
    const inactive = await markInactive(client.orgId, { now: wentInactive });
    const back = await reactivate(client.orgId, inactive.quotaBeforeInactive as number, { now: wentInactive + 1 });
    expect(back).toMatchObject({ status: 'active', quota: 20, usedVisitors: 5 });
    expect(back.purgeOn).toBeUndefined();
    expect(back.inactiveSince).toBeUndefined();
    expect(back.quotaBeforeInactive).toBeUndefined();
    expect(await getClient(client.orgId)).toEqual(back);
    expect(await experimentStates(client.orgId)).toEqual({
      running: ['running', undefined],
      'person-paused': ['paused', 'person'],
      draft: ['draft', undefined],
    });
    expect(await getPoolSummary()).toEqual({ poolSize: 100, allocated: 20, free: 80 });
    // Back in the purge index no more: the background's purge, long after the date, leaves it alone.
    expect((await createWorld(Date.UTC(2027, 5, 1)).run()).clientsPurged).toBe(0);
    expect(await getClient(client.orgId)).toMatchObject({ status: 'active' });
  });

  it('works up to the day before the purge date and is refused from that day on', async () => {
    const a = await createClient(clientInput(), { now: T0 });
    const b = await createClient(clientInput(), { now: T0 });
    await markInactive(a.orgId, { now: wentInactive });
    await markInactive(b.orgId, { now: wentInactive });
    const before = await snapshot();
    for (const now of [Date.UTC(2027, 1, 28, 0, 0), Date.UTC(2027, 2, 15)]) {
      const error = await refusal(reactivate(a.orgId, 5, { now }));
      expect(error).toMatchObject({
        code: 'rule',
        key: 'error_reactivateTooLate',
        params: { date: { isoDate: '2027-02-28' } },
      });
    }
    expectKeyInCatalogues('error_reactivateTooLate');
    expect(await snapshot()).toEqual(before);
    const back = await reactivate(b.orgId, 5, { now: Date.UTC(2027, 1, 27, 23, 59, 59) });
    expect(back.status).toBe('active');
  });

  it('counts the purge date in the agency time zone', async () => {
    await updateSettings({ timeZone: 'Asia/Tokyo' }, { now: T0 });
    const a = await createClient(clientInput(), { now: T0 });
    const b = await createClient(clientInput(), { now: T0 });
    await markInactive(a.orgId, { now: Date.UTC(2026, 10, 30, 20) });
    await markInactive(b.orgId, { now: Date.UTC(2026, 10, 30, 20) });
    // 15:00 UTC on 28 February is 1 March in Tokyo: the purge date.
    expect((await refusal(reactivate(a.orgId, 5, { now: Date.UTC(2027, 1, 28, 15) }))).key).toBe(
      'error_reactivateTooLate',
    );
    expect((await reactivate(b.orgId, 5, { now: Date.UTC(2027, 1, 28, 14, 59) })).status).toBe('active');
  });

  it('takes only a quota the pool can give', async () => {
    const a = await createClient(clientInput({ quota: 20 }), { now: T0 });
    await recordUsage(a.orgId, 5, { now: T0 });
    await markInactive(a.orgId, { now: wentInactive });
    await createClient(clientInput({ quota: 80 }), { now: T0 });
    // Pool 100: 80 to the other client, 5 still held by the inactive one, 15 free.
    expect(await getPoolSummary()).toEqual({ poolSize: 100, allocated: 85, free: 15 });
    const before = await snapshot();
    const error = await refusal(reactivate(a.orgId, 21, { now: wentInactive + 1 }));
    expect(error).toMatchObject({ code: 'rule', key: 'error_quotaExceedsFree', params: { needed: 16, free: 15 } });
    expect(await snapshot()).toEqual(before);
    const back = await reactivate(a.orgId, 20, { now: wentInactive + 1 });
    expect(back.quota).toBe(20);
    expect(await getPoolSummary()).toEqual({ poolSize: 100, allocated: 100, free: 0 });
  });

  it('refuses a quota below the visitors already used', async () => {
    const a = await createClient(clientInput({ quota: 20 }), { now: T0 });
    await recordUsage(a.orgId, 5, { now: T0 });
    await markInactive(a.orgId, { now: wentInactive });
    const error = await refusal(reactivate(a.orgId, 4, { now: wentInactive + 1 }));
    expect(error).toMatchObject({ key: 'error_quotaBelowUsage', params: { used: 5 } });
  });

  it('after usage overshot the quota, asks the pool only for what exceeds the licenses still held', async () => {
    await updateSettings({ poolSize: 20 }, { now: T0 });
    const client = await createClient(clientInput({ quota: 10 }), { now: T0 });
    await recordUsage(client.orgId, 15, { now: T0 });
    await markInactive(client.orgId, { now: wentInactive });
    await createClient(clientInput({ quota: 7 }), { now: T0 });
    // Held 10, pool 20, other client 7: 3 free, so 15 (needs 5) is too much and 13 is not usage.
    expect((await refusal(reactivate(client.orgId, 15, { now: wentInactive + 1 }))).key).toBe('error_quotaExceedsFree');
    expect((await refusal(reactivate(client.orgId, 13, { now: wentInactive + 1 }))).key).toBe('error_quotaBelowUsage');
    await updateSettings({ poolSize: 23 }, { now: T0 });
    const back = await reactivate(client.orgId, 16, { now: wentInactive + 1 });
    expect(back).toMatchObject({ status: 'active', quota: 16, usedVisitors: 15 });
    expect(await getPoolSummary()).toEqual({ poolSize: 23, allocated: 23, free: 0 });
  });

  it('refuses a client that is not inactive', async () => {
    const a = await createClient(clientInput(), { now: T0 });
    const error = await refusal(reactivate(a.orgId, 5, { now: T0 }));
    expect(error).toMatchObject({ code: 'rule', key: 'error_clientNotInactive' });
    expectKeyInCatalogues(error.key);
  });

  it('comes back paused when the quota equals usage, and resumes once the quota rises', async () => {
    const client = await clientWithExperiments(20);
    await recordUsage(client.orgId, 5, { now: T0 });
    await markInactive(client.orgId, { now: wentInactive });
    const back = await reactivate(client.orgId, 5, { now: wentInactive + 1 });
    expect(back.status).toBe('paused');
    expect((await experimentStates(client.orgId)).running).toEqual(['paused', 'quota']);
    await reallocateQuota(client.orgId, 10, { now: wentInactive + 2 });
    expect(await experimentStates(client.orgId)).toEqual({
      running: ['running', undefined],
      'person-paused': ['paused', 'person'],
      draft: ['draft', undefined],
    });
  });

  it('resumes what the quota rule paused before the client went inactive', async () => {
    const client = await clientWithExperiments(10);
    await recordUsage(client.orgId, 10, { now: T0 });
    expect((await experimentStates(client.orgId)).running).toEqual(['paused', 'quota']);
    await markInactive(client.orgId, { now: wentInactive });
    const back = await reactivate(client.orgId, 30, { now: wentInactive + 1 });
    expect(back.status).toBe('active');
    expect((await experimentStates(client.orgId)).running).toEqual(['running', undefined]);
    expect((await experimentStates(client.orgId))['person-paused']).toEqual(['paused', 'person']);
  });
});

describe('deleteClient', () => {
  it('removes the client and all its org data at once and returns its licenses', async () => {
    const client = await clientWithExperiments(30);
    const other = await clientWithExperiments(10);
    await addMember(
      client.orgId,
      { name: 'Mina Member', email: 'mina@secret.example', role: 'admin' },
      { now: T0, actingAs: 'super_admin' },
    );
    await addMember(other.orgId, { name: 'Otto Other', email: 'otto@example.com', role: 'user' }, { now: T0 });
    await recordUsage(client.orgId, 4, { now: T0 });
    await recordUsage(other.orgId, 2, { now: T0 });
    expect(await orgRecords(client.orgId)).toHaveLength(1 + 3 + 1 + 1);
    expect(await getPoolSummary()).toEqual({ poolSize: 100, allocated: 40, free: 60 });
    const otherBefore = await orgRecords(other.orgId);

    await deleteClient(client.orgId, { now: T0 + 1 });

    expect(await getClient(client.orgId)).toBeUndefined();
    expect(await orgRecords(client.orgId)).toEqual([]);
    expect(await orgRecords(other.orgId)).toEqual(otherBefore);
    expect(await getPoolSummary()).toEqual({ poolSize: 100, allocated: 10, free: 90 });
    expect((await refusal(listExperiments(client.orgId))).key).toBe('error_clientNotFound');
    expect((await refusal(listUsageReports(client.orgId))).key).toBe('error_clientNotFound');
    // The Org ID stays issued.
    expect(await db.orgIds.get(client.orgId)).toBeDefined();
  });

  it('keeps a log entry of the deletion with nothing personal in the log', async () => {
    const client = await createClient(
      clientInput({
        name: 'Zebulon Secretname',
        company: 'Hidden Company KK',
        contact: { firstName: 'Quentin', lastName: 'Privatus', email: 'quentin@private.example' },
      }),
      { now: T0 },
    );
    await addMember(
      client.orgId,
      { name: 'Mina Member', email: 'mina@secret.example', role: 'admin' },
      { now: T0, actingAs: 'super_admin' },
    );
    await deleteClient(client.orgId, { now: T0 + 1 });

    const entries = await listActivity({ orgId: client.orgId });
    const deleted = entries.find((e) => e.action === 'client_deleted');
    expect(deleted).toMatchObject({ orgId: client.orgId, at: T0 + 1, quotaDelta: -10, actor: { type: 'person' } });
    const everything = JSON.stringify(await db.activity.toArray()).toLowerCase();
    for (const personal of [
      'zebulon',
      'secretname',
      'hidden company',
      'quentin',
      'privatus',
      'private.example',
      'mina',
      'secret.example',
    ])
      expect(everything).not.toContain(personal);
  });

  it('returns only the licenses an inactive client still held', async () => {
    const client = await createClient(clientInput({ quota: 30 }), { now: T0 });
    await recordUsage(client.orgId, 4, { now: T0 });
    await markInactive(client.orgId, { now: T0 });
    expect((await getPoolSummary()).allocated).toBe(4);
    await deleteClient(client.orgId, { now: T0 + 1 });
    expect(await getPoolSummary()).toEqual({ poolSize: 100, allocated: 0, free: 100 });
    expect((await poolLedger()).allocated).toBe(0);
  });

  it('refuses an unknown Org ID, writing nothing', async () => {
    await createClient(clientInput(), { now: T0 });
    const before = await snapshot();
    const error = await refusal(deleteClient('ORG-ZZZZZZZZ', { now: T0 }));
    expect(error).toMatchObject({ code: 'not_found', key: 'error_clientNotFound' });
    expect(await snapshot()).toEqual(before);
  });
});
