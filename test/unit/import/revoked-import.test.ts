// An import cannot change a client that revoked the agency's access: such a client is read-only.
import { beforeEach, describe, expect, it } from 'vitest';
import { problemText, whereText } from '../../../entrypoints/options/components/backup/problem-text';
import { setLanguage } from '../../../lib/i18n';
import type { Client } from '../../../lib/model/client';
import { createClient, getClient, updateSettings } from '../../../lib/ops';
import { exportBackup } from '../../../lib/ops/export';
import { applyImport, previewImport } from '../../../lib/ops/import';
import { recordRevokedAccess, restoreAccess } from '../../../lib/ops/revoked';
import { serializeBackup } from '../../../lib/io/backup-json';
import { clientInput, refusal, resetDb, T0 } from '../ops/helpers';
import { csvFile, csvRow, jsonFile, rosterTables } from './helpers';

const UPDATE = { existing: 'update', restoreSettings: false } as const;
const SKIP = { existing: 'skip', restoreSettings: false } as const;

let kept: Client;
let revoked: Client;

beforeEach(async () => {
  await resetDb();
  setLanguage('en');
  await updateSettings({ poolSize: 1000 }, { now: T0 });
  kept = await createClient(clientInput({ name: 'Kept', quota: 100 }), { now: T0 });
  revoked = await createClient(clientInput({ name: 'Gone', quota: 100 }), { now: T0 });
  await recordRevokedAccess(revoked.orgId, { note: 'Contract paused' }, { now: T0 + 1 });
});

describe('importing over a client that revoked access', () => {
  it('makes a CSV row that updates it a problem of that row, in English and Japanese, and writes nothing', async () => {
    const file = csvFile(
      csvRow({ org_id: kept.orgId, name: 'Kept renamed' }),
      csvRow({ org_id: revoked.orgId, name: 'Gone renamed', quota: 100 }),
    );
    const preview = await previewImport(file, UPDATE);
    expect(preview.problems).toEqual([
      {
        where: { kind: 'line', line: 3 },
        field: 'org_id',
        labelKey: 'import_column_orgId',
        key: 'import_revokedReadOnly',
        params: { orgId: revoked.orgId },
      },
    ]);
    expect(preview.problemRows).toBe(1);
    const [problem] = preview.problems;
    expect(whereText(problem!.where)).toBe('Line 3');
    expect(problemText(problem!)).toBe(
      `The client ${revoked.orgId} revoked your access, so it is read-only and an import cannot update it. Record in its overview that access was granted again, or choose to skip clients already in the roster.`,
    );
    setLanguage('ja');
    expect(problemText(problem!)).toContain(revoked.orgId);
    expect(problemText(problem!)).toContain('読み取り専用');

    const before = await rosterTables();
    expect((await refusal(applyImport(file, UPDATE, { now: T0 + 2 }))).key).toBe('import_refused');
    expect(await rosterTables()).toEqual(before);
  });

  it('skips it without a problem when existing clients are skipped, and updates it once access is restored', async () => {
    const file = csvFile(csvRow({ org_id: revoked.orgId, name: 'Gone renamed', quota: 100 }));
    expect(await applyImport(file, SKIP, { now: T0 + 2 })).toEqual({ created: 0, updated: 0, skipped: 1 });
    await restoreAccess(revoked.orgId, { now: T0 + 3 });
    expect(await applyImport(file, UPDATE, { now: T0 + 4 })).toEqual({ created: 0, updated: 1, skipped: 0 });
    expect((await getClient(revoked.orgId))?.name).toBe('Gone renamed');
  });

  it('makes a backup record that updates it a problem of that record, and writes nothing', async () => {
    const backup = JSON.parse(serializeBackup(await exportBackup({ now: T0 + 2 })));
    const position = (backup.clients as { orgId: string }[]).findIndex((client) => client.orgId === revoked.orgId);
    backup.clients[position].name = 'Gone from backup';
    const file = jsonFile(JSON.stringify(backup));
    const preview = await previewImport(file, UPDATE);
    expect(preview.problems).toEqual([
      {
        where: { kind: 'record', section: 'clients', index: position + 1 },
        field: 'orgId',
        labelKey: 'import_column_orgId',
        key: 'import_revokedReadOnly',
        params: { orgId: revoked.orgId },
      },
    ]);
    expect(whereText(preview.problems[0]!.where)).toBe(`Client ${position + 1}`);
    const before = await rosterTables();
    expect((await refusal(applyImport(file, UPDATE, { now: T0 + 3 }))).key).toBe('import_refused');
    expect(await rosterTables()).toEqual(before);
    expect((await previewImport(file, SKIP)).problems).toEqual([]);
  });
});
