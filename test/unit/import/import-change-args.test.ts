// The sync change roster.import carries what the readers made of a file; the server parses it with the model's schemas.
import { describe, expect, it } from 'vitest';
import { type FieldProblem, isAppError } from '../../../lib/model/errors';
import { parseChangeArgs } from '../../../lib/model/sync-schema';
import { csvFile, csvRow, jsonFile } from './helpers';

const CHOICES = { existing: 'update', restoreSettings: true } as const;

const BACKUP = JSON.stringify({
  format: 'agency-desk-backup',
  version: 1,
  exportedAt: '2026-06-01T09:00:00.000Z',
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
      orgId: 'ORG-7K2M9QXA',
      name: 'Acme',
      contact: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
      status: 'active',
      quota: 10,
      usedVisitors: 2,
      usagePeriod: '2026-06-01',
      createdAt: 1,
      updatedAt: 2,
    },
  ],
  experiments: [{ orgId: 'ORG-7K2M9QXA', name: 'Hero test', status: 'running', createdAt: 1, updatedAt: 2 }],
  members: [{ orgId: 'ORG-7K2M9QXA', name: 'Bo', email: 'bo@example.com', role: 'admin', createdAt: 1 }],
  reports: [{ orgId: 'ORG-7K2M9QXA', period: '2026-05-01', visitors: 7, updatedAt: 3 }],
  usageSamples: [{ orgId: 'ORG-7K2M9QXA', day: '2026-06-01', period: '2026-06-01', used: 2 }],
  issuedOrgIds: [{ orgId: 'ORG-7K2M9QXB', issuedAt: 5 }],
  usageSourceTokenSaved: false,
});

/** As the push sends it: JSON, so that only what survives the wire is parsed. */
function overTheWire(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

function refusal(args: unknown): FieldProblem[] {
  try {
    parseChangeArgs('roster.import', args);
  } catch (error) {
    if (isAppError(error)) return [...error.problems];
    throw error;
  }
  return [];
}

function refusalFields(args: unknown): string[] {
  return refusal(args).map((problem) => problem.field);
}

describe('roster.import args', () => {
  it('reads back a prepared CSV and a prepared backup as the readers made them', () => {
    for (const prepared of [
      csvFile(csvRow(), csvRow({ org_id: 'ORG-7K2M9QXA', status: 'inactive' })),
      jsonFile(BACKUP),
    ]) {
      expect(prepared.problems).toEqual([]);
      const args = parseChangeArgs('roster.import', overTheWire({ prepared, choices: CHOICES }));
      expect(args).toEqual({ prepared, choices: CHOICES });
    }
  });

  it('refuses a field a reader would not have let through, naming it', () => {
    const prepared = overTheWire(csvFile(csvRow())) as { rows: Record<string, unknown>[] };
    const row = prepared.rows[0] ?? {};
    row.quota = -1;
    row.orgId = 'org-1';
    row.columns = ['name', 'favourite_colour'];
    expect(refusalFields({ prepared, choices: CHOICES })).toEqual(
      expect.arrayContaining(['prepared.rows.quota', 'prepared.rows.orgId', 'prepared.rows.columns']),
    );
  });

  it('refuses a backup record that breaks its schema, and a prepared file that still has problems', () => {
    const backup = overTheWire(jsonFile(BACKUP)) as {
      reports: { record: Record<string, unknown> }[];
      problems: unknown[];
    };
    const report = backup.reports[0];
    if (report) report.record.period = '2026-02-30';
    backup.problems = [{ where: { kind: 'file' }, field: '', key: 'import_poolTooSmall', params: {} }];
    expect(refusalFields({ prepared: backup, choices: CHOICES })).toEqual(
      expect.arrayContaining(['prepared.reports.record.period', 'prepared.problems']),
    );
  });

  it('refuses choices it does not know', () => {
    expect(
      refusalFields({ prepared: csvFile(csvRow()), choices: { existing: 'merge', restoreSettings: 'yes' } }),
    ).toEqual(expect.arrayContaining(['choices.existing', 'choices.restoreSettings']));
  });

  it('labels each problem by the part of the change it is in: the file or the choices', () => {
    const problems = refusal({ prepared: { kind: 'csv' }, choices: {} });
    expect(new Set(problems.map((problem) => problem.labelKey))).toEqual(
      new Set(['field_sync_prepared', 'field_sync_choices']),
    );
  });
});
