/** Creating, editing and reallocating clients: lib/ops/clients.ts and quota.ts, on the server. */
import { AppError } from '../../lib/model/errors';
import type { ChangeArgs } from '../../lib/model/sync-schema';
import { checkOrgAction } from '../../lib/rules/partner-permissions';
import { withClientDetails } from '../../lib/rules/client-details';
import { checkPoolHas, checkQuotaChange } from '../../lib/rules/quota';
import { PARTNER } from '../../lib/model/partner';
import { loadFree } from '../store/agency';
import { log } from '../store/activity';
import { findClient, putClient, requireWritableClient } from '../store/clients';
import { claimOrgIds } from '../store/org-ids';
import type { ChangeContext } from './context';
import { applyQuotaRule } from './quota-pause';

/** Refuses an org action the agency (as the client's partner admin) may not take. */
export function requireOrgAction(action: Parameters<typeof checkOrgAction>[1]): void {
  const check = checkOrgAction(PARTNER, action);
  if (!check.ok) throw new AppError('rule', check.key, check.params);
}

/**
 * Creates a client with the Org ID its browser generated, offline included, unless any agency
 * holds or held it: Org IDs are never reused.
 */
export async function createClient(ctx: ChangeContext, { orgId, client: details }: ChangeArgs<'client.create'>) {
  const room = checkPoolHas(details.quota, await loadFree(ctx));
  if (!room.ok)
    throw new AppError('rule', room.key, room.params, [
      { field: 'quota', labelKey: 'field_client_quota', key: room.key, params: room.params },
    ]);
  if (await findClient(ctx, orgId)) throw new AppError('conflict', 'error_orgIdTaken', { orgId });
  await claimOrgIds(ctx, [orgId]);
  await putClient(ctx, {
    ...details,
    orgId,
    status: 'active',
    usedVisitors: 0,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await log(ctx, { action: 'client_created', orgId, quotaDelta: details.quota, details: { quota: details.quota } });
}

/** Replaces a client's details; quota and status have their own changes. */
export async function updateClient(ctx: ChangeContext, { orgId, details }: ChangeArgs<'client.update'>) {
  requireOrgAction('client.edit');
  const current = await requireWritableClient(ctx, orgId);
  await putClient(ctx, withClientDetails(current, details));
  await log(ctx, { action: 'client_updated', orgId: current.orgId });
}

/** Sets a client's quota: an increase from the free pool, never below the visitors used. */
export async function reallocateQuota(ctx: ChangeContext, { orgId, quota }: ChangeArgs<'client.reallocate'>) {
  requireOrgAction('subscription.change');
  const client = await requireWritableClient(ctx, orgId);
  const check = checkQuotaChange(client, quota, await loadFree(ctx));
  if (!check.ok) throw new AppError('rule', check.key, check.params);
  const delta = quota - client.quota;
  if (delta === 0) return;
  const updated = await putClient(ctx, { ...client, quota });
  await log(ctx, {
    action: 'quota_changed',
    orgId: client.orgId,
    quotaDelta: delta,
    details: { quotaBefore: client.quota, quotaAfter: quota },
  });
  await applyQuotaRule(ctx, updated);
}
