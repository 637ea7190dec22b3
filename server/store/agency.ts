import type { Settings } from '../../lib/model/settings';
import { freeLicenses } from '../../lib/rules/pool';
import type { Tx } from '../db/pool';
import type { ChangeContext } from '../changes/context';

export interface LockedAgency {
  id: string;
  version: number;
  settings: Settings;
  poolSize: number;
  allocated: number;
}

/**
 * Locks the agency's row until the transaction ends: the writers of one agency go one at a
 * time (so versions commit in order), while other agencies never wait for it.
 */
export async function lockAgency(tx: Tx, agencyId: string): Promise<LockedAgency | undefined> {
  const { rows } = await tx.query<{
    id: string;
    version: number;
    settings: Settings;
    pool_size: number;
    allocated: number;
  }>('SELECT id, version, settings, pool_size, allocated FROM agencies WHERE id = $1 FOR UPDATE', [agencyId]);
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    version: row.version,
    settings: row.settings,
    poolSize: row.pool_size,
    allocated: row.allocated,
  };
}

/** Licences not held by any client, as the statement triggers keep the count (0003_pool-guard.sql). */
export async function loadFree(ctx: Pick<ChangeContext, 'tx' | 'agencyId'>): Promise<number> {
  const { rows } = await ctx.tx.query<{ pool_size: number; allocated: number }>(
    'SELECT pool_size, allocated FROM agencies WHERE id = $1',
    [ctx.agencyId],
  );
  const row = rows[0];
  return row ? freeLicenses(row.pool_size, row.allocated) : 0;
}

export async function loadAllocated(ctx: Pick<ChangeContext, 'tx' | 'agencyId'>): Promise<number> {
  const { rows } = await ctx.tx.query<{ allocated: number }>('SELECT allocated FROM agencies WHERE id = $1', [
    ctx.agencyId,
  ]);
  return rows[0]?.allocated ?? 0;
}

/** Stores the agency's settings (the pool size also in its own column, for the pool guard). */
export async function saveSettings(ctx: ChangeContext, settings: Settings): Promise<void> {
  await ctx.tx.query('UPDATE agencies SET settings = $2, pool_size = $3, settings_version = $4 WHERE id = $1', [
    ctx.agencyId,
    settings,
    settings.poolSize,
    ctx.version,
  ]);
  ctx.settings = settings;
}
