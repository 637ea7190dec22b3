import type { Client } from '../model/client';

/**
 * What the lifecycle dialogs tell people before they confirm, computed by the same rules the
 * operations apply, so that the preview and the outcome cannot disagree.
 */

/** Licenses that go back to the pool when a client goes inactive: those it has not used. */
export function licensesReturnedOnInactive(client: Pick<Client, 'quota' | 'usedVisitors'>): number {
  return Math.max(0, client.quota - client.usedVisitors);
}

/** The largest quota a reactivated client can get: what it still holds plus the free pool. */
export function maxReactivationQuota(client: Pick<Client, 'quota'>, free: number): number {
  return client.quota + Math.max(0, free);
}

/** The smallest quota a reactivated client can get: its usage, and at least one license. */
export function minReactivationQuota(client: Pick<Client, 'usedVisitors'>): number {
  return Math.max(1, client.usedVisitors);
}

/**
 * The quota offered on reactivation: the one the client had before it went inactive when
 * the pool can give it, else the most the pool can give.
 */
export function defaultReactivationQuota(
  client: Pick<Client, 'quota' | 'usedVisitors' | 'quotaBeforeInactive'>,
  free: number,
): number {
  const wanted = Math.max(client.quotaBeforeInactive ?? 0, minReactivationQuota(client));
  const most = maxReactivationQuota(client, free);
  // When even the usage does not fit, offer the usage and let the operation explain why not.
  return Math.max(Math.min(wanted, most), minReactivationQuota(client));
}
