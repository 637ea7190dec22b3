/**
 * The client this page has just created, so that its overview can greet it with its new
 * Org ID once. Kept in memory only: a reload shows the plain overview.
 */
let justCreated: string | null = null;

export function rememberCreated(orgId: string): void {
  justCreated = orgId;
}

/** True once for the client just created; forgets it after. */
export function takeJustCreated(orgId: string): boolean {
  if (justCreated !== orgId) return false;
  justCreated = null;
  return true;
}
