/**
 * RFC 4180 CSV: fields separated by commas, quoted with double quotes, records by line breaks.
 * Papa Parse reads and writes the fields; this module adds what the app needs on top: the
 * file line of each record, a cut-off file named by its line, and mixed line breaks.
 * Only its string parser is used: no Worker, no streaming, and no eval or `new Function`
 * (which the extension's CSP forbids).
 */
import Papa from 'papaparse';

export interface CsvRecord {
  /** The file line on which the record starts (1-based); a quoted field may span several. */
  line: number;
  fields: string[];
}

export type CsvParseResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number };

/** CRLF, CR and LF all end a line; Papa Parse takes one kind per file, so they become LF first. */
const LINE_BREAK = /\r\n?/g;

function countLineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/**
 * Splits CSV text into records. Accepts CRLF, LF or CR line breaks (mixed, too) and a leading
 * byte order mark; a line break inside quotes is kept as LF whatever the file used. Skips rows
 * that are entirely empty (spreadsheets add them at the end). A quote left open at the end of
 * the text means the file was cut short, and text after a closing quote (`"a"b`) that it is
 * damaged: `ok: false` names the line where that quoted field began. White space between a
 * closing quote and the next comma or line break is dropped, as padding.
 */
export function parseCsv(input: string): CsvParseResult {
  const text = input.replace(LINE_BREAK, '\n');
  // The delimiter and line break are given, so that Papa Parse guesses neither. It takes one
  // leading byte order mark away itself (only one: a second is part of the first field).
  const result = Papa.parse<string[]>(text, {
    delimiter: ',',
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    skipEmptyLines: false,
  });
  // A quote that never closes (MissingQuotes), or a closing quote followed by more text
  // (InvalidQuotes). Papa Parse reads on past the latter by taking the rest of the text up
  // to a later quote into the field, which can swallow a quote that is left open further
  // down; both are reported as damage, at the line where the quoted field began.
  const damaged = result.errors.find((error) => error.type === 'Quotes');
  if (damaged) {
    const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
    // Its index, in the text without the byte order mark, is just past the opening quote.
    return { ok: false, line: 1 + countLineBreaks(body.slice(0, damaged.index ?? body.length)) };
  }
  const records: CsvRecord[] = [];
  let line = 1;
  for (const fields of result.data) {
    if (fields.some((value) => value !== '')) records.push({ line, fields });
    // A record takes its own line, and one more for each line break inside its quoted fields.
    line += 1 + fields.reduce((sum, value) => sum + countLineBreaks(value), 0);
  }
  return { ok: true, records };
}

const NEEDS_QUOTES = /[",\r\n]/;

function needsQuotes(value: unknown): boolean {
  return typeof value === 'string' && (NEEDS_QUOTES.test(value) || value !== value.trim());
}

/** Writes records as CSV with CRLF line breaks, quoting only the fields that need it. */
export function serializeCsv(rows: readonly (readonly string[])[]): string {
  // Papa Parse quotes a field with a comma, quote, line break or space at either end; the
  // function adds any other white space at either end (a tab, an ideographic space).
  return (
    Papa.unparse(
      rows.map((row) => [...row]),
      { delimiter: ',', newline: '\r\n', quotes: needsQuotes, escapeFormulae: false, header: false },
    ) + '\r\n'
  );
}
