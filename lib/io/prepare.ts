import type { PreparedImport } from '../model/import';
import { readBackup } from './backup-json';
import { readClientsCsv } from './clients-csv';
import { decodeImportText, importFileKind } from './text';

/**
 * Reads an import file, a backup or a CSV of clients, and checks everything that needs only
 * the file. Throws an AppError for a file that cannot be read at all.
 */
export function prepareImport(name: string, bytes: Uint8Array): PreparedImport {
  const text = decodeImportText(bytes);
  return importFileKind(name, text) === 'json' ? readBackup(text) : readClientsCsv(text);
}
