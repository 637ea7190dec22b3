// Every bad row of a CSV is reported with its line, its column and a reason in both languages.
import { describe, expect, it } from 'vitest';
import { clientsToCsv, readClientsCsv } from '../../../lib/io/clients-csv';
import { parseCsv } from '../../../lib/io/csv';
import { t } from '../../../lib/i18n';
import type { Client } from '../../../lib/model/client';
import { CLIENT_CSV_COLUMNS, type ImportProblem } from '../../../lib/model/import';
import type { MessageKey } from '../../../lib/model/messages';
import { expectKeyInCatalogues } from '../ops/helpers';

const HEADER = CLIENT_CSV_COLUMNS.join(',');

/** A full row in column order; `cells` replace single columns. */
function row(cells: Partial<Record<(typeof CLIENT_CSV_COLUMNS)[number], string>> = {}): string {
  const base: Record<string, string> = {
    org_id: '',
    name: 'Acme',
    contact_first_name: 'Ada',
    contact_last_name: 'Lovelace',
    contact_email: 'ada@example.com',
    quota: '100',
    ...cells,
  };
  return CLIENT_CSV_COLUMNS.map((column) => base[column] ?? '').join(',');
}

const brief = (problem: ImportProblem) => ({
  line: problem.where.kind === 'line' ? problem.where.line : undefined,
  field: problem.field,
  key: problem.key,
});

describe('reading a CSV of clients', () => {
  it('reports every bad row with its line, column and reason, and keeps the good rows', () => {
    const text = [
      HEADER,
      row(),
      row({ name: '' }),
      row({ contact_email: 'not-an-email', quota: 'lots' }),
      // 0 is read (an inactive client holds no licenses); whether a client may have it is the import plan's to say.
      row({ quota: '-1' }),
      row({ quota: '12.5' }),
      row({ used_visitors: '-3' }),
      row({ org_id: 'ORG-123' }),
      row({ org_id: 'org-7k2m9qxd' }),
      row({ org_id: 'ORG-7K2M9QXD' }),
      row({ domain: 'not a domain', workspace_url: 'javascript:alert(1)' }),
      'Too,few,values',
      row({ name: 'x'.repeat(121) }),
    ].join('\r\n');
    const prepared = readClientsCsv(text);
    expect(prepared.rowCount).toBe(12);
    expect(prepared.rows.map((good) => good.line)).toEqual([2, 9]);
    expect(prepared.rows[1]?.orgId).toBe('ORG-7K2M9QXD');
    expect(prepared.problems.map(brief)).toEqual([
      { line: 3, field: 'name', key: 'error_required' },
      { line: 4, field: 'contact_email', key: 'error_emailInvalid' },
      { line: 4, field: 'quota', key: 'error_notWholeNumber' },
      { line: 5, field: 'quota', key: 'error_tooSmall' },
      { line: 6, field: 'quota', key: 'error_notWholeNumber' },
      { line: 7, field: 'used_visitors', key: 'error_tooSmall' },
      { line: 8, field: 'org_id', key: 'error_orgIdInvalid' },
      { line: 10, field: 'org_id', key: 'import_orgIdRepeated' },
      { line: 11, field: 'domain', key: 'error_domainInvalid' },
      { line: 11, field: 'workspace_url', key: 'error_urlNotHttp' },
      { line: 12, field: '', key: 'import_rowValueCount' },
      { line: 13, field: 'name', key: 'error_tooLong' },
    ]);
    for (const problem of prepared.problems) {
      expectKeyInCatalogues(problem.key);
      if (problem.labelKey) expectKeyInCatalogues(problem.labelKey);
    }
    const repeated = prepared.problems.find((problem) => problem.key === 'import_orgIdRepeated');
    expect(repeated && t(repeated.key, repeated.params, 'en')).toContain('line 9');
    const count = prepared.problems.find((problem) => problem.key === 'import_rowValueCount');
    expect(count && t(count.key, count.params, 'en')).toBe(
      'This row has 3 values, but the header has 17 columns. Look for a missing or extra comma.',
    );
    const email = prepared.problems.find((problem) => problem.field === 'contact_email');
    expect(email && t(email.key, { field: t(email.labelKey as MessageKey, {}, 'ja') }, 'ja')).toContain('連絡先メール');
  });

  it('counts lines of the file, not records, when a quoted value spans lines', () => {
    const text = [HEADER, row({ street: '"1 Main St\nSuite 2"' }), row({ name: '' })].join('\n');
    const prepared = readClientsCsv(text);
    expect(prepared.rows[0]?.details.address?.street).toBe('1 Main St\nSuite 2');
    expect(prepared.problems.map(brief)).toEqual([{ line: 4, field: 'name', key: 'error_required' }]);
  });

  it('accepts columns in any order and case, and only the required ones', () => {
    const prepared = readClientsCsv(
      'QUOTA, Contact_Email ,name,contact_last_name,contact_first_name\n5,ada@example.com,Acme,Lovelace,Ada\n',
    );
    expect(prepared.problems).toEqual([]);
    expect(prepared.rows[0]).toMatchObject({
      quota: 5,
      details: { name: 'Acme', contact: { email: 'ada@example.com' } },
    });
    expect(prepared.rows[0]?.columns).toEqual([
      'quota',
      'contact_email',
      'name',
      'contact_last_name',
      'contact_first_name',
    ]);
  });

  it('reads the status of a row, and refuses one it does not know, naming the column', () => {
    const prepared = readClientsCsv(
      `${HEADER}\n${row({ status: ' Inactive ' })}\n${row({ status: 'gone' })}\n${row()}\n`,
    );
    expect(prepared.rows.map((good) => [good.line, good.status])).toEqual([
      [2, 'inactive'],
      [4, undefined],
    ]);
    expect(prepared.problems.map(brief)).toEqual([{ line: 3, field: 'status', key: 'error_invalidChoice' }]);
    expect(prepared.problems[0]?.labelKey).toBe('import_column_status');
  });

  it('reads numbers with thousands separators and full-width digits', () => {
    const prepared = readClientsCsv(`${HEADER}\n${row({ quota: '"1,500"', used_visitors: '１２' })}\n`);
    expect(prepared.rows[0]).toMatchObject({ quota: 1500, usedVisitors: 12 });
  });
});

describe('writing clients as CSV', () => {
  const client: Client = {
    orgId: 'ORG-7K2M9QXD',
    name: '=HYPERLINK("http://evil.example","Click")',
    contact: { firstName: '花子', lastName: '山田, Jr.', email: 'hanako@example.com' },
    company: '"Quoted" Co.',
    industry: 'travel',
    address: { street: '1 Main St\nSuite 2', city: 'Kyoto', country: '日本' },
    domain: 'example.com',
    workspaceUrl: 'https://app.example.com/o/1',
    status: 'paused',
    quota: 10,
    usedVisitors: 10,
    createdAt: 0,
    updatedAt: 0,
  };

  it('starts with a byte order mark and the header, and guards cells that look like formulas', () => {
    const csv = clientsToCsv([client]);
    expect(csv.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    const parsed = parseCsv(csv);
    expect(parsed.ok && parsed.records[1]?.fields[1]).toBe('\'=HYPERLINK("http://evil.example","Click")');
    expect(parsed.ok && parsed.records[1]?.fields.at(-1)).toBe('paused');
  });

  it('reads back what it wrote', () => {
    const prepared = readClientsCsv(clientsToCsv([client]));
    expect(prepared.problems).toEqual([]);
    expect(prepared.rows[0]).toMatchObject({
      orgId: client.orgId,
      quota: 10,
      usedVisitors: 10,
      details: {
        name: client.name,
        contact: client.contact,
        company: client.company,
        industry: client.industry,
        address: { ...client.address, region: undefined, postalCode: undefined },
        domain: client.domain,
        workspaceUrl: client.workspaceUrl,
      },
    });
  });

  it('reads back an inactive client, which holds no licenses, with its status', () => {
    const inactive: Client = {
      ...client,
      orgId: 'ORG-8M3N0RYE',
      status: 'inactive',
      quota: 0,
      usedVisitors: 0,
      purgeOn: '2026-04-15',
    };
    const prepared = readClientsCsv(clientsToCsv([client, inactive]));
    expect(prepared.problems).toEqual([]);
    expect(
      prepared.rows.map(({ orgId, status, quota, usedVisitors }) => ({ orgId, status, quota, usedVisitors })),
    ).toEqual([
      { orgId: client.orgId, status: 'paused', quota: 10, usedVisitors: 10 },
      { orgId: inactive.orgId, status: 'inactive', quota: 0, usedVisitors: 0 },
    ]);
  });
});
