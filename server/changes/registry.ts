/**
 * Every named change the server runs, by name: the protocol's change names (lib/model/team.ts)
 * each map to the handler that re-runs that operation of lib/ops under the shared rules.
 */
import type { ChangeArgs } from '../../lib/model/sync-schema';
import type { ChangeName } from '../../lib/model/team';
import { createClient, reallocateQuota, updateClient } from './clients';
import type { ChangeContext } from './context';
import { completeExperiment, createExperiment, pauseExperiment, startExperiment } from './experiments';
import { importRoster } from './import';
import { deleteClient, markInactive, reactivate } from './lifecycle';
import { addMember, changeMemberRole, removeMember } from './org-members';
import { recordRevokedAccess, restoreAccess } from './revoked';
import { updateSettings } from './settings';
import { changeCard, setSubscription } from './subscription';
import { setVisitorsUsed } from './usage';

export type ChangeHandler<N extends ChangeName> = (ctx: ChangeContext, args: ChangeArgs<N>) => Promise<void>;

export const CHANGE_HANDLERS: { [N in ChangeName]: ChangeHandler<N> } = {
  'client.create': createClient,
  'client.update': updateClient,
  'client.reallocate': reallocateQuota,
  'client.setVisitorsUsed': setVisitorsUsed,
  'client.markInactive': markInactive,
  'client.reactivate': reactivate,
  'client.delete': deleteClient,
  'experiment.create': createExperiment,
  'experiment.start': startExperiment,
  'experiment.pause': pauseExperiment,
  'experiment.complete': completeExperiment,
  'orgMember.add': addMember,
  'orgMember.remove': removeMember,
  'orgMember.changeRole': changeMemberRole,
  'client.setSubscription': setSubscription,
  'client.changeCard': changeCard,
  'client.recordRevokedAccess': recordRevokedAccess,
  'client.restoreAccess': restoreAccess,
  'settings.update': updateSettings,
  'roster.import': importRoster,
};
