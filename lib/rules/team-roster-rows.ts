/** Pulled rows read together (a whole roster over several pages): pure helpers the sync and its check share. */
import type { PulledRow } from '../model/sync-pull';

function rowId(row: PulledRow): string {
  return `${row.entity}\u0000${row.orgId ?? ''}\u0000${row.key ?? ''}`;
}

/**
 * Each record once, as its latest row: a record changed while the pages were read comes in an
 * early page and again, newer, in a later one. Kept in the order the rows came.
 */
export function latestRows(rows: readonly PulledRow[]): PulledRow[] {
  const latest = new Map<string, PulledRow>();
  for (const row of rows) {
    const id = rowId(row);
    const known = latest.get(id);
    if (known === undefined || known.version <= row.version) {
      latest.delete(id);
      latest.set(id, row);
    }
  }
  return [...latest.values()];
}

/** The clients a whole roster's rows hold (tombstones are deleted or purged clients). */
export function liveClientCount(rows: readonly PulledRow[]): number {
  return latestRows(rows).filter((row) => row.entity === 'client' && !row.deleted).length;
}
