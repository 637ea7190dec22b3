import type { StoredClient } from '../db/database';
import type { Client } from '../model/client';
import { AppError } from '../model/errors';
import { licenseCount } from '../model/fields';
import { parseOrThrow } from '../model/validate';
import { checkMarkInactive, checkReactivation, inactiveFields, reactivation } from '../rules/lifecycle';
import { type OpContext, resolve, writeTransaction } from './context';
import { requireWritableClient } from './org-access';
import {
  changeAllocated,
  loadFree,
  loadSettings,
  log,
  pauseRunningExperiments,
  putClient,
  reassignPauseCause,
  removeClientAndOrgData,
  resumeExperimentsPausedBy,
} from './store';
import { queueChange, requireTeamChange } from './team-outbox';

/**
 * Marks a client inactive: its running experiments pause, the licenses it has not used go
 * back to the pool, and its data is kept until the purge date three months on.
 */
export async function markInactive(orgId: string, context?: OpContext): Promise<Client> {
  const ctx = resolve(context);
  return writeTransaction(
    async () => {
      await requireTeamChange('client.markInactive');
      const client = await requireWritableClient(orgId);
      const allowed = checkMarkInactive(client);
      if (!allowed.ok) throw new AppError('rule', allowed.key, allowed.params);
      const settings = await loadSettings();
      // Usage may have overshot the quota; the client then keeps its quota and takes nothing more.
      const inactive = inactiveFields(client, ctx.now, settings.timeZone);
      const returned = client.quota - inactive.quota;
      const paused = await pauseRunningExperiments(client.orgId, 'inactivity', ctx.now);
      await changeAllocated(-returned);
      const { purgeOn } = inactive;
      const updated = await putClient({ ...client, ...inactive }, ctx.now);
      await log(ctx, {
        action: 'client_inactivated',
        orgId: client.orgId,
        quotaDelta: -returned,
        details: { licensesReturned: returned, experimentsPaused: paused, purgeOn },
      });
      await queueChange(
        'client.markInactive',
        { orgId: client.orgId },
        { orgId: client.orgId, clientName: client.name },
        ctx.now,
      );
      return updated;
    },
    (client) => [client.orgId],
  );
}

/**
 * Brings an inactive client back before its purge date with `quota` licenses from the
 * pool. What inactivity paused resumes where it stopped.
 */
export async function reactivate(orgId: string, quota: number, context?: OpContext): Promise<Client> {
  const ctx = resolve(context);
  const newQuota = parseOrThrow(licenseCount(1), quota, 'quota');
  return writeTransaction(
    async () => {
      await requireTeamChange('client.reactivate');
      const client = await requireWritableClient(orgId);
      const settings = await loadSettings();
      const allowed = checkReactivation(client, newQuota, await loadFree(), ctx.now, settings.timeZone);
      if (!allowed.ok) throw new AppError('rule', allowed.key, allowed.params);
      const back = reactivation(client, newQuota);
      await changeAllocated(back.delta);
      let resumed = 0;
      if (back.paused) {
        // Back, but already at 100%: what inactivity paused now waits for the quota rule.
        await reassignPauseCause(client.orgId, 'inactivity', 'quota', ctx.now);
      } else {
        resumed = await resumeExperimentsPausedBy(client.orgId, ['inactivity', 'quota'], ctx.now);
      }
      const updated: StoredClient = await putClient(back.client, ctx.now);
      await log(ctx, {
        action: 'client_reactivated',
        orgId: client.orgId,
        quotaDelta: back.delta,
        details: { quota: newQuota, experimentsResumed: resumed, paused: back.paused },
      });
      await queueChange(
        'client.reactivate',
        { orgId: client.orgId, quota: newQuota },
        { orgId: client.orgId, clientName: client.name },
        ctx.now,
      );
      return updated;
    },
    (client) => [client.orgId],
  );
}

/** Deletes a client and all its org data at once, for good. Its licenses return to the pool. */
export async function deleteClient(orgId: string, context?: OpContext): Promise<void> {
  const ctx = resolve(context);
  await writeTransaction(
    async () => {
      await requireTeamChange('client.delete');
      const client = await requireWritableClient(orgId);
      await removeClientAndOrgData(client);
      await changeAllocated(-client.quota);
      await log(ctx, { action: 'client_deleted', orgId: client.orgId, quotaDelta: -client.quota });
      await queueChange(
        'client.delete',
        { orgId: client.orgId },
        { orgId: client.orgId, clientName: client.name },
        ctx.now,
      );
      return client.orgId;
    },
    (deleted) => [deleted],
  );
}
