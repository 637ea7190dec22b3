// Importing a CSV of clients: checked as a whole, then all of it or nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import { t } from '../../../lib/i18n';
import {
  createClient,
  createExperiment,
  deleteClient,
  getClient,
  getPoolSummary,
  getSettings,
  listClientPage,
  listExperiments,
  markInactive,
  poolLedger,
  recordUsage,
  startExperiment,
  updateSettings,
} from '../../../lib/ops';
import { clientsCsvFile } from '../../../lib/ops/export';
import { applyImport, previewImport } from '../../../lib/ops/import';
import { prepareImport } from '../../../lib/io/prepare';
import type { Client } from '../../../lib/model/client';
import { purgeDateFor } from '../../../lib/rules/lifecycle';
import { clientInput, DAY, refusal, resetDb, sequenceRandom, snapshot, T0 } from '../ops/helpers';
import { csvFile, csvRow } from './helpers';

const UPDATE = { existing: 'update', restoreSettings: false } as const;
const SKIP = { existing: 'skip', restoreSettings: false } as const;

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 1000 }, { now: T0 });
});

function brief(problems: { where: { kind: string; line?: number }; field: string; key: string }[]) {
  return problems.map((problem) => ({ line: problem.where.line, field: problem.field, key: problem.key }));
}

describe('importing clients from CSV', () => {
  it('creates clients with new Org IDs from rows without one', async () => {
    const result = await applyImport(
      csvFile(csvRow({ name: 'Acme', quota: 100 }), csvRow({ name: 'Globex', quota: 50, used_visitors: 7 })),
      UPDATE,
      { now: T0 },
    );
    expect(result).toEqual({ created: 2, updated: 0, skipped: 0 });
    const { items } = await listClientPage();
    expect(items.map((client) => [client.name, client.quota, client.usedVisitors, client.status])).toEqual([
      ['Acme', 100, 0, 'active'],
      ['Globex', 50, 7, 'active'],
    ]);
    expect(new Set(items.map((client) => client.orgId)).size).toBe(2);
    expect((await getPoolSummary()).allocated).toBe(150);
    expect((await poolLedger()).allocated).toBe(150);
  });

  it('updates or skips a client whose Org ID is in the roster, as the person chooses', async () => {
    const client = await createClient(clientInput({ name: 'Before', company: 'Kept Co', quota: 100 }), { now: T0 });
    // No company column: the client keeps its company.
    const header = 'org_id,name,contact_first_name,contact_last_name,contact_email,quota';
    const file = prepareImport(
      new TextEncoder().encode(`${header}\n${client.orgId.toLowerCase()},After,Ada,Lovelace,ada@example.com,200\n`),
    );

    expect((await previewImport(file, SKIP)).skipped).toBe(1);
    expect(await applyImport(file, SKIP, { now: T0 })).toEqual({ created: 0, updated: 0, skipped: 1 });
    expect(await getClient(client.orgId)).toMatchObject({ name: 'Before', quota: 100 });

    expect(await applyImport(file, UPDATE, { now: T0 })).toEqual({ created: 0, updated: 1, skipped: 0 });
    expect(await getClient(client.orgId)).toMatchObject({ name: 'After', company: 'Kept Co', quota: 200 });
    expect((await getPoolSummary()).allocated).toBe(200);
    expect((await poolLedger()).allocated).toBe(200);
  });

  it('creates a client with an Org ID that was never issued, and refuses the Org ID of a deleted client', async () => {
    const deleted = await createClient(clientInput(), { now: T0 });
    await deleteClient(deleted.orgId, { now: T0 });
    const file = csvFile(
      csvRow({ org_id: 'ORG-7K2M9QXD', name: 'Chosen' }),
      csvRow({ org_id: deleted.orgId, name: 'Back?' }),
    );
    const preview = await previewImport(file, UPDATE);
    expect(brief(preview.problems)).toEqual([{ line: 3, field: 'org_id', key: 'import_orgIdRetired' }]);
    expect(t(preview.problems[0]!.key, preview.problems[0]!.params, 'en')).toContain(deleted.orgId);

    await applyImport(csvFile(csvRow({ org_id: 'ORG-7K2M9QXD', name: 'Chosen' })), UPDATE, { now: T0 });
    expect(await getClient('ORG-7K2M9QXD')).toMatchObject({ name: 'Chosen' });
  });

  it('never hands out an Org ID that was issued before', async () => {
    const first = [0, 1, 2, 3, 4, 5, 6, 7];
    const taken = await createClient(clientInput(), { now: T0, random: sequenceRandom(first) });
    const random = sequenceRandom(first, [8, 9, 10, 11, 12, 13, 14, 15]);
    await applyImport(csvFile(csvRow({ name: 'New' })), UPDATE, { now: T0, random });
    const created = (await listClientPage({ query: 'New' })).items[0]!;
    expect(created.orgId).not.toBe(taken.orgId);
    expect(random.calls).toBe(2);
  });

  it('refuses an import whose quotas do not fit in the pool, with the numbers', async () => {
    await createClient(clientInput({ quota: 600 }), { now: T0 });
    const file = csvFile(csvRow({ quota: 300 }), csvRow({ quota: 200 }));
    const preview = await previewImport(file, UPDATE);
    expect(preview.problems).toEqual([
      { where: { kind: 'file' }, field: '', key: 'import_poolTooSmall', params: { allocated: 1100, pool: 1000 } },
    ]);
    expect(t('import_poolTooSmall', preview.problems[0]!.params, 'en')).toBe(
      'After this import, clients would hold 1,100 licenses, but the pool has only 1,000. Raise the pool size in Settings or lower the quotas in the file.',
    );
    const before = await snapshot();
    expect((await refusal(applyImport(file, UPDATE, { now: T0 }))).key).toBe('import_refused');
    expect(await snapshot()).toEqual(before);
  });

  it('writes nothing when one row of many is bad', async () => {
    await createClient(clientInput(), { now: T0 });
    const before = await snapshot();
    const rows = Array.from({ length: 50 }, (_, index) => csvRow({ name: `Client ${index}`, quota: 1 }));
    rows[37] = csvRow({ contact_email: 'broken' });
    const file = csvFile(...rows);
    const preview = await previewImport(file, UPDATE);
    expect(brief(preview.problems)).toEqual([{ line: 39, field: 'contact_email', key: 'error_emailInvalid' }]);
    expect(preview.creates).toHaveLength(49);
    expect((await refusal(applyImport(file, UPDATE, { now: T0 }))).key).toBe('import_refused');
    expect(await snapshot()).toEqual(before);
  });

  it('rolls back everything when the import fails part-way through writing', async () => {
    await updateSettings({ poolSize: 5000 }, { now: T0 });
    const rows = Array.from({ length: 2500 }, (_, index) => csvRow({ name: `Client ${index}`, quota: 1 }));
    const before = await snapshot();
    let calls = 0;
    const failing = () => {
      calls += 1;
      if (calls === 3) throw new Error('disk full');
    };
    await refusal(applyImport(csvFile(...rows), UPDATE, { now: T0, onProgress: failing }));
    expect(calls).toBe(3);
    expect(await snapshot()).toEqual(before);
  });

  it('pauses clients at or over their quota, with their running experiments', async () => {
    const client = await createClient(clientInput({ quota: 100 }), { now: T0 });
    const experiment = await createExperiment(client.orgId, { name: 'Live' }, { now: T0 });
    await startExperiment(client.orgId, experiment.id!, { now: T0 });

    await applyImport(
      csvFile(
        csvRow({ org_id: client.orgId, quota: 100, used_visitors: 100 }),
        csvRow({ name: 'Over', quota: 5, used_visitors: 9 }),
      ),
      UPDATE,
      { now: T0 },
    );
    expect(await getClient(client.orgId)).toMatchObject({ status: 'paused', usedVisitors: 100 });
    expect(await listExperiments(client.orgId)).toMatchObject([{ status: 'paused', pausedBy: 'quota' }]);
    expect((await listClientPage({ query: 'Over' })).items[0]).toMatchObject({ status: 'paused' });
    // Invariant: usage at or over the quota means paused or inactive.
    for (const stored of await db.clients.toArray())
      if (stored.usedVisitors >= stored.quota) expect(['paused', 'inactive']).toContain(stored.status);

    // Room again: the pause lifts and what the quota rule paused resumes.
    await applyImport(csvFile(csvRow({ org_id: client.orgId, quota: 150, used_visitors: 100 })), UPDATE, { now: T0 });
    expect(await getClient(client.orgId)).toMatchObject({ status: 'active', quota: 150 });
    expect(await listExperiments(client.orgId)).toMatchObject([{ status: 'running' }]);
  });

  it('refuses a quota below usage and changed numbers of an inactive client, naming the row', async () => {
    const active = await createClient(clientInput({ quota: 100 }), { now: T0 });
    await recordUsage(active.orgId, 40, { now: T0 });
    const inactive = await createClient(clientInput({ quota: 100 }), { now: T0 });
    await markInactive(inactive.orgId, { now: T0 });
    const file = csvFile(csvRow({ org_id: active.orgId, quota: 30 }), csvRow({ org_id: inactive.orgId, quota: 50 }));
    const preview = await previewImport(file, UPDATE);
    expect(brief(preview.problems)).toEqual([
      { line: 2, field: 'quota', key: 'error_quotaBelowUsage' },
      { line: 3, field: 'quota', key: 'import_inactiveNumbers' },
    ]);
    // Skipping existing clients leaves nothing to refuse.
    expect((await previewImport(file, SKIP)).problems).toEqual([]);
  });

  it('reads back its own export: updating from it changes nothing but the time of the update', async () => {
    await createClient(
      clientInput({ name: '=cmd|calc', company: 'Acme, "Inc."', quota: 100, address: { street: 'Line 1\nLine 2' } }),
      { now: T0 },
    );
    await createClient(clientInput({ name: 'さくら旅行', quota: 200 }), { now: T0 });
    const before = (await listClientPage()).items;
    const file = await clientsCsvFile({ now: T0 });
    expect(file.name).toMatch(/^agency-desk-clients-\d{4}-\d{2}-\d{2}\.csv$/);
    const prepared = prepareImport(new TextEncoder().encode(file.text));
    expect(await applyImport(prepared, UPDATE, { now: T0 + 1 })).toEqual({ created: 0, updated: 2, skipped: 0 });
    expect((await listClientPage()).items).toEqual(before.map((client) => ({ ...client, updatedAt: T0 + 1 })));
  });

  it('reads back its own export with inactive clients: into a fresh profile, and into the same roster with Update', async () => {
    const active = await createClient(clientInput({ name: 'Active', quota: 100 }), { now: T0 });
    await recordUsage(active.orgId, 40, { now: T0 });
    const paused = await createClient(clientInput({ name: 'Paused', quota: 50 }), { now: T0 });
    await recordUsage(paused.orgId, 50, { now: T0 });
    const used = await createClient(clientInput({ name: 'Inactive, used', quota: 200 }), { now: T0 });
    await recordUsage(used.orgId, 30, { now: T0 });
    await markInactive(used.orgId, { now: T0 });
    // Without usage an inactive client holds no licenses: its row says quota 0.
    const unused = await createClient(clientInput({ name: 'Inactive, unused', quota: 100 }), { now: T0 });
    await markInactive(unused.orgId, { now: T0 });
    const before = (await listClientPage()).items;
    const file = await clientsCsvFile({ now: T0 });
    const prepared = prepareImport(new TextEncoder().encode(file.text));

    expect(await applyImport(prepared, UPDATE, { now: T0 + 1 })).toEqual({ created: 0, updated: 4, skipped: 0 });
    expect((await listClientPage()).items).toEqual(before.map((client) => ({ ...client, updatedAt: T0 + 1 })));

    await resetDb();
    await updateSettings({ poolSize: 1000 }, { now: T0 });
    const later = T0 + 10 * DAY;
    expect(await applyImport(prepared, UPDATE, { now: later })).toEqual({ created: 4, updated: 0, skipped: 0 });
    const what = (client: Client) => ({
      orgId: client.orgId,
      name: client.name,
      contact: client.contact,
      status: client.status,
      quota: client.quota,
      usedVisitors: client.usedVisitors,
    });
    expect((await listClientPage()).items.map(what)).toEqual(before.map(what));
    // The file does not say when they went inactive: their grace period starts at the import.
    const purgeOn = purgeDateFor(later, (await getSettings()).timeZone);
    for (const orgId of [used.orgId, unused.orgId])
      expect(await getClient(orgId)).toMatchObject({ status: 'inactive', inactiveSince: later, purgeOn });
    expect((await getPoolSummary()).allocated).toBe(100 + 50 + 30 + 0);
    expect((await poolLedger()).allocated).toBe(180);
  });

  it('gives a new inactive client only the licenses it used, as marking it inactive would', async () => {
    await applyImport(csvFile(csvRow({ name: 'Gone', quota: 500, used_visitors: 120, status: 'inactive' })), UPDATE, {
      now: T0,
    });
    const [client] = (await listClientPage()).items;
    expect(client).toMatchObject({ status: 'inactive', quota: 120, usedVisitors: 120 });
    expect((await getPoolSummary()).allocated).toBe(120);
  });

  it('refuses a quota of 0 for a client that is not inactive, whatever the row says of its status', async () => {
    const active = await createClient(clientInput({ quota: 100 }), { now: T0 });
    const file = csvFile(
      csvRow({ quota: 0 }),
      csvRow({ quota: 0, status: 'active' }),
      // The status of a client in the roster is changed by Mark as Inactive, not by an import.
      csvRow({ org_id: active.orgId, quota: 0, status: 'inactive' }),
    );
    const preview = await previewImport(file, UPDATE);
    expect(brief(preview.problems)).toEqual([
      { line: 2, field: 'quota', key: 'error_tooSmall' },
      { line: 3, field: 'quota', key: 'error_tooSmall' },
      { line: 4, field: 'quota', key: 'error_tooSmall' },
    ]);
    expect(t(preview.problems[0]!.key, { ...preview.problems[0]!.params, field: 'Quota' }, 'en')).toContain('1');
    expect(await getClient(active.orgId)).toMatchObject({ status: 'active', quota: 100 });
  });

  it('imports 10,000 rows in one go, telling progress between bulk writes', async () => {
    await updateSettings({ poolSize: 100_000 }, { now: T0 });
    const rows = Array.from({ length: 10_000 }, (_, index) =>
      csvRow({ name: `Client ${index}`, contact_email: `c${index}@example.com`, quota: 10 }),
    );
    const progress: [number, number][] = [];
    const result = await applyImport(csvFile(...rows), UPDATE, {
      now: T0,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(result.created).toBe(10_000);
    expect((await listClientPage({ limit: 1 })).total).toBe(10_000);
    expect((await getPoolSummary()).allocated).toBe(100_000);
    const total = progress[0]![1];
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toEqual([total, total]);
    expect(progress.every(([done], index) => index === 0 || done > progress[index - 1]![0])).toBe(true);
  }, 120_000);
});
