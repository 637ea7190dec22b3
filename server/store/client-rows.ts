/** Clients in bulk: many stored in few statements, as putClient stores one. */
import type { Client } from '../../lib/model/client';
import type { ChangeContext } from '../changes/context';
import { asJsonRows, inChunks } from './bulk';

/**
 * The live clients among `orgIds`, by Org ID (tombstones are left out: their IDs are retired).
 */
export async function loadClients(ctx: ChangeContext, orgIds: readonly string[]): Promise<Map<string, Client>> {
  const { rows } = await ctx.tx.query<{ data: Client }>(
    'SELECT data FROM clients WHERE agency_id = $1 AND org_id = ANY($2::text[]) AND deleted IS NULL',
    [ctx.agencyId, orgIds],
  );
  return new Map(rows.map(({ data }) => [data.orgId, data]));
}

/**
 * Stores clients as they are given (each with its usage period set), new ones and ones the
 * roster has alike (a tombstone comes back to life), with this change's version. The columns
 * the server queries by are read from each record in the statement itself, so they always
 * agree with it; the pool triggers count each chunk once.
 */
export async function putClients(ctx: ChangeContext, clients: readonly Client[]): Promise<void> {
  await inChunks(clients, (chunk) =>
    ctx.tx.query(
      `INSERT INTO clients (agency_id, org_id, status, quota, used_visitors, usage_period, purge_on, data, deleted, version)
       SELECT $1, c->>'orgId', c->>'status', (c->>'quota')::integer, (c->>'usedVisitors')::integer,
         (c->>'usagePeriod')::date, (c->>'purgeOn')::date, c, NULL, $2
       FROM jsonb_array_elements($3::jsonb) AS c
       ON CONFLICT (agency_id, org_id) DO UPDATE SET
         status = EXCLUDED.status, quota = EXCLUDED.quota, used_visitors = EXCLUDED.used_visitors,
         usage_period = EXCLUDED.usage_period, purge_on = EXCLUDED.purge_on, data = EXCLUDED.data,
         deleted = NULL, version = EXCLUDED.version`,
      [ctx.agencyId, ctx.version, asJsonRows(chunk)],
    ),
  );
}
