/** A client that revoked the agency's access, and access granted again: lib/ops/revoked.ts on the server. */
import type { ChangeArgs } from '../../lib/model/sync-schema';
import {
  checkCanRecordRevoked,
  checkCanRestoreAccess,
  withAccessRestored,
  withRevokedAccess,
} from '../../lib/rules/revoked-access';
import { log } from '../store/activity';
import { putClient, requireClient } from '../store/clients';
import type { ChangeContext } from './context';
import { refuseUnless } from './refuse';

/** From now on the client is read-only for every member's browser, until access is restored. */
export async function recordRevokedAccess(
  ctx: ChangeContext,
  { orgId, revoke }: ChangeArgs<'client.recordRevokedAccess'>,
) {
  const client = await requireClient(ctx, orgId);
  refuseUnless(checkCanRecordRevoked(client));
  await putClient(ctx, withRevokedAccess(client, ctx.now, revoke.note));
  await log(ctx, { action: 'access_revoked', orgId: client.orgId });
}

export async function restoreAccess(ctx: ChangeContext, { orgId }: ChangeArgs<'client.restoreAccess'>) {
  const client = await requireClient(ctx, orgId);
  refuseUnless(checkCanRestoreAccess(client));
  await putClient(ctx, withAccessRestored(client));
  await log(ctx, { action: 'access_restored', orgId: client.orgId });
}
