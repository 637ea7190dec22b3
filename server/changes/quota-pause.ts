/** The quota rule's two moves, as lib/ops/quota.ts makes them, on the server's rows. */
import type { Client } from '../../lib/model/client';
import { QUOTA_RULE, quotaMoveEntry, quotaRuleMove } from '../../lib/rules/quota';
import { log } from '../store/activity';
import { putClient } from '../store/clients';
import { pauseRunningExperiments, resumeExperimentsPausedBy } from '../store/experiments';
import type { ChangeContext } from './context';

/** Pauses a client that reached its quota, with all its running experiments. */
export async function pauseForQuota(ctx: ChangeContext, client: Client): Promise<Client> {
  const paused = await pauseRunningExperiments(ctx, client.orgId, 'quota');
  const updated = await putClient(ctx, { ...client, status: 'paused' });
  await log(ctx, quotaMoveEntry(client, 'pause', paused), QUOTA_RULE);
  return updated;
}

/** Lifts a quota pause, resuming exactly the experiments that the quota rule paused. */
export async function unpauseAfterQuota(ctx: ChangeContext, client: Client): Promise<Client> {
  const resumed = await resumeExperimentsPausedBy(ctx, client.orgId, ['quota']);
  const updated = await putClient(ctx, { ...client, status: 'active' });
  await log(ctx, quotaMoveEntry(client, 'unpause', resumed), QUOTA_RULE);
  return updated;
}

/** After a quota or usage change: a client at its quota pauses, one below it resumes. */
export async function applyQuotaRule(ctx: ChangeContext, client: Client): Promise<Client> {
  switch (quotaRuleMove(client)) {
    case 'pause':
      return pauseForQuota(ctx, client);
    case 'unpause':
      return unpauseAfterQuota(ctx, client);
    case undefined:
      return client;
  }
}
