/**
 * The name order every client list falls back on, and the one IndexedDB's nameKey index walks.
 * Its own module so that the switcher (popup) loads it without the dashboard's other orders.
 */

/** Plain code-unit order, the order in which IndexedDB walks a string index. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * By the folded name, then the Org ID, in code-unit order: the order of the nameKey index, so
 * that a page read through the index and one sorted in memory agree.
 */
export function compareByName(a: { nameKey: string; orgId: string }, b: { nameKey: string; orgId: string }): number {
  return byCodeUnits(a.nameKey, b.nameKey) || byCodeUnits(a.orgId, b.orgId);
}
