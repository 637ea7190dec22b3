// A restore writes only records that keep the roster's rules, and brings a deleted client back with its Org ID held.
import { beforeEach, describe, expect, it } from 'vitest';
import { problemText, whereText } from '../../../entrypoints/options/components/backup/problem-text';
import { setLanguage } from '../../../lib/i18n';
import { db } from '../../../lib/db/database';
import {
  createClient,
  deleteClient,
  getClient,
  listExperiments,
  markInactive,
  recordUsage,
  updateSettings,
} from '../../../lib/ops';
import { exportBackup } from '../../../lib/ops/export';
import { applyImport, previewImport } from '../../../lib/ops/import';
import { serializeBackup } from '../../../lib/io/backup-json';
import { clientInput, DAY, expectKeyInCatalogues, refusal, resetDb, snapshot, T0 } from '../ops/helpers';
import { csvFile, csvRow, jsonFile } from './helpers';

const UPDATE = { existing: 'update', restoreSettings: false } as const;

beforeEach(async () => {
  await resetDb();
  setLanguage('en');
  await updateSettings({ poolSize: 1000, timeZone: 'UTC' }, { now: T0 });
});

/** A backup of the current (empty) roster with `clients` (and `experiments`) in it. */
async function backupWith(
  clients: Record<string, unknown>[],
  experiments: Record<string, unknown>[] = [],
): Promise<string> {
  const backup = JSON.parse(serializeBackup(await exportBackup({ now: T0 })));
  backup.clients = clients;
  backup.experiments = experiments;
  return JSON.stringify(backup);
}

let counter = 0;
function record(fields: Record<string, unknown>): Record<string, unknown> {
  counter += 1;
  return {
    orgId: `ORG-${String(counter).padStart(8, '0')}`,
    name: `Client ${counter}`,
    contact: { firstName: 'A', lastName: 'B', email: `c${counter}@example.com` },
    status: 'active',
    quota: 10,
    usedVisitors: 0,
    createdAt: T0 - 200 * DAY,
    updatedAt: T0 - DAY,
    ...fields,
  };
}

/** Went inactive ten days before T0 (2026-01-05 in UTC): purged on 2026-04-05, holding what it used. */
const INACTIVE_SINCE = T0 - 10 * DAY;
const inactive = {
  status: 'inactive',
  quota: 3,
  usedVisitors: 3,
  quotaBeforeInactive: 10,
  inactiveSince: INACTIVE_SINCE,
  purgeOn: '2026-04-05',
};

describe('restoring records that break the roster’s rules', () => {
  it('refuses each one with its client and the reason, in English and Japanese, and writes nothing', async () => {
    counter = 0;
    const clients = [
      record({}), // fine
      record({ purgeOn: '2026-01-01' }), // active, purge date in the past: would be counted and purged
      record({ ...inactive, purgeOn: undefined }), // inactive without a purge date: could never come back
      record({ ...inactive, purgeOn: '2096-01-05' }), // purge date 70 years away
      record({ ...inactive, inactiveSince: T0 + 40 * DAY, purgeOn: '2026-05-24' }), // went inactive in the future
      record({ ...inactive, quota: 10 }), // inactive, yet holds licenses it never used
      record({ status: 'paused', quota: 10, usedVisitors: 10, quotaBeforeInactive: 10 }), // not inactive, with an inactivity field
      record(inactive), // fine
    ];
    const text = await backupWith(clients);
    const before = await snapshot();
    const prepared = jsonFile(text);
    const preview = await previewImport(prepared, UPDATE, { now: T0 });
    expect(preview.problems.map((problem) => [problem.where, problem.field, problem.key])).toEqual([
      [{ kind: 'record', section: 'clients', index: 2 }, 'purgeOn', 'import_onlyInactiveHas'],
      [{ kind: 'record', section: 'clients', index: 3 }, 'purgeOn', 'import_inactiveLacks'],
      [{ kind: 'record', section: 'clients', index: 4 }, 'purgeOn', 'import_purgeDateNotGrace'],
      [{ kind: 'record', section: 'clients', index: 5 }, 'inactiveSince', 'import_inactiveSinceLater'],
      [{ kind: 'record', section: 'clients', index: 6 }, 'quota', 'import_inactiveHoldsUnused'],
      [{ kind: 'record', section: 'clients', index: 7 }, 'quotaBeforeInactive', 'import_onlyInactiveHas'],
    ]);
    for (const problem of preview.problems) expectKeyInCatalogues(problem.key);
    expect(preview.problemRows).toBe(6);

    const [activeWithDate, lacking, farAway, future, holding] = preview.problems;
    expect(whereText(activeWithDate!.where)).toBe('Client 2');
    expect(problemText(activeWithDate!)).toBe(
      'The client Client 2 (ORG-00000002) is not inactive, yet its record has purgeOn, which only an inactive client has. Remove the field, or restore a backup that Agency Desk wrote.',
    );
    expect(problemText(lacking!)).toBe(
      'The client Client 3 (ORG-00000003) is inactive, but its record has no purgeOn. An inactive client always has its purge date, the time it went inactive and its quota before; restore a backup that Agency Desk wrote.',
    );
    expect(problemText(farAway!)).toBe(
      'The client Client 4 (ORG-00000004) went inactive on Jan 5, 2026, so its purge date is three calendar months later, Apr 5, 2026, not Jan 5, 2096.',
    );
    expect(problemText(future!)).toBe(
      'The client Client 5 (ORG-00000005) is recorded as having gone inactive on Feb 24, 2026, a day that has not come yet.',
    );
    expect(problemText(holding!)).toBe(
      'The client Client 6 (ORG-00000006) is inactive and used 3 visitors, so it holds at most 3 licenses, not 10: an inactive client gives the licenses it did not use back to the pool.',
    );
    setLanguage('ja');
    expect(problemText(farAway!)).toBe(
      'クライアント Client 4（ORG-00000004）は 2026/01/05 に非アクティブになったため、削除日はその 3 か月後の 2026/04/05 で、2096/01/05 ではありません。',
    );
    expect(problemText(activeWithDate!)).toContain('Client 2（ORG-00000002）');
    setLanguage('en');

    const error = await refusal(applyImport(prepared, UPDATE, { now: T0 }));
    expect(error.key).toBe('import_refused');
    expect(await snapshot()).toEqual(before);
  });

  it('restores an inactive client whose purge date is its day in another time zone', async () => {
    counter = 10;
    // 2026-01-05T23:00Z is 6 January in Tokyo: the agency was there when the client went inactive.
    const since = Date.UTC(2026, 0, 5, 23);
    const text = await backupWith([record({ ...inactive, inactiveSince: since, purgeOn: '2026-04-06' })]);
    expect((await previewImport(jsonFile(text), UPDATE, { now: T0 })).problems).toEqual([]);
    const tooLate = await backupWith([record({ ...inactive, inactiveSince: since, purgeOn: '2026-04-07' })]);
    expect(
      (await previewImport(jsonFile(tooLate), UPDATE, { now: T0 })).problems.map((problem) => problem.key),
    ).toEqual(['import_purgeDateNotGrace']);
  });

  it('lifts the pause of a client restored below its quota, resuming what the quota rule paused', async () => {
    counter = 20;
    const paused = record({ status: 'paused', quota: 10, usedVisitors: 4 });
    const orgId = paused.orgId as string;
    const text = await backupWith(
      [paused],
      [
        { orgId, name: 'Quota-paused', status: 'paused', pausedBy: 'quota', createdAt: T0, updatedAt: T0 },
        { orgId, name: 'Person-paused', status: 'paused', pausedBy: 'person', createdAt: T0, updatedAt: T0 },
      ],
    );
    const preview = await previewImport(jsonFile(text), UPDATE, { now: T0 });
    expect(preview.problems).toEqual([]);
    await applyImport(jsonFile(text), UPDATE, { now: T0 });
    expect((await getClient(orgId))?.status).toBe('active');
    expect((await listExperiments(orgId)).map((e) => [e.name, e.status, e.pausedBy])).toEqual([
      ['Quota-paused', 'running', undefined],
      ['Person-paused', 'paused', 'person'],
    ]);
  });

  it('keeps restoring what the roster itself wrote: an inactive client counts down to the purge date it had', async () => {
    const client = await createClient(clientInput({ quota: 20 }), { now: T0 });
    await recordUsage(client.orgId, 5, { now: T0 });
    const wentInactive = await markInactive(client.orgId, { now: T0 + 1 });
    const text = serializeBackup(await exportBackup({ now: T0 + 2 }));
    await resetDb();
    await applyImport(jsonFile(text), { existing: 'update', restoreSettings: true }, { now: T0 + 3 });
    expect(await getClient(client.orgId)).toMatchObject({
      status: 'inactive',
      quota: 5,
      purgeOn: wentInactive.purgeOn,
      inactiveSince: T0 + 1,
    });
  });
});

describe('restoring a deleted client', () => {
  it('brings it back with its Org ID held by it and no longer retired', async () => {
    const client = await createClient(clientInput({ name: 'Comes back', quota: 20 }), { now: T0 });
    const text = serializeBackup(await exportBackup({ now: T0 + 1 }));
    await deleteClient(client.orgId, { now: T0 + 2 });
    expect(await db.orgIds.get(client.orgId)).toBeDefined();

    await applyImport(jsonFile(text), UPDATE, { now: T0 + 3 });
    expect((await getClient(client.orgId))?.name).toBe('Comes back');
    expect(await db.orgIds.get(client.orgId)).toBeUndefined();

    // Held again, so a CSV row with the ID updates it, and deleting it retires the ID once more.
    const preview = await previewImport(csvFile(csvRow({ org_id: client.orgId, name: 'Renamed' })), UPDATE, {
      now: T0 + 4,
    });
    expect(preview.problems).toEqual([]);
    expect(preview.updates).toHaveLength(1);
    await deleteClient(client.orgId, { now: T0 + 5 });
    expect(await db.orgIds.get(client.orgId)).toEqual({ orgId: client.orgId, issuedAt: T0 });
  });

  it('does not retire the Org ID of a client in the roster that a later backup lists as deleted', async () => {
    const client = await createClient(clientInput({ name: 'Deleted later', quota: 20 }), { now: T0 });
    const withClient = serializeBackup(await exportBackup({ now: T0 + 1 }));
    await deleteClient(client.orgId, { now: T0 + 2 });
    const afterDeletion = serializeBackup(await exportBackup({ now: T0 + 3 }));
    await applyImport(jsonFile(withClient), UPDATE, { now: T0 + 4 });
    // The later backup lists the ID as retired, but the roster holds it again: it stays held.
    await applyImport(jsonFile(afterDeletion), UPDATE, { now: T0 + 5 });
    expect(await getClient(client.orgId)).toBeDefined();
    expect(await db.orgIds.get(client.orgId)).toBeUndefined();
  });
});
