// A backup restored on a shared roster: its experiments and members get keys made here, the
// queued roster.import carries those same keys (the server keeps keys new to it), and the
// import's history lines are stand-ins for the server's (pending). Alone, a restore keeps the
// backup's own keys (test/unit/import/backup-round-trip.test.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import { parseChangeArgs } from '../../../lib/model/sync-schema';
import { updateSettings } from '../../../lib/ops';
import { applyImport } from '../../../lib/ops/import';
import { jsonFile } from '../import/helpers';
import { resetDb, T0 } from '../ops/helpers';
import { connectTestTeam } from './team-fixture';

const ORG = 'ORG-7K2M9QXA';
const BACKUP = JSON.stringify({
  format: 'agency-desk-backup',
  version: 1,
  exportedAt: '2026-01-14T09:00:00.000Z',
  settings: {
    agencyName: 'Northwind',
    poolSize: 50,
    reminderDays: [30, 7, 1],
    billingDay: 1,
    timeZone: 'UTC',
    language: 'en',
    usageWarningLevels: [80, 90],
  },
  clients: [
    {
      orgId: ORG,
      name: 'Acme',
      contact: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
      status: 'active',
      quota: 10,
      usedVisitors: 2,
      usagePeriod: '2026-01-01',
      createdAt: 1,
      updatedAt: 2,
    },
  ],
  experiments: [
    { key: 'v8-experiment-1', orgId: ORG, name: 'Hero test', status: 'draft', createdAt: 1, updatedAt: 2 },
    // A backup made before version 8: no key.
    { orgId: ORG, name: 'Banner test', status: 'draft', createdAt: 1, updatedAt: 2 },
  ],
  members: [{ key: 'v8-member-1', orgId: ORG, name: 'Bo', email: 'bo@example.com', role: 'admin', createdAt: 1 }],
  usageSourceTokenSaved: false,
});
const CHOICES = { existing: 'update', restoreSettings: false } as const;

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 100, timeZone: 'UTC', billingDay: 1 }, { now: T0 });
});

describe('a restore on a shared roster', () => {
  it('gives every record a fresh key, and the queued change carries the same keys', async () => {
    await connectTestTeam('manager');
    await applyImport(jsonFile(BACKUP), CHOICES, { now: T0 + 1 });

    const experiments = await db.experiments.where('orgId').equals(ORG).sortBy('name');
    const members = await db.members.where('orgId').equals(ORG).toArray();
    const localKeys = [...experiments, ...members].map((record) => record.key);
    expect(localKeys).not.toContain('v8-experiment-1');
    expect(localKeys).not.toContain('v8-member-1');
    for (const key of localKeys) expect(key).toMatch(/^[xm]-[A-Za-z0-9_-]{8,}$/);

    const queued = await db.outbox.toArray();
    expect(queued.map((change) => change.name)).toEqual(['roster.import']);
    const args = parseChangeArgs('roster.import', JSON.parse(JSON.stringify(queued[0]?.args)));
    if (args.prepared.kind !== 'backup') throw new Error('a backup was imported');
    const sentKeys = [...args.prepared.experiments, ...args.prepared.members].map(({ record }) => record.key);
    expect(new Set(sentKeys)).toEqual(new Set(localKeys));
  });

  it("writes the import's history lines as pending, for the server's copies to replace", async () => {
    await connectTestTeam('manager');
    await applyImport(jsonFile(BACKUP), CHOICES, { now: T0 + 1 });
    const lines = await db.activity
      .where('at')
      .equals(T0 + 1)
      .toArray();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => line.pending === 1)).toBe(true);
  });

  it('alone, keeps the keys the backup gave, and makes one for a record without', async () => {
    await applyImport(jsonFile(BACKUP), CHOICES, { now: T0 + 1 });
    const experiments = await db.experiments.where('orgId').equals(ORG).sortBy('name');
    expect(experiments.map((experiment) => experiment.name)).toEqual(['Banner test', 'Hero test']);
    expect(experiments[1]?.key).toBe('v8-experiment-1');
    expect(experiments[0]?.key).toMatch(/^x-/);
    expect((await db.members.where('orgId').equals(ORG).first())?.key).toBe('v8-member-1');
    expect(await db.outbox.count()).toBe(0);
    expect(await db.activity.where('pending').equals(1).count()).toBe(0);
  });
});
