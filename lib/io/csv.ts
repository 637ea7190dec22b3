/** RFC 4180 CSV: fields separated by commas, quoted with double quotes, records by line breaks. */

export interface CsvRecord {
  /** The file line on which the record starts (1-based); a quoted field may span several. */
  line: number;
  fields: string[];
}

export type CsvParseResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number };

/**
 * Splits CSV text into records. Accepts CRLF, LF or CR line breaks and a leading byte
 * order mark; skips rows that are entirely empty (spreadsheets add them at the end). A quote
 * left open at the end of the text means the file was cut short: `ok: false` names the line
 * where that field began.
 */
export function parseCsv(input: string): CsvParseResult {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 1;
  let i = 0;

  const endRecord = () => {
    fields.push(field);
    if (fields.some((value) => value !== '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };

  while (i < text.length) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      if (char === '\r' || char === '\n') {
        // A line break inside quotes belongs to the field, written as LF whatever the file used.
        field += '\n';
        i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line += 1;
        continue;
      }
      field += char;
      i += 1;
      continue;
    }
    if (char === '"' && field === '') {
      quoted = true;
      quoteLine = line;
      i += 1;
      continue;
    }
    if (char === ',') {
      fields.push(field);
      field = '';
      i += 1;
      continue;
    }
    if (char === '\r' || char === '\n') {
      endRecord();
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    field += char;
    i += 1;
  }
  if (quoted) return { ok: false, line: quoteLine };
  if (field !== '' || fields.length > 0) endRecord();
  return { ok: true, records };
}

const NEEDS_QUOTES = /[",\r\n]/;

function quoteField(value: string): string {
  return NEEDS_QUOTES.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Writes records as CSV with CRLF line breaks, quoting only the fields that need it. */
export function serializeCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(quoteField).join(',')).join('\r\n') + '\r\n';
}
