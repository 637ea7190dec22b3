/**
 * A client that revoked the agency's access: the record says when, with the agency's note,
 * until access is granted again. Kept by the extension's operations and the sync server alike.
 */
import type { Client } from '../model/client';
import type { RuleResult } from './quota';

export function checkCanRecordRevoked(client: Pick<Client, 'revokedAt'>): RuleResult {
  if (client.revokedAt !== undefined) return { ok: false, key: 'revoked_alreadyRevoked', params: {} };
  return { ok: true };
}

export function checkCanRestoreAccess(client: Pick<Client, 'revokedAt'>): RuleResult {
  if (client.revokedAt === undefined) return { ok: false, key: 'revoked_notRevoked', params: {} };
  return { ok: true };
}

/** The client as revoked at `now`; a note from an earlier revocation never carries over. */
export function withRevokedAccess<C extends Client>(client: C, now: number, note: string | undefined): C {
  const next = { ...client, revokedAt: now };
  delete next.revokeNote;
  if (note !== undefined) next.revokeNote = note;
  return next;
}

/** The client with access granted again: neither when it was revoked nor the note stays. */
export function withAccessRestored<C extends Client>(client: C): C {
  const next = { ...client };
  delete next.revokedAt;
  delete next.revokeNote;
  return next;
}
