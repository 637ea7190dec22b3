import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import {
  createClient,
  deleteClient,
  getClient,
  listActivity,
  listUsageReports,
  markInactive,
  onDataChanged,
  recordRevokedAccess,
  recordUsage,
  setVisitorsUsed,
  updateSettings,
} from '../../../lib/ops';
import {
  clientInput,
  clientWithExperiments,
  DAY,
  expectKeyInCatalogues,
  experimentStates,
  refusal,
  resetDb,
  snapshot,
  T0,
} from './helpers';

// T0 is 2026-01-15 12:00 UTC: with billing day 1, the period of 2026-01-01.
const JAN = '2026-01-01';
const FEB = '2026-02-01';
const IN_FEB = Date.UTC(2026, 1, 3, 12);

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 100_000, timeZone: 'UTC', billingDay: 1 }, { now: T0 });
});

/** The usage lines of one org's history, oldest first, as [action, actor, details]. */
async function usageHistory(orgId: string) {
  const entries = (await listActivity({ orgId })).reverse();
  return entries
    .filter((entry) => entry.action !== 'client_created' && !entry.action.startsWith('experiment_'))
    .map((entry) => [entry.action, entry.actor.type === 'rule' ? entry.actor.rule : 'person', entry.details]);
}

describe('setVisitorsUsed', () => {
  it('sets the number, files it under the period and logs before, after and period', async () => {
    const client = await createClient(clientInput({ quota: 1000 }), { now: T0 });
    const updated = await setVisitorsUsed(client.orgId, 250, { now: T0 + 1 });
    expect(updated).toMatchObject({ usedVisitors: 250, status: 'active', usagePeriod: JAN, updatedAt: T0 + 1 });
    expect((await db.clients.get(client.orgId))?.usagePercent).toBe(25);
    await setVisitorsUsed(client.orgId, 400, { now: T0 + 2 });
    expect(await usageHistory(client.orgId)).toEqual([
      ['usage_set', 'person', { before: 0, after: 250, period: JAN }],
      ['usage_set', 'person', { before: 250, after: 400, period: JAN }],
    ]);
    expect(await listUsageReports(client.orgId)).toEqual([
      { orgId: client.orgId, period: JAN, visitors: 400, updatedAt: T0 + 2 },
    ]);
  });

  it('writes and logs nothing when the number is the one stored', async () => {
    const client = await createClient(clientInput({ quota: 1000 }), { now: T0 });
    await setVisitorsUsed(client.orgId, 250, { now: T0 + 1 });
    const before = await snapshot();
    await setVisitorsUsed(client.orgId, 250, { now: T0 + 2 });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a lower number without a reason, writing nothing', async () => {
    const client = await createClient(clientInput({ quota: 1000 }), { now: T0 });
    await setVisitorsUsed(client.orgId, 400, { now: T0 + 1 });
    const before = await snapshot();
    const error = await refusal(setVisitorsUsed(client.orgId, 399, { now: T0 + 2 }));
    expect([error.code, error.key, error.params]).toEqual([
      'rule',
      'error_usageLowerNeedsReason',
      { before: 400, after: 399 },
    ]);
    expectKeyInCatalogues(error.key);
    // A reason of spaces is no reason.
    expect((await refusal(setVisitorsUsed(client.orgId, 399, { now: T0 + 2, reason: '   ' }))).key).toBe(
      'error_usageLowerNeedsReason',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('takes a lower number with a reason, which the history keeps', async () => {
    const client = await createClient(clientInput({ quota: 1000 }), { now: T0 });
    await setVisitorsUsed(client.orgId, 400, { now: T0 + 1 });
    const updated = await setVisitorsUsed(client.orgId, 300, { now: T0 + 2, reason: '  Counted a bot twice ' });
    expect(updated.usedVisitors).toBe(300);
    expect((await usageHistory(client.orgId)).at(-1)).toEqual([
      'usage_set',
      'person',
      { before: 400, after: 300, period: JAN, reason: 'Counted a bot twice' },
    ]);
    // A reason given with a higher number is not a correction: nothing to keep.
    await setVisitorsUsed(client.orgId, 350, { now: T0 + 3, reason: 'not needed' });
    expect((await usageHistory(client.orgId)).at(-1)).toEqual([
      'usage_set',
      'person',
      { before: 300, after: 350, period: JAN },
    ]);
  });

  it('refuses what is not a whole number of visitors 0 or more', async () => {
    const client = await createClient(clientInput({ quota: 1000 }), { now: T0 });
    for (const bad of [-1, 1.5, Number.NaN]) {
      const error = await refusal(setVisitorsUsed(client.orgId, bad, { now: T0 + 1 }));
      expect(error.code).toBe('validation');
    }
    expect((await getClient(client.orgId))?.usedVisitors).toBe(0);
  });

  it('pauses the client and its running experiments on reaching the quota, in one transaction', async () => {
    const client = await clientWithExperiments(20);
    const changes: string[][] = [];
    const stop = onDataChanged((change) => changes.push(change.orgIds));
    const updated = await setVisitorsUsed(client.orgId, 20, { now: T0 + 1 });
    stop();
    expect(updated.status).toBe('paused');
    expect(changes).toEqual([[client.orgId]]);
    expect(await experimentStates(client.orgId)).toEqual({
      running: ['paused', 'quota'],
      'person-paused': ['paused', 'person'],
      draft: ['draft', undefined],
    });
    // The usage comes first in the history, then the pause it caused.
    expect(await usageHistory(client.orgId)).toEqual([
      ['usage_set', 'person', { before: 0, after: 20, period: JAN }],
      ['client_paused', 'quota', { usedVisitors: 20, quota: 20, experimentsPaused: 1 }],
    ]);
  });

  it('lifts the quota pause on a correction below the quota, resuming exactly what the quota paused', async () => {
    const client = await clientWithExperiments(20);
    await setVisitorsUsed(client.orgId, 25, { now: T0 + 1 });
    const updated = await setVisitorsUsed(client.orgId, 19, { now: T0 + 2, reason: 'Bots' });
    expect(updated.status).toBe('active');
    expect(await experimentStates(client.orgId)).toEqual({
      running: ['running', undefined],
      'person-paused': ['paused', 'person'],
      draft: ['draft', undefined],
    });
    expect((await usageHistory(client.orgId)).slice(-2)).toEqual([
      ['usage_set', 'person', { before: 25, after: 19, period: JAN, reason: 'Bots' }],
      ['client_unpaused', 'quota', { usedVisitors: 19, quota: 20, experimentsResumed: 1 }],
    ]);
    // A correction that stays at or over the quota keeps the pause.
    await setVisitorsUsed(client.orgId, 30, { now: T0 + 3 });
    const still = await setVisitorsUsed(client.orgId, 20, { now: T0 + 4, reason: 'Bots' });
    expect(still.status).toBe('paused');
  });

  it('refuses an inactive client and a revoked one, writing nothing', async () => {
    const inactive = await createClient(clientInput({ quota: 100 }), { now: T0 });
    await markInactive(inactive.orgId, { now: T0 });
    const revoked = await createClient(clientInput({ quota: 100 }), { now: T0 });
    await recordRevokedAccess(revoked.orgId, {}, { now: T0 });
    const before = await snapshot();
    expect((await refusal(setVisitorsUsed(inactive.orgId, 5, { now: T0 + 1 }))).key).toBe('error_clientInactive');
    expect((await refusal(setVisitorsUsed(revoked.orgId, 5, { now: T0 + 1 }))).key).toBe('revoked_readOnly');
    expect((await refusal(recordUsage(inactive.orgId, 5, { now: T0 + 1 }))).key).toBe('error_clientInactive');
    expect((await refusal(recordUsage(revoked.orgId, 5, { now: T0 + 1 }))).key).toBe('revoked_readOnly');
    expect((await refusal(setVisitorsUsed('ORG-00000000', 5, { now: T0 + 1 }))).key).toBe('error_clientNotFound');
    expect(await snapshot()).toEqual(before);
  });

  it("counts a new billing period's number on its own, not on top of the last one's", async () => {
    const client = await createClient(clientInput({ quota: 1000 }), { now: T0 });
    await setVisitorsUsed(client.orgId, 900, { now: T0 });
    // Lower than 900 but the first number of February: no reason needed.
    const updated = await setVisitorsUsed(client.orgId, 100, { now: IN_FEB });
    expect(updated).toMatchObject({ usedVisitors: 100, usagePeriod: FEB });
    expect((await listUsageReports(client.orgId)).map((report) => [report.period, report.visitors])).toEqual([
      [FEB, 100],
      [JAN, 900],
    ]);
    expect((await usageHistory(client.orgId)).slice(-2)).toEqual([
      ['usage_reset', 'billing', { period: FEB, usedVisitors: 900, licensesReturned: 0 }],
      ['usage_set', 'person', { before: 0, after: 100, period: FEB }],
    ]);
    // recordUsage adds within the period.
    expect((await recordUsage(client.orgId, 50, { now: IN_FEB + 1 })).usedVisitors).toBe(150);
  });

  it('lifts a quota pause at the new period, whatever the first number is', async () => {
    const client = await clientWithExperiments(20);
    await setVisitorsUsed(client.orgId, 20, { now: T0 });
    const updated = await setVisitorsUsed(client.orgId, 5, { now: IN_FEB });
    expect(updated).toMatchObject({ status: 'active', usedVisitors: 5 });
    expect((await experimentStates(client.orgId)).running).toEqual(['running', undefined]);
  });

  it('keeps one sample a day (the last number) and fits the trend after three days', async () => {
    const client = await createClient(clientInput({ quota: 10_000 }), { now: T0 });
    await setVisitorsUsed(client.orgId, 50, { now: T0 });
    await setVisitorsUsed(client.orgId, 100, { now: T0 + 1000 });
    await setVisitorsUsed(client.orgId, 200, { now: T0 + DAY });
    expect((await db.clients.get(client.orgId))?.usageTrend).toBeUndefined();
    await setVisitorsUsed(client.orgId, 300, { now: T0 + 2 * DAY });
    expect(await db.usageSamples.where('orgId').equals(client.orgId).toArray()).toEqual([
      { orgId: client.orgId, day: '2026-01-15', period: JAN, used: 100 },
      { orgId: client.orgId, day: '2026-01-16', period: JAN, used: 200 },
      { orgId: client.orgId, day: '2026-01-17', period: JAN, used: 300 },
    ]);
    expect((await db.clients.get(client.orgId))?.usageTrend).toEqual({ period: JAN, perDay: 100, day: '2026-01-17' });
  });

  it('counts sample days on the agency clock across a clock change (Berlin, 25 October 2026)', async () => {
    await updateSettings({ timeZone: 'Europe/Berlin' }, { now: T0 });
    const client = await createClient(clientInput({ quota: 10_000 }), { now: T0 });
    // 23:30 in Berlin on 23-27 October: 21:30 UTC while on summer time, 22:30 UTC after.
    const instants = [
      '2026-10-23T21:30:00Z',
      '2026-10-24T21:30:00Z',
      '2026-10-25T22:30:00Z',
      '2026-10-26T22:30:00Z',
      '2026-10-27T22:30:00Z',
    ].map(Date.parse);
    for (const [index, now] of instants.entries()) await setVisitorsUsed(client.orgId, 100 * (index + 1), { now });
    const samples = await db.usageSamples.where('orgId').equals(client.orgId).toArray();
    expect(samples.map((sample) => sample.day)).toEqual([
      '2026-10-23',
      '2026-10-24',
      '2026-10-25',
      '2026-10-26',
      '2026-10-27',
    ]);
    expect((await db.clients.get(client.orgId))?.usageTrend).toEqual({
      period: '2026-10-01',
      perDay: 100,
      day: '2026-10-27',
    });
  });

  it("fits a new period's trend from that period's samples only", async () => {
    const client = await createClient(clientInput({ quota: 10_000 }), { now: T0 });
    const lastDays = Date.UTC(2026, 0, 29, 12);
    for (let day = 0; day < 3; day += 1)
      await setVisitorsUsed(client.orgId, 5000 + 1000 * day, { now: lastDays + day * DAY });
    expect((await db.clients.get(client.orgId))?.usageTrend?.perDay).toBe(1000);
    // 1 and 2 February: two samples in the new period, within a week of January's three.
    await setVisitorsUsed(client.orgId, 10, { now: Date.UTC(2026, 1, 1, 12) });
    await setVisitorsUsed(client.orgId, 20, { now: Date.UTC(2026, 1, 2, 12) });
    expect((await db.clients.get(client.orgId))?.usageTrend).toBeUndefined();
    await setVisitorsUsed(client.orgId, 30, { now: Date.UTC(2026, 1, 3, 12) });
    expect((await db.clients.get(client.orgId))?.usageTrend).toEqual({ period: FEB, perDay: 10, day: '2026-02-03' });
  });

  it('deleting the client removes its samples and warnings and the reasons in its history', async () => {
    await updateSettings({ usageWarningLevels: [50] }, { now: T0 });
    const client = await createClient(clientInput({ quota: 100 }), { now: T0 });
    const other = await createClient(clientInput({ quota: 100 }), { now: T0 });
    await setVisitorsUsed(client.orgId, 60, { now: T0 });
    await setVisitorsUsed(client.orgId, 40, { now: T0 + 1, reason: 'Ada Lovelace asked' });
    await setVisitorsUsed(other.orgId, 60, { now: T0 });
    await setVisitorsUsed(other.orgId, 40, { now: T0 + 1, reason: 'Kept' });
    expect(await db.usageAlerts.where('orgId').equals(client.orgId).count()).toBe(1);
    await deleteClient(client.orgId, { now: T0 + 2 });
    expect(await db.usageSamples.where('orgId').equals(client.orgId).count()).toBe(0);
    expect(await db.usageAlerts.where('orgId').equals(client.orgId).count()).toBe(0);
    const history = await listActivity({ orgId: client.orgId });
    expect(JSON.stringify(history)).not.toContain('Ada Lovelace');
    // The numbers stay.
    expect(history.find((entry) => entry.details?.after === 40)?.details).toEqual({
      before: 60,
      after: 40,
      period: JAN,
    });
    // The other client's are untouched.
    expect(await db.usageSamples.where('orgId').equals(other.orgId).count()).toBe(1);
    expect(await db.usageAlerts.where('orgId').equals(other.orgId).count()).toBe(1);
    expect(JSON.stringify(await listActivity({ orgId: other.orgId }))).toContain('Kept');
  });
});
