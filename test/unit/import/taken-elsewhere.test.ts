// A shared roster's server knows the Org IDs of every agency: the plan never gives one of another agency away.
import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT } from '../../../lib/model/backup';
import { defaultSettings } from '../../../lib/model/settings';
import { type ImportState, planImport } from '../../../lib/rules/import-plan';
import { csvFile, csvRow, jsonFile } from './helpers';

const NOW = Date.UTC(2026, 5, 1, 9);
const UPDATE = { existing: 'update', restoreSettings: false } as const;
const ELSEWHERE = 'ORG-7K2M9QXA';

function state(takenElsewhere: string[]): ImportState {
  return {
    existing: new Map(),
    retired: new Set(),
    takenElsewhere: new Set(takenElsewhere),
    settings: { ...defaultSettings(), poolSize: 1000, timeZone: 'UTC' },
    allocated: 0,
  };
}

function backup(fields: Record<string, unknown> = {}, issuedOrgIds: unknown[] = []): string {
  return JSON.stringify({
    format: BACKUP_FORMAT,
    version: 1,
    exportedAt: new Date(NOW).toISOString(),
    settings: { ...defaultSettings(), timeZone: 'UTC' },
    clients: [
      {
        orgId: ELSEWHERE,
        name: 'Acme Outdoor',
        contact: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
        status: 'active',
        quota: 10,
        usedVisitors: 0,
        createdAt: NOW - 1000,
        updatedAt: NOW - 1000,
        ...fields,
      },
    ],
    issuedOrgIds,
  });
}

describe('an Org ID another agency holds or held', () => {
  it('refuses a CSV row that names it, and creates nothing for it', () => {
    const plan = planImport(csvFile(csvRow({ org_id: ELSEWHERE })), state([ELSEWHERE]), UPDATE, NOW);
    expect(plan.creates).toEqual([]);
    expect(plan.problems).toEqual([
      expect.objectContaining({
        where: { kind: 'line', line: 2 },
        key: 'import_orgIdTaken',
        params: { orgId: ELSEWHERE },
      }),
    ]);
  });

  it('refuses a backup client that has it, rather than bringing it back', () => {
    const plan = planImport(jsonFile(backup()), state([ELSEWHERE]), UPDATE, NOW);
    expect(plan.creates).toEqual([]);
    expect(plan.unretire).toEqual([]);
    expect(plan.problems).toEqual([
      expect.objectContaining({
        where: { kind: 'record', section: 'clients', index: 1 },
        key: 'import_orgIdTakenInBackup',
        params: { name: 'Acme Outdoor', orgId: ELSEWHERE },
      }),
    ]);
  });

  it('does not record it as this roster’s retired Org ID when a backup lists it', () => {
    const other = 'ORG-7K2M9QXB';
    const plan = planImport(
      jsonFile(backup({ orgId: other }, [{ orgId: ELSEWHERE, issuedAt: NOW - 5000 }])),
      state([ELSEWHERE]),
      UPDATE,
      NOW,
    );
    expect(plan.problems).toEqual([]);
    expect(plan.register).toEqual([]);
    expect(plan.creates.map((create) => create.orgId)).toEqual([other]);
  });
});

describe('dates in a backup that a database stores as dates', () => {
  it('refuses a client whose usage period or purge date is not a calendar date', () => {
    const prepared = jsonFile(backup({ usagePeriod: '2026-13-01' }));
    expect(prepared.problems).toEqual([
      expect.objectContaining({ where: { kind: 'record', section: 'clients', index: 1 }, field: 'usagePeriod' }),
    ]);
  });

  it('refuses an issued Org ID whose time is not an instant', () => {
    const prepared = jsonFile(backup({}, [{ orgId: 'ORG-7K2M9QXB', issuedAt: 1e300 }]));
    expect(prepared.problems).toEqual([
      expect.objectContaining({ where: { kind: 'record', section: 'issuedOrgIds', index: 1 }, field: 'issuedAt' }),
    ]);
  });
});
