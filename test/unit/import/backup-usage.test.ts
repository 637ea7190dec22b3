// Usage in a backup: the daily samples behind the forecast come back, the usage source's token never leaves.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import { t } from '../../../lib/i18n';
import {
  createClient,
  getSettings,
  getUsageOverview,
  getUsageSourceView,
  saveUsageSource,
  setVisitorsUsed,
  updateSettings,
} from '../../../lib/ops';
import { backupFile, clientsCsvFile, exportBackup } from '../../../lib/ops/export';
import { applyImport, previewImport } from '../../../lib/ops/import';
import { serializeBackup } from '../../../lib/io/backup-json';
import type { PreparedBackup } from '../../../lib/model/import';
import { clientInput, DAY, expectKeyInCatalogues, refusal, resetDb, T0 } from '../ops/helpers';
import { jsonFile } from './helpers';

const RESTORE = { existing: 'update', restoreSettings: true } as const;
const SOURCE = { url: 'https://usage.example.com/feed', intervalMinutes: 60, acceptCorrections: true };

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 1000 }, { now: T0 });
});

/** A client whose usage was set on three days in a row: enough samples for a forecast. */
async function clientWithForecast(quota = 100): Promise<string> {
  const client = await createClient(clientInput({ quota }), { now: T0 });
  for (const [day, used] of [10, 20, 30].entries()) await setVisitorsUsed(client.orgId, used, { now: T0 + day * DAY });
  return client.orgId;
}

async function backupText(now = T0 + 2 * DAY): Promise<string> {
  return serializeBackup(await exportBackup({ now }));
}

describe('usage samples in a backup', () => {
  it('restores every daily sample, and with them the chart and the run-out forecast', async () => {
    const orgId = await clientWithForecast();
    const later = T0 + 4 * DAY;
    const overview = await getUsageOverview(orgId, later);
    expect(overview.runsOutOn).toBeDefined();
    expect(overview.samples.map((sample) => sample.used)).toEqual([10, 20, 30]);
    const clients = await db.clients.toArray();
    expect(clients[0]?.usageTrend).toBeDefined();
    const text = await backupText();
    expect(JSON.parse(text).usageSamples).toHaveLength(3);

    await resetDb();
    await applyImport(jsonFile(text), RESTORE, { now: T0 + 3 * DAY });
    expect(await getUsageOverview(orgId, later)).toEqual(overview);
    // The forecast line the database keeps with the client is fitted again, as it was.
    expect(await db.clients.toArray()).toEqual(clients);
  });

  it("replaces the samples of a client it updates, and leaves other clients' samples alone", async () => {
    const orgId = await clientWithForecast();
    const text = await backupText();
    await setVisitorsUsed(orgId, 45, { now: T0 + 3 * DAY });
    const other = await createClient(clientInput({ quota: 100 }), { now: T0 });
    await setVisitorsUsed(other.orgId, 5, { now: T0 + 3 * DAY });

    await applyImport(jsonFile(text), { existing: 'update', restoreSettings: false }, { now: T0 + 3 * DAY });
    expect((await db.usageSamples.where('orgId').equals(orgId).toArray()).map((sample) => sample.used)).toEqual([
      10, 20, 30,
    ]);
    expect((await db.usageSamples.where('orgId').equals(other.orgId).toArray()).map((sample) => sample.used)).toEqual([
      5,
    ]);
  });

  it('refuses samples of a client the backup lacks, two samples of one day, and days that are not dates', async () => {
    const orgId = await clientWithForecast();
    const backup = JSON.parse(await backupText());
    const first = backup.usageSamples[0];
    backup.usageSamples.push(
      { ...first, orgId: 'ORG-00000099' },
      { ...first },
      { ...first, day: '2026-02-30' },
      { ...first, day: '2026-01-20', used: -1 },
    );
    const before = await db.usageSamples.toArray();

    const prepared = jsonFile(JSON.stringify(backup));
    const preview = await previewImport(prepared, RESTORE, { now: T0 + 2 * DAY });
    expect(preview.problems.map((problem) => [problem.where, problem.field, problem.key])).toEqual([
      [{ kind: 'record', section: 'usageSamples', index: 4 }, 'orgId', 'import_recordWithoutClient'],
      [{ kind: 'record', section: 'usageSamples', index: 5 }, 'day', 'import_usageSampleRepeated'],
      [{ kind: 'record', section: 'usageSamples', index: 6 }, 'day', 'error_dateInvalid'],
      [{ kind: 'record', section: 'usageSamples', index: 7 }, 'used', 'error_tooSmall'],
    ]);
    for (const problem of preview.problems) expectKeyInCatalogues(problem.key);
    expectKeyInCatalogues('import_whereUsageSample');
    const repeated = preview.problems[1]!;
    expect(t(repeated.key, repeated.params, 'en')).toMatch(/more than one daily usage record for .*2026/);
    expect((await refusal(applyImport(prepared, RESTORE, { now: T0 + 2 * DAY }))).key).toBe('import_refused');
    expect(await db.usageSamples.toArray()).toEqual(before);
    expect((await db.clients.get(orgId))?.usedVisitors).toBe(30);
  });

  it('restores an older backup without usage samples, warning levels or usage source, with the default levels', async () => {
    await updateSettings({ usageWarningLevels: [50, 75] }, { now: T0 });
    const orgId = await clientWithForecast();
    const backup = JSON.parse(await backupText());
    delete backup.usageSamples;
    delete backup.usageSourceTokenSaved;
    delete backup.settings.usageWarningLevels;
    delete backup.settings.usageSource;
    await saveUsageSource(SOURCE, { now: T0 });

    const prepared = jsonFile(JSON.stringify(backup)) as PreparedBackup;
    expect(prepared.usageSamples).toEqual([]);
    expect(prepared.usageSourceTokenSaved).toBe(false);
    expect(await applyImport(prepared, RESTORE, { now: T0 + 2 * DAY })).toEqual({ created: 0, updated: 1, skipped: 0 });
    const settings = await getSettings();
    expect(settings.usageWarningLevels).toEqual([80, 90]);
    // Restoring settings replaces them whole: the backup had no usage source, so none is left.
    expect(settings.usageSource).toBeUndefined();
    expect(await db.clients.get(orgId)).toMatchObject({ usedVisitors: 30 });
    expect(await db.usageSamples.toArray()).toEqual([]);
    expect((await db.clients.get(orgId))?.usageTrend).toBeUndefined();
  });

  it('restores the warning levels and the usage source with the settings', async () => {
    await updateSettings({ usageWarningLevels: [95, 50, 75] }, { now: T0 });
    await saveUsageSource(SOURCE, { now: T0 });
    await createClient(clientInput({ quota: 10 }), { now: T0 });
    const text = await backupText();

    await resetDb();
    await applyImport(jsonFile(text), RESTORE, { now: T0 + DAY });
    const settings = await getSettings();
    expect(settings.usageWarningLevels).toEqual([50, 75, 95]);
    expect(settings.usageSource).toEqual(SOURCE);
    expect(await getUsageSourceView()).toEqual({ source: SOURCE, tokenSaved: false });
  });

  it('keeps the current settings, usage source included, unless asked to restore them', async () => {
    await createClient(clientInput({ quota: 10 }), { now: T0 });
    const text = await backupText();
    await updateSettings({ usageWarningLevels: [60] }, { now: T0 });
    await saveUsageSource({ ...SOURCE, token: 'secret-kept' }, { now: T0 });

    await applyImport(jsonFile(text), { existing: 'update', restoreSettings: false }, { now: T0 + DAY });
    expect((await getSettings()).usageWarningLevels).toEqual([60]);
    expect(await getUsageSourceView()).toMatchObject({ source: SOURCE, tokenSaved: true });
  });
});

describe("the usage source's access token", () => {
  it('is never in a backup, the clients CSV or the log; the backup says only that there is one', async () => {
    const orgId = await clientWithForecast();
    await saveUsageSource({ ...SOURCE, token: 'secret-0123456789' }, { now: T0 });
    expect((await getUsageSourceView()).tokenSaved).toBe(true);

    const backup = await backupFile({ now: T0 + 2 * DAY });
    const csv = await clientsCsvFile({ now: T0 + 2 * DAY });
    expect(backup.text).not.toContain('secret-');
    expect(csv.text).not.toContain('secret-');
    expect(csv.text).toContain(orgId);
    const activity = await db.activity.toArray();
    expect(activity.length).toBeGreaterThan(0);
    for (const entry of activity) expect(JSON.stringify(entry)).not.toContain('secret-');
    expect(JSON.parse(backup.text)).toMatchObject({ usageSourceTokenSaved: true, settings: { usageSource: SOURCE } });

    await resetDb();
    const prepared = jsonFile(backup.text) as PreparedBackup;
    expect(prepared.usageSourceTokenSaved).toBe(true);
    await applyImport(prepared, RESTORE, { now: T0 + 3 * DAY });
    expect(await getUsageSourceView()).toEqual({ source: SOURCE, tokenSaved: false });
    for (const entry of await db.activity.toArray()) expect(JSON.stringify(entry)).not.toContain('secret-');
  });

  it('is said to be absent when none is saved', async () => {
    await saveUsageSource(SOURCE, { now: T0 });
    expect((await exportBackup({ now: T0 })).usageSourceTokenSaved).toBe(false);
  });

  it("stays with the roster's source through a restore of the same address, and goes with a restore of another", async () => {
    await createClient(clientInput({ quota: 10 }), { now: T0 });
    await saveUsageSource(SOURCE, { now: T0 });
    const same = await backupText();
    await saveUsageSource({ ...SOURCE, url: 'https://elsewhere.example.com/usage' }, { now: T0 });
    const elsewhere = await backupText();
    await saveUsageSource({ ...SOURCE, token: 'secret-roster' }, { now: T0 });

    await applyImport(jsonFile(same), RESTORE, { now: T0 + DAY });
    expect(await getUsageSourceView()).toMatchObject({ source: SOURCE, tokenSaved: true });
    // Never sent to an address it was not given for.
    await applyImport(jsonFile(elsewhere), RESTORE, { now: T0 + DAY });
    expect(await getUsageSourceView()).toMatchObject({
      source: { ...SOURCE, url: 'https://elsewhere.example.com/usage' },
      tokenSaved: false,
    });
  });
});
