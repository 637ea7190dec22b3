import type { StoredClient } from '../db/database';
import type { Client } from '../model/client';
import { AppError } from '../model/errors';
import { licenseCount } from '../model/fields';
import { parseOrThrow } from '../model/validate';
import { checkQuotaChange, QUOTA_RULE, quotaMoveEntry, quotaRuleMove } from '../rules/quota';
import { type OpContext, type ResolvedContext, resolve, writeTransaction } from './context';
import { requireOrgAction, requireWritableClient } from './org-access';
import { decideUsageAlerts } from './usage-alerts';
import { queueChange, requireTeamChange } from './team-outbox';
import { usageClock } from '../rules/usage-clock';
import {
  changeAllocated,
  loadFree,
  loadSettings,
  log,
  pauseRunningExperiments,
  putClient,
  resumeExperimentsPausedBy,
} from './store';

/** Pauses a client that reached its quota, with all its running experiments. */
export async function pauseForQuota(client: StoredClient, ctx: ResolvedContext): Promise<StoredClient> {
  const paused = await pauseRunningExperiments(client.orgId, 'quota', ctx.now);
  const updated = await putClient({ ...client, status: 'paused' }, ctx.now);
  await log({ ...ctx, actor: QUOTA_RULE }, quotaMoveEntry(client, 'pause', paused));
  return updated;
}

/** Lifts a quota pause, resuming exactly the experiments that the quota rule paused. */
export async function unpauseAfterQuota(client: StoredClient, ctx: ResolvedContext): Promise<StoredClient> {
  const resumed = await resumeExperimentsPausedBy(client.orgId, ['quota'], ctx.now);
  const updated = await putClient({ ...client, status: 'active' }, ctx.now);
  await log({ ...ctx, actor: QUOTA_RULE }, quotaMoveEntry(client, 'unpause', resumed));
  return updated;
}

/**
 * Sets a client's quota inside the caller's transaction, without queueing a change: a
 * subscription change moves the licences as part of its own (the server's handler does too).
 */
export async function applyReallocation(
  client: StoredClient,
  newQuota: number,
  ctx: ResolvedContext,
): Promise<StoredClient> {
  const check = checkQuotaChange(client, newQuota, await loadFree());
  if (!check.ok) throw new AppError('rule', check.key, check.params);
  const delta = newQuota - client.quota;
  if (delta === 0) return client;
  await changeAllocated(delta);
  let updated = await putClient({ ...client, quota: newQuota }, ctx.now);
  await log(ctx, {
    action: 'quota_changed',
    orgId: client.orgId,
    quotaDelta: delta,
    details: { quotaBefore: client.quota, quotaAfter: newQuota },
  });
  const move = quotaRuleMove(updated);
  if (move === 'unpause') updated = await unpauseAfterQuota(updated, ctx);
  else if (move === 'pause') updated = await pauseForQuota(updated, ctx);
  // A smaller quota can put the usage past a warning level, or the run-out day within the week.
  const clock = usageClock(await loadSettings(), ctx.now);
  await decideUsageAlerts(updated, clock.settings, clock.period, clock.today, ctx.now);
  return updated;
}

/**
 * Sets a client's quota. An increase comes out of the free pool, a decrease may not go
 * below the visitors already used. A quota above usage lifts a quota pause.
 */
export async function reallocateQuota(orgId: string, quota: number, context?: OpContext): Promise<Client> {
  const ctx = resolve(context);
  const newQuota = parseOrThrow(licenseCount(1), quota, 'quota');
  // The licenses are the agency's subscription: none of the client's roles changes them.
  requireOrgAction(context, 'subscription.change');
  return writeTransaction(
    async () => {
      await requireTeamChange('client.reallocate');
      const client = await requireWritableClient(orgId);
      const updated = await applyReallocation(client, newQuota, ctx);
      // The same quota again changes nothing: nothing for the server to run either.
      if (updated !== client)
        await queueChange(
          'client.reallocate',
          { orgId: client.orgId, quota: newQuota },
          { orgId: client.orgId, clientName: client.name },
          ctx.now,
        );
      return updated;
    },
    (client) => [client.orgId],
  );
}
