/** Reads and writes of clients; each runs in the caller's change transaction. */
import type { Client } from '../../lib/model/client';
import { AppError } from '../../lib/model/errors';
import { normalizeOrgId } from '../../lib/model/ids';
import { billingPeriodStart } from '../../lib/rules/billing';
import type { ChangeContext } from '../changes/context';

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
  await ctx.tx.query(
    `INSERT INTO clients (agency_id, org_id, status, quota, used_visitors, usage_period, purge_on, data, deleted, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9)
     ON CONFLICT (agency_id, org_id) DO UPDATE SET
       status = EXCLUDED.status, quota = EXCLUDED.quota, used_visitors = EXCLUDED.used_visitors,
       usage_period = EXCLUDED.usage_period, purge_on = EXCLUDED.purge_on, data = EXCLUDED.data,
       deleted = NULL, version = EXCLUDED.version`,
    [
      ctx.agencyId,
      client.orgId,
      client.status,
      client.quota,
      client.usedVisitors,
      client.usagePeriod,
      client.purgeOn ?? null,
      client,
      ctx.version,
    ],
  );
  return client;
}

/**
 * Takes an Org ID for good: refused when any agency holds it or ever held it, since Org IDs
 * are never reused. The refusal does not say which agency has it.
 */
export async function claimOrgId(ctx: ChangeContext, orgId: string): Promise<void> {
  const { rowCount } = await ctx.tx.query(
    'INSERT INTO org_ids (org_id, agency_id, issued_at) VALUES ($1, $2, to_timestamp($3 / 1000.0)) ON CONFLICT DO NOTHING',
    [orgId, ctx.agencyId, ctx.now],
  );
  if (rowCount !== 1) throw new AppError('conflict', 'error_orgIdTaken', { orgId });
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
