// A CSV that changes visitors used counts as a usage change: sampled, forecast, warned about.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import {
  createClient,
  getClient,
  getUsageOverview,
  listUsageReports,
  setVisitorsUsed,
  updateSettings,
} from '../../../lib/ops';
import { clientsCsvFile } from '../../../lib/ops/export';
import { applyImport } from '../../../lib/ops/import';
import { prepareImport } from '../../../lib/io/prepare';
import { clientInput, DAY, refusal, resetDb, snapshot, T0 } from '../ops/helpers';
import { csvFile, csvRow } from './helpers';

const UPDATE = { existing: 'update', restoreSettings: false } as const;

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 1000 }, { now: T0 });
});

/** A client with usage set on the two days before the import's day. */
async function clientWithUsage(quota = 100): Promise<string> {
  const client = await createClient(clientInput({ quota }), { now: T0 });
  await setVisitorsUsed(client.orgId, 10, { now: T0 });
  await setVisitorsUsed(client.orgId, 20, { now: T0 + DAY });
  return client.orgId;
}

/** What a usage change leaves behind for one client, without the times it was written. */
async function usageTrail(orgId: string) {
  const client = await db.clients.get(orgId);
  const samples = await db.usageSamples.where('orgId').equals(orgId).toArray();
  const alerts = await db.usageAlerts.where('orgId').equals(orgId).toArray();
  return {
    status: client?.status,
    usedVisitors: client?.usedVisitors,
    usageTrend: client?.usageTrend,
    samples: samples.map(({ day, period, used }) => ({ day, period, used })),
    reports: (await listUsageReports(orgId)).map(({ period, visitors }) => ({ period, visitors })),
    alerts: alerts.map(({ kind, status, used, quota }) => ({ kind, status, used, quota })),
  };
}

describe('usage changed by a CSV import', () => {
  it('leaves what setting the number by hand leaves: a sample, the forecast, the report and the warnings', async () => {
    const byHand = await clientWithUsage();
    const byFile = await clientWithUsage();
    const atQuota = await clientWithUsage();
    const today = T0 + 2 * DAY;
    await setVisitorsUsed(byHand, 85, { now: today });

    await applyImport(
      csvFile(csvRow({ org_id: byFile, used_visitors: 85 }), csvRow({ org_id: atQuota, used_visitors: 100 })),
      UPDATE,
      { now: today },
    );
    const trail = await usageTrail(byFile);
    expect(trail).toEqual(await usageTrail(byHand));
    expect(trail.samples.map((sample) => sample.used)).toEqual([10, 20, 85]);
    expect(trail.usageTrend).toBeDefined();
    // 80% reached, and at 30 visitors a day the quota runs out within the week.
    expect(trail.alerts).toEqual([
      { kind: 'level-80', status: 'pending', used: 85, quota: 100 },
      { kind: 'run-out', status: 'pending', used: 85, quota: 100 },
    ]);
    expect(trail.reports).toEqual([{ period: expect.any(String), visitors: 85 }]);
    const overview = await getUsageOverview(byFile, today);
    expect(overview.samples.at(-1)).toEqual({ day: overview.today, used: 85 });
    expect(overview.runsOutOn).toBeDefined();

    // Reaching the quota pauses the client; the levels it passed on the way are not told after the pause.
    expect(await usageTrail(atQuota)).toMatchObject({
      status: 'paused',
      alerts: [
        { kind: 'level-80', status: 'skipped', used: 100 },
        { kind: 'level-90', status: 'skipped', used: 100 },
      ],
    });
  });

  it('does nothing more for clients whose visitors used the file leaves as they are', async () => {
    const orgId = await clientWithUsage();
    await createClient(clientInput({ name: 'Renamed', quota: 100 }), { now: T0 });
    const before = await usageTrail(orgId);
    const samples = await db.usageSamples.count();

    // Its own export, read back a day later, and a row that changes only the name.
    const file = await clientsCsvFile({ now: T0 + 2 * DAY });
    await applyImport(prepareImport(new TextEncoder().encode(file.text)), UPDATE, { now: T0 + 2 * DAY });
    await applyImport(csvFile(csvRow({ org_id: orgId, name: 'New name', quota: 100 })), UPDATE, { now: T0 + 2 * DAY });
    expect(await usageTrail(orgId)).toEqual(before);
    expect(await db.usageSamples.count()).toBe(samples);
    expect(await db.usageAlerts.count()).toBe(0);
    expect(await getClient(orgId)).toMatchObject({ name: 'New name' });
  });

  it('writes none of it when the import is refused or fails while writing', async () => {
    const orgId = await clientWithUsage();
    const before = await snapshot();
    const refused = csvFile(csvRow({ org_id: orgId, used_visitors: 95 }), csvRow({ contact_email: 'broken' }));
    expect((await refusal(applyImport(refused, UPDATE, { now: T0 + 2 * DAY }))).key).toBe('import_refused');
    expect(await snapshot()).toEqual(before);

    const failing = () => {
      throw new Error('disk full');
    };
    const good = csvFile(csvRow({ org_id: orgId, used_visitors: 95 }));
    await refusal(applyImport(good, UPDATE, { now: T0 + 2 * DAY, onProgress: failing }));
    expect(await snapshot()).toEqual(before);
  });

  it("takes a new client's visitors used from the file as where it starts, not as a change to warn about", async () => {
    await applyImport(csvFile(csvRow({ name: 'New', quota: 100, used_visitors: 95 })), UPDATE, { now: T0 });
    expect(await db.clients.toArray()).toMatchObject([{ name: 'New', usedVisitors: 95 }]);
    expect(await db.usageSamples.count()).toBe(0);
    expect(await db.usageAlerts.count()).toBe(0);
  });
});
