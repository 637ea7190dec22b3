/**
 * A client that revoked the agency's access: when, with the agency's note. Such a client is
 * read-only (lib/ops/org-access.ts requireWritableClient), its workspace cannot be opened
 * (lib/rules/workspace-url.ts), and it is listed apart until access is granted again.
 */
import { db } from '../db/database';
import type { Client, RevokeAccessInput } from '../model/client';
import { revokeAccessSchema } from '../model/client-schema';
import { AppError } from '../model/errors';
import { parseOrThrow } from '../model/validate';
import {
  checkCanRecordRevoked,
  checkCanRestoreAccess,
  withAccessRestored,
  withRevokedAccess,
} from '../rules/revoked-access';
import { type OpContext, readTransaction, resolve, writeTransaction } from './context';
import { log, putClient, requireClient } from './store';
import { queueChange, requireTeamChange } from './team-outbox';

/** Records that the client revoked the agency's access, now, with an optional note. */
export async function recordRevokedAccess(
  orgId: string,
  input: RevokeAccessInput,
  context?: OpContext,
): Promise<Client> {
  const ctx = resolve(context);
  const { note } = parseOrThrow(revokeAccessSchema, input, 'revoke');
  return writeTransaction(
    async () => {
      await requireTeamChange('client.recordRevokedAccess');
      const client = await requireClient(orgId);
      const check = checkCanRecordRevoked(client);
      if (!check.ok) throw new AppError('rule', check.key, check.params);
      const updated = await putClient(withRevokedAccess(client, ctx.now, note), ctx.now);
      await log(ctx, { action: 'access_revoked', orgId: client.orgId });
      await queueChange(
        'client.recordRevokedAccess',
        { orgId: client.orgId, revoke: { note } },
        { orgId: client.orgId, clientName: client.name },
        ctx.now,
      );
      return updated;
    },
    (client) => [client.orgId],
  );
}

/** The client granted access again: it is writable and can be opened once more. */
export async function restoreAccess(orgId: string, context?: OpContext): Promise<Client> {
  const ctx = resolve(context);
  return writeTransaction(
    async () => {
      await requireTeamChange('client.restoreAccess');
      const client = await requireClient(orgId);
      const check = checkCanRestoreAccess(client);
      if (!check.ok) throw new AppError('rule', check.key, check.params);
      const updated = await putClient(withAccessRestored(client), ctx.now);
      await log(ctx, { action: 'access_restored', orgId: client.orgId });
      await queueChange(
        'client.restoreAccess',
        { orgId: client.orgId },
        { orgId: client.orgId, clientName: client.name },
        ctx.now,
      );
      return updated;
    },
    (client) => [client.orgId],
  );
}

/** The clients that revoked the agency's access, the most recent first: the Revoked filter. */
export async function listRevokedClients(): Promise<Client[]> {
  return readTransaction(() => db.clients.orderBy('revokedAt').reverse().toArray());
}
