/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a
 * formula, so an exported name like "=HYPERLINK(...)" could act when the file is opened.
 * Export puts a single quote in front of such cells; import takes exactly that quote away.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Quotes before a formula start: one from the guard, any more were in the value itself. */
const GUARDED = /^'+[=+\-@\t\r]/;

function isGuarded(value: string): boolean {
  return GUARDED.test(value);
}

export function guardCell(value: string): string {
  // A value that already looks guarded gets a second quote, so that import gives it back unchanged.
  return FORMULA_START.test(value) || isGuarded(value) ? `'${value}` : value;
}

export function unguardCell(value: string): string {
  return isGuarded(value) ? value.slice(1) : value;
}
