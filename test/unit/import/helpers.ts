/** Fixtures for the import tests: files as bytes, and the roster's tables without the log. */
import { db } from '../../../lib/db/database';
import { prepareImport } from '../../../lib/io/prepare';
import { CLIENT_CSV_COLUMNS } from '../../../lib/model/import';
import type { PreparedImport } from '../../../lib/model/import';

export const CSV_HEADER = CLIENT_CSV_COLUMNS.join(',');

export function csvFile(...rows: string[]): PreparedImport {
  return prepareImport(new TextEncoder().encode([CSV_HEADER, ...rows].join('\r\n')));
}

export function jsonFile(text: string): PreparedImport {
  return prepareImport(new TextEncoder().encode(text));
}

/** A CSV row in column order; `cells` replace single columns. */
export function csvRow(cells: Partial<Record<(typeof CLIENT_CSV_COLUMNS)[number], string | number>> = {}): string {
  const base: Record<string, string | number> = {
    org_id: '',
    name: 'Acme',
    contact_first_name: 'Ada',
    contact_last_name: 'Lovelace',
    contact_email: 'ada@example.com',
    quota: 100,
    ...cells,
  };
  return CLIENT_CSV_COLUMNS.map((column) => String(base[column] ?? '')).join(',');
}

/** The roster's data, everything but the activity log (which an import adds to, by design). */
export async function rosterTables(): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const table of db.tables) if (table.name !== 'activity') result[table.name] = await table.toArray();
  return result;
}
