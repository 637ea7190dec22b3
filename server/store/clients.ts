/** Reads and writes of clients; each runs in the caller's change transaction. */
import type { Client } from '../../lib/model/client';
import { AppError } from '../../lib/model/errors';
import { normalizeOrgId } from '../../lib/model/ids';
import { billingPeriodStart } from '../../lib/rules/billing';
import type { ChangeContext } from '../changes/context';
import { putClients } from './client-rows';

type Ctx = Pick<ChangeContext, 'tx' | 'agencyId'>;

export type ClientRow = { client: Client; deleted?: undefined } | { client?: undefined; deleted: 'deleted' | 'purged' };

export async function findClient(ctx: Ctx, rawOrgId: string): Promise<ClientRow | undefined> {
  const { rows } = await ctx.tx.query<{ data: Client | null; deleted: 'deleted' | 'purged' | null }>(
    'SELECT data, deleted FROM clients WHERE agency_id = $1 AND org_id = $2',
    [ctx.agencyId, normalizeOrgId(rawOrgId)],
  );
  const row = rows[0];
  if (!row) return undefined;
  if (row.deleted !== null || row.data === null) return { deleted: row.deleted ?? 'deleted' };
  return { client: row.data };
}

/**
 * The client, or the refusal the extension gives (unknown Org ID) and one it cannot give
 * alone: another member deleted it. An Org ID of another agency is unknown here.
 */
export async function requireClient(ctx: Ctx, rawOrgId: string): Promise<Client> {
  const orgId = normalizeOrgId(rawOrgId);
  const row = await findClient(ctx, orgId);
  if (!row) throw new AppError('not_found', 'error_clientNotFound', { orgId });
  if (row.deleted !== undefined) throw new AppError('rule', 'error_clientDeleted', { orgId });
  return row.client;
}

/** The client, for a write: refused while it has revoked the agency's access (lib/ops/org-access.ts). */
export async function requireWritableClient(ctx: Ctx, rawOrgId: string): Promise<Client> {
  const client = await requireClient(ctx, rawOrgId);
  if (client.revokedAt !== undefined) throw new AppError('rule', 'revoked_readOnly');
  return client;
}

/**
 * Stores a client as the extension does (updatedAt now; a client without a usage period counts
 * its usage in the period of now), with the columns the server queries by and this change's version.
 */
export async function putClient(ctx: ChangeContext, input: Client): Promise<Client> {
  const usagePeriod = input.usagePeriod ?? billingPeriodStart(ctx.now, ctx.settings.billingDay, ctx.settings.timeZone);
  const client: Client = { ...input, usagePeriod, updatedAt: ctx.now };
  await putClients(ctx, [client]);
  return client;
}

/**
 * Deletes or purges a client: its org records, usage and reminders go, and its row stays as a
 * tombstone (no status, no record, no licences) so that every browser's next pull removes it.
 * Its Org ID stays issued. Its history stays (Org IDs and numbers only), but for the reasons
 * people typed for usage corrections, which are free text (lib/ops/store.ts does the same).
 */
export async function tombstoneClient(ctx: ChangeContext, orgId: string, kind: 'deleted' | 'purged'): Promise<void> {
  const args = [ctx.agencyId, orgId];
  for (const table of ['experiments', 'org_members', 'usage_reports', 'usage_samples', 'reminders'])
    await ctx.tx.query(`DELETE FROM ${table} WHERE agency_id = $1 AND org_id = $2`, args);
  await ctx.tx.query(
    `UPDATE clients SET status = NULL, quota = 0, used_visitors = 0, usage_period = NULL, purge_on = NULL,
       data = NULL, deleted = $3, version = $4 WHERE agency_id = $1 AND org_id = $2`,
    [...args, kind, ctx.version],
  );
  await ctx.tx.query(
    `UPDATE activity SET entry = entry #- '{details,reason}', version = $3
     WHERE agency_id = $1 AND entry->>'orgId' = $2 AND entry->'details' ? 'reason'`,
    [...args, ctx.version],
  );
}
