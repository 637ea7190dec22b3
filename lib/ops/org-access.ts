/**
 * The two checks every write to a client's organization passes: may this actor do it (the
 * partner-permission table), and is the client still writable (not revoked). Both run inside
 * the caller's transaction, before anything is written.
 */
import type { StoredClient } from '../db/database';
import { AppError } from '../model/errors';
import { PARTNER } from '../model/partner';
import type { OrgActor } from '../model/partner';
import { checkOrgAction, type OrgAction } from '../rules/partner-permissions';
import type { OpContext } from './context';
import { requireClient } from './store';

/** Who acts on the org: the agency, unless the context says one of the client's roles. */
export function actorOf(context: OpContext | undefined): OrgActor {
  return context?.actingAs ?? PARTNER;
}

/** Refuses `action` unless the table lets the acting party (the agency, by default) do it. */
export function requireOrgAction(context: OpContext | undefined, action: OrgAction): void {
  const check = checkOrgAction(actorOf(context), action);
  if (!check.ok) throw new AppError('rule', check.key, check.params);
}

/**
 * The client, for a write: refused when the client revoked the agency's access, until access
 * is granted again (restoreAccess). Not found is answered as requireClient answers it.
 */
export async function requireWritableClient(orgId: string): Promise<StoredClient> {
  const client = await requireClient(orgId);
  if (client.revokedAt !== undefined) throw new AppError('rule', 'revoked_readOnly');
  return client;
}
