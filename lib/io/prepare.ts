import type { PreparedImport } from '../model/import';
import { readBackup } from './backup-json';
import { readClientsCsv } from './clients-csv';
import { decodeImportText, importFileKind } from './text';

/**
 * Reads an import file, a backup or a CSV of clients, and checks everything that needs only
 * the file. Which of the two it is, its content says, not its name. Throws an AppError for a
 * file that cannot be read at all.
 */
export function prepareImport(bytes: Uint8Array): PreparedImport {
  const text = decodeImportText(bytes);
  return importFileKind(text) === 'json' ? readBackup(text) : readClientsCsv(text);
}
