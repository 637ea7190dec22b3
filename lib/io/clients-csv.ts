import { type Client, CLIENT_STATUSES, type ClientStatus } from '../model/client';
import { clientDetailsSchema } from '../model/client-schema';
import { AppError, isAppError } from '../model/errors';
import { licenseCount } from '../model/fields';
import { normalizeOrgId, ORG_ID_PATTERN } from '../model/ids';
import {
  CLIENT_CSV_COLUMNS,
  type ClientCsvColumn,
  type CsvClientRow,
  type ImportProblem,
  type PreparedCsv,
  REQUIRED_CSV_COLUMNS,
} from '../model/import';
import type { MessageKey } from '../model/messages';
import { parseOrThrow } from '../model/validate';
import { repeatedCsvOrgId } from '../rules/import-file-checks';
import { z } from '../model/zod';
import { parseCsv, serializeCsv } from './csv';
import { guardCell, unguardCell } from './formula-guard';
import { wholeNumberFromText } from './whole-number';

/** The name of each column in the user's language, for messages about its cells. */
export const CSV_COLUMN_LABELS: Record<ClientCsvColumn, MessageKey> = {
  org_id: 'import_column_orgId',
  name: 'field_client_name',
  contact_first_name: 'field_client_contact_firstName',
  contact_last_name: 'field_client_contact_lastName',
  contact_email: 'field_client_contact_email',
  company: 'field_client_company',
  industry: 'field_client_industry',
  domain: 'field_client_domain',
  street: 'field_client_address_street',
  city: 'field_client_address_city',
  region: 'field_client_address_region',
  postal_code: 'field_client_address_postalCode',
  country: 'field_client_address_country',
  workspace_url: 'field_client_workspaceUrl',
  quota: 'field_client_quota',
  used_visitors: 'import_column_usedVisitors',
  status: 'import_column_status',
};

/** Where each field of the model sits in the file, so that a problem names the column. */
const COLUMN_OF_FIELD: Record<string, ClientCsvColumn> = {
  name: 'name',
  'contact.firstName': 'contact_first_name',
  'contact.lastName': 'contact_last_name',
  'contact.email': 'contact_email',
  company: 'company',
  industry: 'industry',
  domain: 'domain',
  'address.street': 'street',
  'address.city': 'city',
  'address.region': 'region',
  'address.postalCode': 'postal_code',
  'address.country': 'country',
  workspaceUrl: 'workspace_url',
  quota: 'quota',
  usedVisitors: 'used_visitors',
};

function cellsOf(client: Client): Record<ClientCsvColumn, string> {
  return {
    org_id: client.orgId,
    name: client.name,
    contact_first_name: client.contact.firstName,
    contact_last_name: client.contact.lastName,
    contact_email: client.contact.email,
    company: client.company ?? '',
    industry: client.industry ?? '',
    domain: client.domain ?? '',
    street: client.address?.street ?? '',
    city: client.address?.city ?? '',
    region: client.address?.region ?? '',
    postal_code: client.address?.postalCode ?? '',
    country: client.address?.country ?? '',
    workspace_url: client.workspaceUrl ?? '',
    quota: String(client.quota),
    used_visitors: String(client.usedVisitors),
    status: client.status,
  };
}

/**
 * The clients as CSV: a header row of column ids, then one row per client. It starts with a
 * byte order mark so that Excel reads Japanese names as UTF-8.
 */
export function clientsToCsv(clients: readonly Client[]): string {
  const rows = clients.map((client) => {
    const cells = cellsOf(client);
    return CLIENT_CSV_COLUMNS.map((column) => guardCell(cells[column]));
  });
  return `\uFEFF${serializeCsv([[...CLIENT_CSV_COLUMNS], ...rows])}`;
}

/** An inactive client holds only what it used, often nothing: the least quota a client needs is the import plan's to check. */
const numbersSchema = z.object({
  quota: z.optional(licenseCount(0)),
  usedVisitors: z.optional(licenseCount(0)),
});

function isColumn(name: string): name is ClientCsvColumn {
  return (CLIENT_CSV_COLUMNS as readonly string[]).includes(name);
}

/** The header's columns; missing ones are named first, as a file without them is likely not a client list at all. */
function headerColumns(header: string[]): ClientCsvColumn[] {
  const names = header.map((name) => name.trim().toLowerCase());
  const columns = names.filter(isColumn);
  const missing = REQUIRED_CSV_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) throw new AppError('validation', 'import_csvMissingColumns', { columns: missing });
  const unknown = names.filter((name) => !isColumn(name));
  if (unknown.length > 0)
    throw new AppError('validation', 'import_csvUnknownColumns', { columns: unknown.map((name) => name || '""') });
  const repeated = columns.filter((column, index) => columns.indexOf(column) !== index);
  if (repeated.length > 0)
    throw new AppError('validation', 'import_csvRepeatedColumns', { columns: [...new Set(repeated)] });
  return columns;
}

/** The problems of a refused parse, each moved onto its CSV column and line. */
function problemsAt(line: number, error: unknown): ImportProblem[] {
  if (!isAppError(error)) throw error;
  return error.problems.map((problem) => {
    const column = COLUMN_OF_FIELD[problem.field];
    return {
      where: { kind: 'line', line },
      field: column ?? problem.field,
      labelKey: column ? CSV_COLUMN_LABELS[column] : problem.labelKey,
      key: problem.key,
      params: problem.params,
    };
  });
}

function optional(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function isStatus(value: string): value is ClientStatus {
  return (CLIENT_STATUSES as readonly string[]).includes(value);
}

/**
 * Reads a CSV of clients and checks every row on its own: the header, the number of values,
 * each field against the client schema, and Org IDs (well-formed, none twice). Problems of
 * the file as a whole throw; problems of rows are collected with their line and column.
 */
export function readClientsCsv(text: string): PreparedCsv {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new AppError('validation', 'import_csvDamaged', { line: parsed.line });
  const [header, ...records] = parsed.records;
  if (!header) throw new AppError('validation', 'import_fileEmpty');
  const columns = headerColumns(header.fields);
  if (records.length === 0) throw new AppError('validation', 'import_csvNoRows');

  const rows: CsvClientRow[] = [];
  const problems: ImportProblem[] = [];
  const lineOfOrgId = new Map<string, number>();

  for (const { line, fields } of records) {
    if (fields.length !== columns.length) {
      problems.push({
        where: { kind: 'line', line },
        field: '',
        key: 'import_rowValueCount',
        params: { found: fields.length, expected: columns.length },
      });
      continue;
    }
    const cell: Partial<Record<ClientCsvColumn, string>> = {};
    columns.forEach((column, index) => {
      cell[column] = unguardCell(fields[index] ?? '');
    });
    const rowProblems: ImportProblem[] = [];

    let orgId: string | undefined;
    const rawOrgId = optional(cell.org_id);
    if (rawOrgId !== undefined) {
      orgId = normalizeOrgId(rawOrgId);
      if (!ORG_ID_PATTERN.test(orgId)) {
        rowProblems.push({
          where: { kind: 'line', line },
          field: 'org_id',
          labelKey: CSV_COLUMN_LABELS.org_id,
          key: 'error_orgIdInvalid',
          params: {},
        });
      } else {
        const repeated = repeatedCsvOrgId(lineOfOrgId, orgId, line);
        if (repeated) rowProblems.push(repeated);
      }
    }

    let status: ClientStatus | undefined;
    const rawStatus = optional(cell.status)?.trim().toLowerCase();
    if (rawStatus !== undefined) {
      if (isStatus(rawStatus)) status = rawStatus;
      else
        rowProblems.push({
          where: { kind: 'line', line },
          field: 'status',
          labelKey: CSV_COLUMN_LABELS.status,
          key: 'error_invalidChoice',
          params: {},
        });
    }

    const address = {
      street: optional(cell.street),
      city: optional(cell.city),
      region: optional(cell.region),
      postalCode: optional(cell.postal_code),
      country: optional(cell.country),
    };
    const hasAddress = Object.values(address).some((value) => value !== undefined);
    let details: CsvClientRow['details'] | undefined;
    try {
      details = parseOrThrow(
        clientDetailsSchema,
        {
          name: cell.name ?? '',
          contact: {
            firstName: cell.contact_first_name ?? '',
            lastName: cell.contact_last_name ?? '',
            email: cell.contact_email ?? '',
          },
          company: optional(cell.company),
          industry: optional(cell.industry),
          address: hasAddress ? address : undefined,
          domain: optional(cell.domain),
          workspaceUrl: optional(cell.workspace_url),
        },
        'client',
      );
    } catch (error) {
      rowProblems.push(...problemsAt(line, error));
    }

    let numbers: z.infer<typeof numbersSchema> = {};
    try {
      numbers = parseOrThrow(
        numbersSchema,
        { quota: wholeNumberFromText(cell.quota ?? ''), usedVisitors: wholeNumberFromText(cell.used_visitors ?? '') },
        'client',
      );
    } catch (error) {
      rowProblems.push(...problemsAt(line, error));
    }

    if (rowProblems.length > 0 || !details) {
      problems.push(...rowProblems);
      continue;
    }
    rows.push({
      line,
      ...(orgId !== undefined && { orgId }),
      details,
      columns,
      ...(status !== undefined && { status }),
      ...(numbers.quota !== undefined && { quota: numbers.quota }),
      ...(numbers.usedVisitors !== undefined && { usedVisitors: numbers.usedVisitors }),
    });
  }
  return { kind: 'csv', rows, rowCount: records.length, problems };
}
