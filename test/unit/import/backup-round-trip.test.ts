// A backup brings the roster back exactly: export, wipe, import, same data.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import {
  getPoolSummary,
  getSettings,
  listClientPage,
  listExperiments,
  loadSampleData,
  poolLedger,
  updateSettings,
} from '../../../lib/ops';
import { backupFile, exportBackup } from '../../../lib/ops/export';
import { applyImport, previewImport } from '../../../lib/ops/import';
import { serializeBackup } from '../../../lib/io/backup-json';
import { BACKUP_FORMAT } from '../../../lib/model/backup';
import { createClient, deleteClient, recordUsage } from '../../../lib/ops';
import { clientInput, DAY, refusal, resetDb, snapshot, T0 } from '../ops/helpers';
import { csvFile, csvRow, jsonFile, rosterTables } from './helpers';

beforeEach(resetDb);

/**
 * Tables a backup leaves out on purpose: what this browser's notifications told and when (the
 * purge reminders and the usage warnings). A restored roster starts them afresh.
 */
const NOT_BACKED_UP = ['reminders', 'usageAlerts'];

function backedUp(tables: Record<string, unknown[]>): Record<string, unknown[]> {
  return Object.fromEntries(Object.entries(tables).filter(([name]) => !NOT_BACKED_UP.includes(name)));
}

describe('backup and restore', () => {
  it('restores every client, org record, issued Org ID and the settings into an empty roster', async () => {
    await loadSampleData({ now: T0 });
    const file = await backupFile({ now: T0 + DAY });
    expect(file.name).toMatch(/^agency-desk-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const before = await rosterTables();
    expect(before.clients!.length).toBe(8);
    expect(before.usageSamples!.length).toBeGreaterThan(0);
    expect(before.usageAlerts!.length).toBeGreaterThan(0);

    await resetDb();
    const prepared = jsonFile(file.text);
    const preview = await previewImport(prepared, { existing: 'update', restoreSettings: true }, { now: T0 + 2 * DAY });
    expect(preview.problems).toEqual([]);
    expect(preview.creates).toHaveLength(8);
    const result = await applyImport(prepared, { existing: 'update', restoreSettings: true }, { now: T0 + 2 * DAY });

    expect(result).toEqual({ created: 8, updated: 0, skipped: 0 });
    const after = await rosterTables();
    // Every other table, including any added later, comes back exactly.
    expect(backedUp(after)).toEqual(backedUp(before));
    for (const name of NOT_BACKED_UP) expect(after[name]).toEqual([]);
    // The log is written afresh, and the ledger it gives matches the pool.
    const ledger = await poolLedger();
    const pool = await getPoolSummary();
    expect(ledger.allocated).toBe(pool.allocated);
    expect(ledger.poolSize).toBe(pool.poolSize);
  });

  it('keeps the current settings unless asked to restore them', async () => {
    await updateSettings({ agencyName: 'Old name', poolSize: 500 }, { now: T0 });
    await createClient(clientInput({ quota: 50 }), { now: T0 });
    const text = serializeBackup(await exportBackup({ now: T0 }));
    await resetDb();
    await updateSettings({ agencyName: 'New name', poolSize: 100 }, { now: T0 });

    await applyImport(jsonFile(text), { existing: 'update', restoreSettings: false }, { now: T0 });
    expect((await getSettings()).agencyName).toBe('New name');
    expect((await getPoolSummary()).allocated).toBe(50);
  });

  it('updates or skips clients that are already in the roster, with their org records', async () => {
    await updateSettings({ poolSize: 1000 }, { now: T0 });
    const client = await createClient(clientInput({ name: 'Original', quota: 100 }), { now: T0 });
    const text = serializeBackup(await exportBackup({ now: T0 }));
    const backup = JSON.parse(text);
    backup.clients[0].name = 'From backup';
    backup.clients[0].quota = 300;
    backup.experiments = [
      { orgId: client.orgId, name: 'Restored test', status: 'draft', createdAt: T0, updatedAt: T0 },
    ];
    const edited = JSON.stringify(backup);

    const skipped = await applyImport(jsonFile(edited), { existing: 'skip', restoreSettings: false }, { now: T0 });
    expect(skipped).toEqual({ created: 0, updated: 0, skipped: 1 });
    expect((await listClientPage()).items[0]?.name).toBe('Original');

    const updated = await applyImport(jsonFile(edited), { existing: 'update', restoreSettings: false }, { now: T0 });
    expect(updated).toEqual({ created: 0, updated: 1, skipped: 0 });
    expect((await listClientPage()).items[0]).toMatchObject({ name: 'From backup', quota: 300 });
    expect((await listExperiments(client.orgId)).map((experiment) => experiment.name)).toEqual(['Restored test']);
    expect((await getPoolSummary()).allocated).toBe(300);
    expect((await poolLedger()).allocated).toBe(300);
  });

  it('pauses a restored client whose usage reached its quota, with its running experiments', async () => {
    await updateSettings({ poolSize: 1000 }, { now: T0 });
    const backup = JSON.parse(serializeBackup(await exportBackup({ now: T0 })));
    backup.clients = [
      {
        orgId: 'ORG-0000000A',
        name: 'Full',
        contact: { firstName: 'A', lastName: 'B', email: 'a@example.com' },
        status: 'active',
        quota: 10,
        usedVisitors: 12,
        createdAt: T0,
        updatedAt: T0,
      },
    ];
    backup.experiments = [{ orgId: 'ORG-0000000A', name: 'Live', status: 'running', createdAt: T0, updatedAt: T0 }];
    await applyImport(jsonFile(JSON.stringify(backup)), { existing: 'update', restoreSettings: false }, { now: T0 });
    expect((await listClientPage()).items[0]?.status).toBe('paused');
    expect(await listExperiments('ORG-0000000A')).toMatchObject([{ status: 'paused', pausedBy: 'quota' }]);
  });

  it('lists every bad record of a backup with its place and field, and writes nothing', async () => {
    await updateSettings({ poolSize: 1000 }, { now: T0 });
    const backup = JSON.parse(serializeBackup(await exportBackup({ now: T0 })));
    const good = {
      orgId: 'ORG-0000000A',
      name: 'Good',
      contact: { firstName: 'A', lastName: 'B', email: 'a@example.com' },
      status: 'active',
      quota: 10,
      usedVisitors: 0,
      createdAt: T0,
      updatedAt: T0,
    };
    backup.settings.poolSize = -5;
    backup.clients = [
      good,
      { ...good, orgId: 'ORG-0000000B', contact: { ...good.contact, email: 'nope' } },
      { ...good },
      { ...good, orgId: 'ORG-0000000C', status: 'sleeping' },
    ];
    backup.members = [{ orgId: 'ORG-00000099', name: 'Lost', email: 'lost@example.com', role: 'user', createdAt: T0 }];
    const before = await snapshot();

    const prepared = jsonFile(JSON.stringify(backup));
    const preview = await previewImport(prepared, { existing: 'update', restoreSettings: true }, { now: T0 });
    expect(preview.problems.map((problem) => [problem.where, problem.field, problem.key])).toEqual([
      [{ kind: 'record', section: 'settings', index: 1 }, 'poolSize', 'error_tooSmall'],
      [{ kind: 'record', section: 'clients', index: 2 }, 'contact.email', 'error_emailInvalid'],
      [{ kind: 'record', section: 'clients', index: 3 }, 'orgId', 'import_orgIdRepeatedInBackup'],
      [{ kind: 'record', section: 'clients', index: 4 }, 'status', 'error_invalidChoice'],
      [{ kind: 'record', section: 'members', index: 1 }, 'orgId', 'import_recordWithoutClient'],
    ]);
    expect(preview.problemRows).toBe(5);
    const error = await refusal(applyImport(prepared, { existing: 'update', restoreSettings: true }, { now: T0 }));
    expect(error.key).toBe('import_refused');
    expect(await snapshot()).toEqual(before);
  });

  it('brings back the Org IDs a roster issued, so that they are never handed out again', async () => {
    await updateSettings({ poolSize: 1000 }, { now: T0 });
    const backup = JSON.parse(serializeBackup(await exportBackup({ now: T0 })));
    expect(backup.format).toBe(BACKUP_FORMAT);
    backup.issuedOrgIds = [{ orgId: 'ORG-00000007', issuedAt: T0 - DAY }];
    await applyImport(jsonFile(JSON.stringify(backup)), { existing: 'update', restoreSettings: false }, { now: T0 });
    expect(await db.orgIds.get('ORG-00000007')).toEqual({ orgId: 'ORG-00000007', issuedAt: T0 - DAY });
  });

  it('restores an older backup that lists its own clients as issued, and retires an ID only when its client goes', async () => {
    await updateSettings({ poolSize: 1000 }, { now: T0 });
    const kept = await createClient(clientInput({ name: 'Kept', quota: 10 }), { now: T0 });
    const gone = await createClient(clientInput({ name: 'Gone', quota: 10 }), { now: T0 });
    await deleteClient(gone.orgId, { now: T0 + DAY });
    const backup = JSON.parse(serializeBackup(await exportBackup({ now: T0 + DAY })));
    expect(backup.issuedOrgIds).toEqual([{ orgId: gone.orgId, issuedAt: T0 }]);
    // Before Org IDs were retired on removal, backups listed every client's ID as issued too.
    backup.issuedOrgIds.push({ orgId: kept.orgId, issuedAt: T0 });

    await resetDb();
    await applyImport(
      jsonFile(JSON.stringify(backup)),
      { existing: 'update', restoreSettings: true },
      { now: T0 + 2 * DAY },
    );
    expect((await listClientPage()).items.map((client) => client.name)).toEqual(['Kept']);
    expect(await db.orgIds.toArray()).toEqual([{ orgId: gone.orgId, issuedAt: T0 }]);

    // The deleted client's ID stays refused after the restore.
    const preview = await previewImport(csvFile(csvRow({ org_id: gone.orgId, name: 'Back?' })), {
      existing: 'update',
      restoreSettings: false,
    });
    expect(preview.problems.map((problem) => problem.key)).toEqual(['import_orgIdRetired']);
    await deleteClient(kept.orgId, { now: T0 + 3 * DAY });
    expect((await db.orgIds.toArray()).map((row) => row.orgId).sort()).toEqual([gone.orgId, kept.orgId].sort());
  });

  it('exports usage as the roster holds it', async () => {
    await updateSettings({ poolSize: 1000 }, { now: T0 });
    const client = await createClient(clientInput({ quota: 20 }), { now: T0 });
    await recordUsage(client.orgId, 5, { now: T0 });
    const backup = await exportBackup({ now: T0 });
    expect(backup.clients[0]).toMatchObject({ orgId: client.orgId, usedVisitors: 5 });
    expect(backup.reports).toHaveLength(1);
    expect(backup.clients[0]).not.toHaveProperty('searchText');
  });
});
