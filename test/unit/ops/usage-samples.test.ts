import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import { createClient, getUsageOverview, listUsageSamples, setVisitorsUsed, updateSettings } from '../../../lib/ops';
import { pruneUsageSamples, SAMPLE_KEEP_DAYS } from '../../../lib/ops/usage-samples';
import { addDays } from '../../../lib/rules/calendar';
import { clientInput, DAY, resetDb, T0 } from './helpers';

// T0 is 2026-01-15 12:00 UTC: with billing day 1, the period of 2026-01-01.
const JAN = '2026-01-01';
const TODAY = '2026-01-15';

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 100_000, timeZone: 'UTC', billingDay: 1 }, { now: T0 });
});

describe('pruneUsageSamples', () => {
  it('keeps the last 124 days of samples and deletes the older ones', async () => {
    const orgId = 'ORG-AAAA0000';
    const days = [0, 1, 123, 124, 125, 200].map((back) => addDays(TODAY, -back));
    await db.usageSamples.bulkPut(days.map((day) => ({ orgId, day, period: day.slice(0, 8) + '01', used: 1 })));
    expect(SAMPLE_KEEP_DAYS).toBe(124);
    expect(await pruneUsageSamples(T0)).toEqual({ deleted: 2, more: false });
    expect((await db.usageSamples.toArray()).map((sample) => sample.day)).toEqual(
      [124, 123, 1, 0].map((back) => addDays(TODAY, -back)),
    );
    expect(await pruneUsageSamples(T0)).toEqual({ deleted: 0, more: false });
  });

  it('deletes in batches and says when more may be left', async () => {
    const old = addDays(TODAY, -200);
    await db.usageSamples.bulkPut(
      Array.from({ length: 2500 }, (_, index) => ({
        orgId: `ORG-${String(index).padStart(8, '0')}`,
        day: old,
        period: '2025-07-01',
        used: 1,
      })),
    );
    const first = await pruneUsageSamples(T0);
    expect(first.more).toBe(true);
    const second = await pruneUsageSamples(T0);
    expect(first.deleted + second.deleted).toBe(2500);
    expect(second.more).toBe(false);
    expect(await db.usageSamples.count()).toBe(0);
  });
});

describe('getUsageOverview', () => {
  it("gives the period, today, the usage, the period's samples by day and the forecast", async () => {
    const client = await createClient(clientInput({ quota: 1000 }), { now: T0 });
    for (let day = 0; day < 3; day += 1) await setVisitorsUsed(client.orgId, 100 * (day + 1), { now: T0 + day * DAY });
    const overview = await getUsageOverview(client.orgId.toLowerCase(), T0 + 2 * DAY);
    expect(overview).toEqual({
      period: JAN,
      nextPeriod: '2026-02-01',
      today: '2026-01-17',
      usedVisitors: 300,
      quota: 1000,
      samples: [
        { day: '2026-01-15', used: 100 },
        { day: '2026-01-16', used: 200 },
        { day: '2026-01-17', used: 300 },
      ],
      runsOutOn: '2026-01-24',
      perDay: 100,
    });
    expect(await listUsageSamples(client.orgId, JAN)).toEqual(
      overview.samples.map((sample) => ({ orgId: client.orgId, period: JAN, ...sample })),
    );
  });

  it('has no forecast with too few samples', async () => {
    const client = await createClient(clientInput({ quota: 1000 }), { now: T0 });
    await setVisitorsUsed(client.orgId, 100, { now: T0 });
    const overview = await getUsageOverview(client.orgId, T0);
    expect(overview.samples).toEqual([{ day: TODAY, used: 100 }]);
    expect(overview.runsOutOn).toBeUndefined();
    expect(overview.perDay).toBeUndefined();
  });

  it('shows a client the background has not moved to the new period yet with nothing used and no forecast', async () => {
    const client = await createClient(clientInput({ quota: 1000 }), { now: T0 });
    const lastDays = Date.UTC(2026, 0, 29, 12);
    for (let day = 0; day < 3; day += 1)
      await setVisitorsUsed(client.orgId, 100 * (day + 1), { now: lastDays + day * DAY });
    const inFeb = Date.UTC(2026, 1, 1, 12);
    const overview = await getUsageOverview(client.orgId, inFeb);
    expect(overview).toEqual({
      period: '2026-02-01',
      nextPeriod: '2026-03-01',
      today: '2026-02-01',
      usedVisitors: 0,
      quota: 1000,
      samples: [],
    });
  });

  it('refuses an unknown client', async () => {
    await expect(getUsageOverview('ORG-00000000', T0)).rejects.toMatchObject({ key: 'error_clientNotFound' });
  });
});
