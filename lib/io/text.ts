import { AppError } from '../model/errors';

/** Files above this are refused before they are read: a roster of 10,000 clients is about 2 MB. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export function checkImportSize(bytes: number): void {
  if (bytes > MAX_IMPORT_BYTES)
    throw new AppError('validation', 'import_fileTooLarge', { max: MAX_IMPORT_BYTES / (1024 * 1024) });
}

/**
 * The text of an import file. Only UTF-8 is read (with or without a byte order mark): a
 * file in Shift_JIS or UTF-16 is refused with a message, never read as garbled names.
 */
export function decodeImportText(bytes: Uint8Array): string {
  checkImportSize(bytes.byteLength);
  let text: string;
  try {
    // ignoreBOM: false drops a leading BOM, the way Excel's "CSV UTF-8" writes one.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError('validation', 'import_fileNotUtf8');
  }
  if (text.includes('\u0000')) throw new AppError('validation', 'import_fileNotText');
  if (text.trim() === '') throw new AppError('validation', 'import_fileEmpty');
  return text;
}

export type ImportFileKind = 'json' | 'csv';

/** Whether the whole text is JSON; a CSV fails at its first cell, so this costs next to nothing for one. */
function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A backup is JSON; anything else is read as CSV. The content decides, never the name, so a
 * renamed file still reads: a CSV saved as .json is a CSV, and a backup saved as .csv a backup.
 * A text that starts like an object or array is JSON even when damaged, so that it is called so.
 */
export function importFileKind(text: string): ImportFileKind {
  return /^\s*[[{]/.test(text) || isJson(text) ? 'json' : 'csv';
}
