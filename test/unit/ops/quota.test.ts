import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import {
  completeExperiment,
  createClient,
  createExperiment,
  getClient,
  getPoolSummary,
  listActivity,
  listUsageReports,
  markInactive,
  pauseExperiment,
  reallocateQuota,
  recordUsage,
  startExperiment,
  updateClient,
  updateSettings,
} from '../../../lib/ops';
import { clientInput, DAY, expectKeyInCatalogues, experimentStates, refusal, resetDb, snapshot, T0 } from './helpers';

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 50, timeZone: 'UTC' }, { now: T0 });
});

/**
 * A client with four experiments: `running`, `personPaused` (started, then paused by a
 * person), `draft` and `completed`.
 */
async function clientWithExperiments(quota = 10) {
  const client = await createClient(clientInput({ quota }), { now: T0 });
  const make = async (name: string) => (await createExperiment(client.orgId, { name }, { now: T0 })).id as number;
  const running = await make('running');
  const personPaused = await make('person-paused');
  const draft = await make('draft');
  const completed = await make('completed');
  await startExperiment(client.orgId, running, { now: T0 });
  await startExperiment(client.orgId, personPaused, { now: T0 });
  await pauseExperiment(client.orgId, personPaused, { now: T0 });
  await completeExperiment(client.orgId, completed, { now: T0 });
  return { client, ids: { running, personPaused, draft, completed } };
}

describe('updateClient', () => {
  it('replaces the details and leaves quota, usage, status and Org ID alone', async () => {
    const client = await createClient(
      clientInput({ quota: 10, company: 'Old Co', industry: 'retail', address: { city: 'Osaka' } }),
      { now: T0 },
    );
    await recordUsage(client.orgId, 3, { now: T0 + 1 });
    const input = {
      name: 'Renamed',
      contact: { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.org' },
      company: 'New Co',
      address: { city: 'Kyoto', country: 'Japan' },
      // Not details: the schema drops them, so they cannot slip in through an edit.
      quota: 999,
      status: 'inactive',
      usedVisitors: 0,
      orgId: 'ORG-00000000',
    };
    const updated = await updateClient(client.orgId, input, { now: T0 + 2 });
    const expected = {
      orgId: client.orgId,
      name: 'Renamed',
      contact: { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.org' },
      company: 'New Co',
      address: { city: 'Kyoto', country: 'Japan' },
      quota: 10,
      usedVisitors: 3,
      status: 'active',
      createdAt: T0,
      updatedAt: T0 + 2,
    };
    expect(updated).toMatchObject(expected);
    // Industry was not given again, so the edit removed it.
    expect(updated.industry).toBeUndefined();
    const stored = await db.clients.get(client.orgId);
    expect(stored?.searchText).toContain('renamed');
    expect(stored?.searchText).not.toContain('old co');
    expect(await getClient(client.orgId)).toEqual(updated);
    expect(await getClient('ORG-00000000')).toBeUndefined();
    expect(await getPoolSummary()).toEqual({ poolSize: 50, allocated: 10, free: 40 });
  });

  it('keeps a paused client paused', async () => {
    const client = await createClient(clientInput({ quota: 5 }), { now: T0 });
    await recordUsage(client.orgId, 5, { now: T0 });
    const updated = await updateClient(client.orgId, { name: 'Still paused', contact: client.contact }, { now: T0 });
    expect(updated.status).toBe('paused');
  });
});

describe('reallocateQuota', () => {
  it('takes an increase from the free pool', async () => {
    const client = await createClient(clientInput({ quota: 10 }), { now: T0 });
    const updated = await reallocateQuota(client.orgId, 30, { now: T0 + 1 });
    expect(updated).toMatchObject({ quota: 30, status: 'active', updatedAt: T0 + 1 });
    expect(await getPoolSummary()).toEqual({ poolSize: 50, allocated: 30, free: 20 });
  });

  it('gives a decrease back to the pool', async () => {
    const client = await createClient(clientInput({ quota: 30 }), { now: T0 });
    await reallocateQuota(client.orgId, 12, { now: T0 + 1 });
    expect(await getPoolSummary()).toEqual({ poolSize: 50, allocated: 12, free: 38 });
  });

  it('refuses an increase larger than the free pool, writing nothing', async () => {
    const client = await createClient(clientInput({ quota: 10 }), { now: T0 });
    await createClient(clientInput({ quota: 30 }), { now: T0 });
    const before = await snapshot();
    const error = await refusal(reallocateQuota(client.orgId, 21, { now: T0 + 1 }));
    expect(error).toMatchObject({ code: 'rule', key: 'error_quotaExceedsFree', params: { needed: 11, free: 10 } });
    expectKeyInCatalogues(error.key);
    expect(await snapshot()).toEqual(before);
    // Exactly the free pool is fine.
    expect((await reallocateQuota(client.orgId, 20, { now: T0 + 1 })).quota).toBe(20);
  });

  it('refuses a quota below the visitors already used, writing nothing', async () => {
    const client = await createClient(clientInput({ quota: 20 }), { now: T0 });
    await recordUsage(client.orgId, 7, { now: T0 });
    const before = await snapshot();
    const error = await refusal(reallocateQuota(client.orgId, 6, { now: T0 + 1 }));
    expect(error).toMatchObject({ code: 'rule', key: 'error_quotaBelowUsage', params: { used: 7 } });
    expectKeyInCatalogues(error.key);
    expect(await snapshot()).toEqual(before);
  });

  it('pauses the client when the quota comes down to exactly its usage', async () => {
    const { client } = await clientWithExperiments(20);
    await recordUsage(client.orgId, 7, { now: T0 });
    const updated = await reallocateQuota(client.orgId, 7, { now: T0 + 1 });
    expect(updated.status).toBe('paused');
    expect((await experimentStates(client.orgId)).running).toEqual(['paused', 'quota']);
  });

  it('refuses to change the quota of an inactive client', async () => {
    const client = await createClient(clientInput({ quota: 10 }), { now: T0 });
    await markInactive(client.orgId, { now: T0 });
    const before = await snapshot();
    expect((await refusal(reallocateQuota(client.orgId, 5, { now: T0 }))).key).toBe('error_clientInactive');
    expect(await snapshot()).toEqual(before);
  });

  it('un-pauses a quota-paused client and resumes only what the quota rule paused', async () => {
    const { client } = await clientWithExperiments(10);
    expect(await experimentStates(client.orgId)).toEqual({
      running: ['running', undefined],
      'person-paused': ['paused', 'person'],
      draft: ['draft', undefined],
      completed: ['completed', undefined],
    });
    await recordUsage(client.orgId, 10, { now: T0 + 1 });
    expect((await getClient(client.orgId))?.status).toBe('paused');

    const updated = await reallocateQuota(client.orgId, 15, { now: T0 + 2 });
    expect(updated.status).toBe('active');
    expect((await getClient(client.orgId))?.status).toBe('active');
    expect(await experimentStates(client.orgId)).toEqual({
      running: ['running', undefined],
      'person-paused': ['paused', 'person'],
      draft: ['draft', undefined],
      completed: ['completed', undefined],
    });
    const unpause = (await listActivity({ orgId: client.orgId })).find((e) => e.action === 'client_unpaused');
    expect(unpause?.actor).toEqual({ type: 'rule', rule: 'quota' });
  });

  it('keeps the client paused when the new quota is still at or below usage', async () => {
    const { client } = await clientWithExperiments(10);
    await recordUsage(client.orgId, 10, { now: T0 + 1 });
    await recordUsage(client.orgId, 4, { now: T0 + 2 });
    const updated = await reallocateQuota(client.orgId, 14, { now: T0 + 3 });
    expect(updated).toMatchObject({ status: 'paused', quota: 14, usedVisitors: 14 });
    expect((await experimentStates(client.orgId)).running).toEqual(['paused', 'quota']);
  });
});

describe('recordUsage', () => {
  it('stays active below the quota', async () => {
    const { client } = await clientWithExperiments(10);
    const updated = await recordUsage(client.orgId, 9, { now: T0 + 1 });
    expect(updated).toMatchObject({ status: 'active', usedVisitors: 9 });
    expect((await experimentStates(client.orgId)).running).toEqual(['running', undefined]);
  });

  it('pauses the client and all its running experiments in the same call on reaching 100%', async () => {
    const { client } = await clientWithExperiments(10);
    const second = await createExperiment(client.orgId, { name: 'second running' }, { now: T0 });
    await startExperiment(client.orgId, second.id as number, { now: T0 });
    await recordUsage(client.orgId, 6, { now: T0 + 1 });

    const updated = await recordUsage(client.orgId, 4, { now: T0 + 2 });
    expect(updated).toMatchObject({ status: 'paused', usedVisitors: 10, quota: 10 });
    expect(await experimentStates(client.orgId)).toEqual({
      running: ['paused', 'quota'],
      'second running': ['paused', 'quota'],
      'person-paused': ['paused', 'person'],
      draft: ['draft', undefined],
      completed: ['completed', undefined],
    });
    const paused = (await listActivity({ orgId: client.orgId })).find((e) => e.action === 'client_paused');
    expect(paused).toMatchObject({ at: T0 + 2, actor: { type: 'rule', rule: 'quota' } });
    expect(paused?.details).toMatchObject({ experimentsPaused: 2 });
  });

  it('pauses on a usage that overshoots the quota', async () => {
    const client = await createClient(clientInput({ quota: 10 }), { now: T0 });
    const updated = await recordUsage(client.orgId, 25, { now: T0 });
    expect(updated).toMatchObject({ status: 'paused', usedVisitors: 25 });
  });

  it('keeps counting while paused', async () => {
    const client = await createClient(clientInput({ quota: 10 }), { now: T0 });
    await recordUsage(client.orgId, 10, { now: T0 });
    const updated = await recordUsage(client.orgId, 3, { now: T0 + 1 });
    expect(updated).toMatchObject({ status: 'paused', usedVisitors: 13 });
  });

  it('stops a paused client from starting or resuming an experiment', async () => {
    const { client, ids } = await clientWithExperiments(10);
    await recordUsage(client.orgId, 10, { now: T0 + 1 });
    const before = await snapshot();
    for (const id of [ids.draft, ids.running, ids.personPaused]) {
      const error = await refusal(startExperiment(client.orgId, id, { now: T0 + 2 }));
      expect(error).toMatchObject({ code: 'rule', key: 'error_startWhilePaused' });
    }
    expectKeyInCatalogues('error_startWhilePaused');
    expect(await snapshot()).toEqual(before);
  });

  it('writes the usage report of the billing period the visit falls in', async () => {
    await updateSettings({ billingDay: 15 }, { now: T0 });
    const client = await createClient(clientInput({ quota: 40 }), { now: T0 });
    const march10 = Date.UTC(2026, 2, 10, 9);
    await recordUsage(client.orgId, 3, { now: march10 });
    await recordUsage(client.orgId, 4, { now: march10 + 4 * DAY });
    await recordUsage(client.orgId, 2, { now: march10 + 5 * DAY });
    expect(await listUsageReports(client.orgId)).toEqual([
      { orgId: client.orgId, period: '2026-03-15', visitors: 2, updatedAt: march10 + 5 * DAY },
      { orgId: client.orgId, period: '2026-02-15', visitors: 7, updatedAt: march10 + 4 * DAY },
    ]);
    // The client's usage counts the current period only: the new period started from zero.
    expect((await getClient(client.orgId))?.usedVisitors).toBe(2);
  });

  it('counts billing periods in the agency time zone', async () => {
    await updateSettings({ billingDay: 15, timeZone: 'Asia/Tokyo' }, { now: T0 });
    const client = await createClient(clientInput({ quota: 40 }), { now: T0 });
    // 16:00 UTC on 14 March is already 15 March in Tokyo.
    await recordUsage(client.orgId, 1, { now: Date.UTC(2026, 2, 14, 16) });
    await recordUsage(client.orgId, 1, { now: Date.UTC(2026, 2, 14, 14, 59) });
    expect((await listUsageReports(client.orgId)).map((r) => [r.period, r.visitors])).toEqual([
      ['2026-03-15', 1],
      ['2026-02-15', 1],
    ]);
  });

  it('refuses usage for an inactive client, writing nothing', async () => {
    const client = await createClient(clientInput({ quota: 10 }), { now: T0 });
    await markInactive(client.orgId, { now: T0 });
    const before = await snapshot();
    const error = await refusal(recordUsage(client.orgId, 1, { now: T0 + 1 }));
    expect(error).toMatchObject({ code: 'rule', key: 'error_clientInactive' });
    expectKeyInCatalogues(error.key);
    expect(await snapshot()).toEqual(before);
  });
});
