/** A client's lifecycle: lib/ops/lifecycle.ts markInactive, reactivate and deleteClient, on the server. */
import type { ChangeArgs } from '../../lib/model/sync-schema';
import { checkMarkInactive, checkReactivation, inactiveFields, reactivation } from '../../lib/rules/lifecycle';
import { loadFree } from '../store/agency';
import { log } from '../store/activity';
import { putClient, requireWritableClient, tombstoneClient } from '../store/clients';
import { pauseRunningExperiments, reassignPauseCause, resumeExperimentsPausedBy } from '../store/experiments';
import type { ChangeContext } from './context';
import { refuseUnless } from './refuse';

/**
 * Marks a client inactive: its running experiments pause, the licences it has not used go
 * back to the pool (its quota column goes down), and its data is kept until the purge date.
 */
export async function markInactive(ctx: ChangeContext, { orgId }: ChangeArgs<'client.markInactive'>): Promise<void> {
  const client = await requireWritableClient(ctx, orgId);
  refuseUnless(checkMarkInactive(client));
  // Usage may have overshot the quota; the client then keeps its quota and takes nothing more.
  const inactive = inactiveFields(client, ctx.now, ctx.settings.timeZone);
  const returned = client.quota - inactive.quota;
  const paused = await pauseRunningExperiments(ctx, client.orgId, 'inactivity');
  await putClient(ctx, { ...client, ...inactive });
  await log(ctx, {
    action: 'client_inactivated',
    orgId: client.orgId,
    quotaDelta: -returned,
    details: { licensesReturned: returned, experimentsPaused: paused, purgeOn: inactive.purgeOn },
  });
}

/** Brings an inactive client back before its purge date with licences from the pool; what inactivity paused resumes. */
export async function reactivate(ctx: ChangeContext, { orgId, quota }: ChangeArgs<'client.reactivate'>): Promise<void> {
  const client = await requireWritableClient(ctx, orgId);
  refuseUnless(checkReactivation(client, quota, await loadFree(ctx), ctx.now, ctx.settings.timeZone));
  const back = reactivation(client, quota);
  let resumed = 0;
  // Back, but already at 100%: what inactivity paused now waits for the quota rule.
  if (back.paused) await reassignPauseCause(ctx, client.orgId, 'inactivity', 'quota');
  else resumed = await resumeExperimentsPausedBy(ctx, client.orgId, ['inactivity', 'quota']);
  await putClient(ctx, back.client);
  await log(ctx, {
    action: 'client_reactivated',
    orgId: client.orgId,
    quotaDelta: back.delta,
    details: { quota, experimentsResumed: resumed, paused: back.paused },
  });
}

/**
 * Deletes a client for good: its org rows go, and its row stays as a tombstone holding no
 * licences, so that every browser's next pull drops it and its Org ID is never issued again.
 * A change made offline for it afterwards is refused (error_clientDeleted).
 */
export async function deleteClient(ctx: ChangeContext, { orgId }: ChangeArgs<'client.delete'>): Promise<void> {
  const client = await requireWritableClient(ctx, orgId);
  await tombstoneClient(ctx, client.orgId, 'deleted');
  await log(ctx, { action: 'client_deleted', orgId: client.orgId, quotaDelta: -client.quota });
}
