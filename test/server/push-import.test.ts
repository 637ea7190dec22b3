import { describe, expect, it } from 'vitest';
import { prepareImport } from '../../lib/io/prepare';
import { BACKUP_FORMAT } from '../../lib/model/backup';
import { CLIENT_CSV_COLUMNS, type PreparedImport } from '../../lib/model/import';
import type { PulledRow } from '../../lib/model/sync-pull';
import { generateOrgId } from '../../lib/rules/org-id';
import { change, createChange, NOW, pullAll, push, setUpAgency, type TestAgency } from './team';
import { testServer } from './test-server';

const server = testServer();

const UPDATE = { existing: 'update', restoreSettings: false } as const;
const DAY = 86_400_000;

function prepared(text: string): PreparedImport {
  return prepareImport(new TextEncoder().encode(text));
}

/** A CSV file as the export writes its columns; each row gives the cells it sets. */
function csv(...rows: Partial<Record<(typeof CLIENT_CSV_COLUMNS)[number], string | number>>[]): PreparedImport {
  const lines = rows.map((cells, index) =>
    CLIENT_CSV_COLUMNS.map((column) =>
      String(
        {
          name: `Client ${index + 1}`,
          contact_first_name: 'Ada',
          contact_last_name: 'Lovelace',
          contact_email: `ada${index + 1}@example.com`,
          ...cells,
        }[column] ?? '',
      ),
    ).join(','),
  );
  return prepared([CLIENT_CSV_COLUMNS.join(','), ...lines].join('\r\n'));
}

function importChange(
  file: PreparedImport,
  choices: { existing: 'update' | 'skip'; restoreSettings: boolean } = UPDATE,
) {
  return change('roster.import', { prepared: file, choices });
}

const BACKUP_SETTINGS = {
  agencyName: 'Northwind Restored',
  poolSize: 500,
  reminderDays: [30, 7, 1],
  billingDay: 1,
  timeZone: 'UTC',
  language: 'en',
  usageWarningLevels: [80, 90],
  usageSource: { url: 'https://usage.example.com/feed', intervalMinutes: 60, acceptCorrections: false },
};

function backupClient(orgId: string, fields: Record<string, unknown> = {}) {
  return {
    orgId,
    name: `Restored ${orgId}`,
    contact: { firstName: 'Bo', lastName: 'Berg', email: 'bo@example.com' },
    status: 'active',
    quota: 10,
    usedVisitors: 2,
    usagePeriod: '2026-12-01',
    createdAt: NOW - 100 * DAY,
    updatedAt: NOW - DAY,
    ...fields,
  };
}

function backup(sections: Record<string, unknown>): PreparedImport {
  return prepared(
    JSON.stringify({
      format: BACKUP_FORMAT,
      version: 1,
      exportedAt: new Date(NOW - DAY).toISOString(),
      settings: BACKUP_SETTINGS,
      clients: [],
      usageSourceTokenSaved: true,
      ...sections,
    }),
  );
}

let agencies = 0;
/** An agency of its own for each test: Org IDs are global, so tests that share one cluster never share an ID. */
async function agency(poolSize = 100): Promise<TestAgency> {
  agencies += 1;
  return setUpAgency(server.db, poolSize, `Agency ${agencies}`);
}

function live(rows: PulledRow[], entity: PulledRow['entity']): PulledRow[] {
  return rows.filter((row) => row.entity === entity && !row.deleted);
}

async function orgIdsOf(agencyId: string): Promise<string[]> {
  const { rows } = await server.db.query<{ org_id: string }>(
    'SELECT org_id FROM org_ids WHERE agency_id = $1 ORDER BY org_id',
    [agencyId],
  );
  return rows.map((row) => row.org_id);
}

describe('push: roster.import of a CSV', () => {
  it('creates every client in one change, with new Org IDs claimed for those without, and a pull sends them all', async () => {
    const team = await agency();
    const named = 'ORG-7K2M9QXA';
    const file = csv(
      { quota: 10 },
      { org_id: named, quota: 20, used_visitors: 20 },
      { quota: 0, used_visitors: 0, status: 'inactive' },
    );
    const [result] = await push(server.app, team.manager, [importChange(file)]);
    expect(result).toMatchObject({ status: 'accepted' });

    const { rows } = await pullAll(server.app, team.viewer);
    const clients = live(rows, 'client');
    expect(clients).toHaveLength(3);
    const byName = new Map(clients.map((row) => [(row.data as { name: string }).name, row]));
    expect(byName.get('Client 1')?.data).toMatchObject({ quota: 10, status: 'active', usedVisitors: 0 });
    expect(byName.get('Client 2')).toMatchObject({ orgId: named, data: { status: 'paused', quota: 20 } });
    expect(byName.get('Client 3')?.data).toMatchObject({ status: 'inactive', quota: 0, purgeOn: '2027-03-02' });
    for (const row of clients) expect(row.data).toMatchObject({ orgId: row.orgId, usagePeriod: '2026-12-01' });
    // Every client's Org ID is this agency's for good.
    expect(await orgIdsOf(team.agencyId)).toEqual(clients.map((row) => row.orgId).sort());

    const history = live(rows, 'activity').map((row) => row.data as { action: string; orgId: string });
    expect(history.filter((entry) => entry.action === 'client_created')).toHaveLength(3);
    expect(history).toContainEqual(expect.objectContaining({ action: 'client_paused', orgId: named }));
    expect(history).toContainEqual(expect.objectContaining({ action: 'client_inactivated' }));
    expect(new Set(rows.filter((row) => row.entity !== 'settings').map((row) => row.version)).size).toBe(1);
  });

  it('refuses an import that would give out more than the pool, with its problems, and writes nothing', async () => {
    const team = await agency(30);
    await push(server.app, team.manager, [createChange('Already Here', 10)]);
    const before = await pullAll(server.app, team.owner);

    const [result] = await push(server.app, team.manager, [importChange(csv({ quota: 15 }, { quota: 6 }))]);
    expect(result).toMatchObject({
      status: 'refused',
      code: 'validation',
      key: 'import_refused',
      params: { count: 1 },
      importProblems: [{ where: { kind: 'file' }, key: 'import_poolTooSmall', params: { allocated: 31, pool: 30 } }],
    });
    const after = await pullAll(server.app, team.owner);
    expect(after.pages.at(-1)?.version).toBe(before.pages.at(-1)?.version);
    expect(live(after.rows, 'client')).toHaveLength(1);
    expect(await orgIdsOf(team.agencyId)).toHaveLength(1);
  });

  it('never takes an Org ID that another agency holds, from a CSV row or a backup', async () => {
    const other = await agency();
    const theirs = createChange('Theirs', 5);
    const orgId = (theirs.args as { orgId: string }).orgId;
    await push(server.app, other.manager, [theirs]);
    const team = await agency();

    const [fromCsv] = await push(server.app, team.manager, [importChange(csv({ org_id: orgId, quota: 5 }))]);
    expect(fromCsv).toMatchObject({
      status: 'refused',
      key: 'import_refused',
      importProblems: [{ where: { kind: 'line', line: 2 }, key: 'import_orgIdTaken', params: { orgId } }],
    });
    const [fromBackup] = await push(server.app, team.owner, [importChange(backup({ clients: [backupClient(orgId)] }))]);
    expect(fromBackup).toMatchObject({
      status: 'refused',
      importProblems: [{ where: { kind: 'record', section: 'clients', index: 1 }, key: 'import_orgIdTakenInBackup' }],
    });
    // Listed among a backup's retired IDs, it stays the other agency's.
    const [retiredList] = await push(server.app, team.owner, [
      importChange(
        backup({ clients: [backupClient('ORG-7K2M9QXC')], issuedOrgIds: [{ orgId, issuedAt: NOW - 9 * DAY }] }),
      ),
    ]);
    expect(retiredList).toMatchObject({ status: 'accepted' });

    expect(await orgIdsOf(team.agencyId)).toEqual(['ORG-7K2M9QXC']);
    expect(await orgIdsOf(other.agencyId)).toEqual([orgId]);
    const clients = live((await pullAll(server.app, team.owner)).rows, 'client');
    expect(clients.map((row) => row.orgId)).toEqual(['ORG-7K2M9QXC']);
  });

  it('refuses a file whose rows repeat an Org ID, as its reader would, before writing anything', async () => {
    const team = await agency();
    const file = csv({ org_id: 'ORG-7K2M9QXD', quota: 1 });
    const row = file.kind === 'csv' ? file.rows[0] : undefined;
    if (file.kind !== 'csv' || !row) throw new Error('a CSV with one row');
    const repeated = { ...file, rows: [row, { ...row, line: 3 }] };
    const [result] = await push(server.app, team.manager, [importChange(repeated)]);
    expect(result).toMatchObject({
      status: 'refused',
      importProblems: [{ where: { kind: 'line', line: 3 }, key: 'import_orgIdRepeated', params: { line: 2 } }],
    });
    expect(await orgIdsOf(team.agencyId)).toEqual([]);
  });

  it('takes an import of thousands of clients, megabytes of JSON, as the one change it is', async () => {
    const team = await agency(10_000);
    const rows = Array.from({ length: 3000 }, (_, index) => ({
      quota: 1,
      company: `Company ${index}`,
      city: 'Springfield',
    }));
    const big = importChange(csv(...rows));
    expect(JSON.stringify(big).length).toBeGreaterThan(1024 * 1024);
    const [result] = await push(server.app, team.manager, [big]);
    expect(result).toMatchObject({ status: 'accepted' });
    expect(live((await pullAll(server.app, team.owner, 0, 5000)).rows, 'client')).toHaveLength(3000);
  });

  it('applies an import pushed twice once, answering the second time as the first', async () => {
    const team = await agency();
    const once = importChange(csv({ quota: 1 }, { quota: 2 }));
    const [first] = await push(server.app, team.manager, [once]);
    const [second] = await push(server.app, team.manager, [once]);
    expect(first).toMatchObject({ status: 'accepted' });
    expect(second).toMatchObject({ ...first, repeated: true });
    expect(live((await pullAll(server.app, team.owner)).rows, 'client')).toHaveLength(2);
    expect(await orgIdsOf(team.agencyId)).toHaveLength(2);
  });
});

describe('push: roster.import of a backup', () => {
  const restore = { existing: 'update', restoreSettings: true } as const;
  /** A backup's records of one client, under an Org ID no test used. */
  function recordsOf(orgId = generateOrgId()) {
    return {
      orgId,
      clients: [backupClient(orgId)],
      experiments: [
        { orgId, name: 'Hero banner', status: 'running', createdAt: NOW - 9 * DAY, updatedAt: NOW - 9 * DAY },
      ],
      members: [{ orgId, name: 'Cy', email: 'cy@example.com', role: 'admin', createdAt: NOW - 9 * DAY }],
      reports: [{ orgId, period: '2026-11-01', visitors: 7, updatedAt: NOW - 2 * DAY }],
      usageSamples: [{ orgId, day: '2026-12-01', period: '2026-12-01', used: 2 }],
    };
  }

  it("refuses a manager's restore that brings the settings, and writes nothing", async () => {
    const team = await agency();
    const { orgId, ...records } = recordsOf();
    const [result] = await push(server.app, team.manager, [importChange(backup(records), restore)]);
    expect(result).toMatchObject({ status: 'refused', code: 'rule', key: 'team_refused_ownerOnly' });
    expect(live((await pullAll(server.app, team.owner)).rows, 'client')).toEqual([]);
    const claimed = await server.db.query('SELECT 1 FROM org_ids WHERE org_id = $1', [orgId]);
    expect(claimed.rowCount).toBe(0);
  });

  it("takes the owner's restore: the settings (but the usage source), the clients and their org records", async () => {
    const team = await agency();
    const { orgId, ...records } = recordsOf();
    const [result] = await push(server.app, team.owner, [importChange(backup(records), restore)]);
    expect(result).toMatchObject({ status: 'accepted' });
    const { rows } = await pullAll(server.app, team.manager);

    const { usageSource: _local, ...shared } = BACKUP_SETTINGS;
    expect(rows.filter((row) => row.entity === 'settings').at(-1)?.data).toEqual(shared);
    expect(live(rows, 'client')).toMatchObject([{ orgId, data: backupClient(orgId) }]);
    const [experiment] = live(rows, 'experiment');
    expect(experiment).toMatchObject({ orgId, data: { ...records.experiments[0], key: experiment?.key } });
    expect(experiment?.key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    const [member] = live(rows, 'orgMember');
    expect(member).toMatchObject({ orgId, data: { ...records.members[0], key: member?.key } });
    expect(live(rows, 'usageReport')).toMatchObject([{ orgId, key: '2026-11-01', data: records.reports[0] }]);
    expect(live(rows, 'usageSample')).toMatchObject([{ orgId, key: '2026-12-01', data: records.usageSamples[0] }]);
    const history = live(rows, 'activity').map((row) => row.data);
    expect(history).toContainEqual(expect.objectContaining({ action: 'client_created', orgId }));
    expect(history).toContainEqual(
      expect.objectContaining({ action: 'pool_changed', poolSize: 500, details: { poolBefore: 100, poolAfter: 500 } }),
    );
    expect(history).toContainEqual(expect.objectContaining({ action: 'settings_changed' }));
  });

  it('brings back a client this agency deleted, holding its Org ID again; a CSV row may not take that ID', async () => {
    const team = await agency();
    const { orgId, ...records } = recordsOf();
    await push(server.app, team.manager, [
      change('client.create', { orgId, client: { ...backupClient(orgId), quota: 10 } }),
    ]);
    await push(server.app, team.manager, [change('client.delete', { orgId })]);

    const [fromCsv] = await push(server.app, team.manager, [importChange(csv({ org_id: orgId, quota: 5 }))]);
    expect(fromCsv).toMatchObject({
      status: 'refused',
      importProblems: [{ key: 'import_orgIdRetired', params: { orgId } }],
    });
    const [restored] = await push(server.app, team.manager, [importChange(backup(records))]);
    expect(restored).toMatchObject({ status: 'accepted' });
    const clients = (await pullAll(server.app, team.owner)).rows.filter((row) => row.entity === 'client');
    expect(clients).toMatchObject([{ orgId, deleted: false, data: { name: `Restored ${orgId}`, status: 'active' } }]);
    expect(await orgIdsOf(team.agencyId)).toEqual([orgId]);
  });

  it("replaces a restored client's org records, and a pull says which old ones are gone", async () => {
    const team = await agency();
    const { orgId, ...records } = recordsOf();
    await push(server.app, team.manager, [importChange(backup(records))]);
    const first = await pullAll(server.app, team.owner);
    const oldExperiment = live(first.rows, 'experiment')[0]?.key;

    const again = {
      clients: [backupClient(orgId, { name: 'Restored again' })],
      experiments: [{ ...records.experiments[0], name: 'Checkout test' }],
      reports: [{ orgId, period: '2026-10-01', visitors: 3, updatedAt: NOW - DAY }],
    };
    const [result] = await push(server.app, team.manager, [importChange(backup(again))]);
    expect(result).toMatchObject({ status: 'accepted' });
    const { rows } = await pullAll(server.app, team.owner, first.next);

    expect(live(rows, 'client')).toMatchObject([{ orgId, data: { name: 'Restored again' } }]);
    expect(live(rows, 'experiment')).toMatchObject([{ data: { name: 'Checkout test' } }]);
    const gone = rows.filter((row) => row.deleted).map((row) => [row.entity, row.key]);
    expect(gone).toEqual(
      expect.arrayContaining([
        ['experiment', oldExperiment],
        ['orgMember', live(first.rows, 'orgMember')[0]?.key],
        ['usageReport', '2026-11-01'],
        ['usageSample', '2026-12-01'],
      ]),
    );
    expect(live(rows, 'usageReport')).toMatchObject([{ key: '2026-10-01' }]);
  });

  it('keeps the keys the browser gave the restored records, unless the org holds them already (a tombstone too)', async () => {
    const team = await agency();
    const { orgId: _orgId, ...records } = recordsOf();
    const keyed = {
      ...records,
      experiments: [{ ...records.experiments[0], key: 'x-browser-key-0001' }],
      members: [{ ...records.members[0], key: 'm-browser-key-0001' }],
    };
    await push(server.app, team.manager, [importChange(backup(keyed))]);
    const first = await pullAll(server.app, team.owner);
    expect(live(first.rows, 'experiment').map((row) => row.key)).toEqual(['x-browser-key-0001']);
    expect(live(first.rows, 'orgMember').map((row) => row.key)).toEqual(['m-browser-key-0001']);

    // Restored again under the same keys: the first records are tombstones holding them, so new keys.
    const [again] = await push(server.app, team.manager, [importChange(backup(keyed))]);
    expect(again).toMatchObject({ status: 'accepted' });
    const { rows } = await pullAll(server.app, team.owner, first.next);
    const [experiment] = live(rows, 'experiment');
    expect(experiment?.key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(experiment?.key).not.toBe('x-browser-key-0001');
    expect(live(rows, 'orgMember')[0]?.key).not.toBe('m-browser-key-0001');
  });

  it('lets a usage change write again the report and sample that a restore turned into tombstones', async () => {
    const team = await agency();
    const { orgId, ...records } = recordsOf();
    const thisPeriod = { ...records, reports: [{ orgId, period: '2026-12-01', visitors: 2, updatedAt: NOW - DAY }] };
    const today = { orgId, day: '2026-12-02', period: '2026-12-01', used: 2 };
    await push(server.app, team.manager, [importChange(backup({ ...thisPeriod, usageSamples: [today] }))]);
    await push(server.app, team.manager, [importChange(backup({ clients: records.clients }))]);
    const first = await pullAll(server.app, team.owner);

    const [result] = await push(server.app, team.manager, [change('client.setVisitorsUsed', { orgId, visitors: 5 })]);
    expect(result).toMatchObject({ status: 'accepted' });
    const { rows } = await pullAll(server.app, team.owner, first.next);
    expect(live(rows, 'usageReport')).toMatchObject([{ key: '2026-12-01', data: { visitors: 5 } }]);
    expect(live(rows, 'usageSample')).toMatchObject([{ key: '2026-12-02', data: { used: 5 } }]);
  });

  it('pauses the running experiments of a client a CSV update brings to its quota, with its usage recorded', async () => {
    const team = await agency();
    const { orgId, ...records } = recordsOf();
    await push(server.app, team.manager, [importChange(backup(records))]);
    const first = await pullAll(server.app, team.owner);

    const [result] = await push(server.app, team.manager, [
      importChange(csv({ org_id: orgId, quota: 10, used_visitors: 10 })),
    ]);
    expect(result).toMatchObject({ status: 'accepted' });
    const { rows } = await pullAll(server.app, team.owner, first.next);
    expect(live(rows, 'client')).toMatchObject([{ orgId, data: { status: 'paused', usedVisitors: 10 } }]);
    expect(live(rows, 'experiment')).toMatchObject([{ data: { status: 'paused', pausedBy: 'quota', updatedAt: NOW } }]);
    expect(live(rows, 'usageReport')).toMatchObject([
      { key: '2026-12-01', data: { orgId, period: '2026-12-01', visitors: 10, updatedAt: NOW } },
    ]);
    expect(live(rows, 'usageSample')).toMatchObject([
      { key: '2026-12-02', data: { orgId, day: '2026-12-02', period: '2026-12-01', used: 10 } },
    ]);
    const history = live(rows, 'activity').map((row) => row.data);
    expect(history).toEqual([
      expect.objectContaining({ action: 'client_updated', orgId }),
      expect.objectContaining({ action: 'client_paused', orgId, actor: { type: 'rule', rule: 'quota' } }),
    ]);
  });
});
