/**
 * Many rows in few statements: an import of 10,000 clients writes each table in chunks, each one
 * statement whose rows travel as one JSON parameter (jsonb_array_elements), instead of a query
 * per row. A chunk keeps each parameter a few hundred kilobytes.
 */
export const BULK_CHUNK = 2000;

/** Runs `write` on consecutive chunks of `rows`, one after another (they share one connection). */
export async function inChunks<T>(rows: readonly T[], write: (chunk: readonly T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += BULK_CHUNK) await write(rows.slice(start, start + BULK_CHUNK));
}

/** A chunk as the one parameter a bulk statement reads its rows from. */
export function asJsonRows(rows: readonly unknown[]): string {
  return JSON.stringify(rows);
}
