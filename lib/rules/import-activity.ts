import type { ActivityEntry, Actor } from '../model/activity';
import type { ImportPlan } from './import-plan';

const QUOTA_RULE: Actor = { type: 'rule', rule: 'quota' };

/**
 * The history an import writes, in plan order: each created client (and, created inactive, its
 * inactivation), each updated client with its quota change, and each move the quota rule made.
 * `createdIds` are the Org IDs the creates got, in the plan's order (issued ones included).
 */
export function importActivity(
  plan: ImportPlan,
  createdIds: readonly string[],
  now: number,
  actor: Actor,
): ActivityEntry[] {
  const entries: ActivityEntry[] = [];
  const base = { at: now, actor };
  const quotaRule = { at: now, actor: QUOTA_RULE };
  plan.creates.forEach((create, index) => {
    const orgId = createdIds[index] ?? '';
    const quota = create.client.quota;
    entries.push({ ...base, action: 'client_created', orgId, quotaDelta: quota, details: { quota, source: 'import' } });
    if (create.client.status === 'inactive')
      entries.push({
        ...base,
        action: 'client_inactivated',
        orgId,
        quotaDelta: 0,
        details: { licensesReturned: 0, experimentsPaused: 0, purgeOn: create.client.purgeOn ?? '' },
      });
    if (create.statusChange)
      entries.push({
        ...quotaRule,
        action: create.statusChange === 'paused' ? 'client_paused' : 'client_unpaused',
        orgId,
        details: { usedVisitors: create.client.usedVisitors, quota },
      });
  });
  for (const { before, after, statusChange } of plan.updates) {
    entries.push({ ...base, action: 'client_updated', orgId: after.orgId, details: { source: 'import' } });
    const delta = after.quota - before.quota;
    if (delta !== 0)
      entries.push({
        ...base,
        action: 'quota_changed',
        orgId: after.orgId,
        quotaDelta: delta,
        details: { quotaBefore: before.quota, quotaAfter: after.quota },
      });
    if (statusChange)
      entries.push({
        ...quotaRule,
        action: statusChange === 'paused' ? 'client_paused' : 'client_unpaused',
        orgId: after.orgId,
        details: { usedVisitors: after.usedVisitors, quota: after.quota },
      });
  }
  return entries;
}
