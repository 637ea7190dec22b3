import type { ActivityEntry, Actor } from '../model/activity';
import type { Client } from '../model/client';
import type { MessageKey, MessageParams } from '../model/messages';

export type RuleResult = { ok: true } | { ok: false; key: MessageKey; params: MessageParams };

const OK: RuleResult = { ok: true };

/** A client is at 100% of its quota once its usage reaches it. */
export function isAtQuota(client: Pick<Client, 'usedVisitors' | 'quota'>): boolean {
  return client.usedVisitors >= client.quota;
}

/** The quota rule: a client that is not inactive is paused exactly while its usage is at its quota. */
export function quotaStatus(client: Pick<Client, 'usedVisitors' | 'quota'>): 'active' | 'paused' {
  return isAtQuota(client) ? 'paused' : 'active';
}

export function usagePercent(client: Pick<Client, 'usedVisitors' | 'quota'>): number {
  if (client.quota <= 0) return client.usedVisitors > 0 ? 100 : 0;
  return Math.min(100, Math.floor((client.usedVisitors * 100) / client.quota));
}

/** Whether `extra` more licenses can come out of the pool. */
export function checkPoolHas(extra: number, free: number): RuleResult {
  if (extra <= free) return OK;
  return { ok: false, key: 'error_quotaExceedsFree', params: { needed: extra, free } };
}

/** Whether a client's quota may become `quota`: not below usage, and any increase from the free pool. */
export function checkQuotaChange(
  client: Pick<Client, 'usedVisitors' | 'quota' | 'status'>,
  quota: number,
  free: number,
): RuleResult {
  if (client.status === 'inactive') return { ok: false, key: 'error_clientInactive', params: {} };
  if (quota < client.usedVisitors)
    return { ok: false, key: 'error_quotaBelowUsage', params: { used: client.usedVisitors } };
  return checkPoolHas(quota - client.quota, free);
}

/** Whether the pool may shrink to `poolSize` without taking back licenses clients hold. */
export function checkPoolSize(poolSize: number, allocated: number): RuleResult {
  if (poolSize >= allocated) return OK;
  return { ok: false, key: 'error_poolBelowAllocated', params: { allocated } };
}

/**
 * The quota rule after a client's usage or quota changed: an active client at its quota
 * pauses (with its running experiments), a paused client below it resumes what the rule
 * paused. An inactive client is left alone.
 */
export function quotaRuleMove(
  client: Pick<Client, 'status' | 'usedVisitors' | 'quota'>,
): 'pause' | 'unpause' | undefined {
  if (client.status === 'active' && isAtQuota(client)) return 'pause';
  if (client.status === 'paused' && !isAtQuota(client)) return 'unpause';
  return undefined;
}

/** Who the quota rule's pauses and lifts are logged as. */
export const QUOTA_RULE: Actor = { type: 'rule', rule: 'quota' };

/** The history line of the quota rule's pause or its lift, with how many experiments it paused or resumed. */
export function quotaMoveEntry(
  client: Pick<Client, 'orgId' | 'usedVisitors' | 'quota'>,
  move: 'pause' | 'unpause',
  experiments: number,
): Omit<ActivityEntry, 'id' | 'at' | 'actor'> {
  const { orgId, usedVisitors, quota } = client;
  return move === 'pause'
    ? { action: 'client_paused', orgId, details: { usedVisitors, quota, experimentsPaused: experiments } }
    : { action: 'client_unpaused', orgId, details: { usedVisitors, quota, experimentsResumed: experiments } };
}
