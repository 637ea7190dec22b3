/**
 * What each member of a shared roster may change: the one table that the sync server (to
 * refuse a change) and the extension (to show an action disabled, with the reason) ask.
 *
 * - owner: everything, including the team's members and the agency's settings;
 * - manager: the clients, their quotas, their lifecycle and their orgs;
 * - viewer: nothing; a viewer reads the roster.
 */
import type { MessageKey } from '../model/messages';
import type { ChangeName, TeamRole } from '../model/team';
import type { RuleResult } from './quota';

/** What a change asks of the member's role. */
export type TeamAbility = 'roster' | 'settings' | 'members';

const ROLE_ABILITIES: Record<TeamRole, readonly TeamAbility[]> = {
  owner: ['roster', 'settings', 'members'],
  manager: ['roster'],
  viewer: [],
};

export const CHANGE_ABILITY: Record<ChangeName, TeamAbility> = {
  'client.create': 'roster',
  'client.update': 'roster',
  'client.reallocate': 'roster',
  'client.setVisitorsUsed': 'roster',
  'client.markInactive': 'roster',
  'client.reactivate': 'roster',
  'client.delete': 'roster',
  'experiment.create': 'roster',
  'experiment.start': 'roster',
  'experiment.pause': 'roster',
  'experiment.complete': 'roster',
  'orgMember.add': 'roster',
  'orgMember.remove': 'roster',
  'orgMember.changeRole': 'roster',
  'client.setSubscription': 'roster',
  'client.changeCard': 'roster',
  'client.recordRevokedAccess': 'roster',
  'client.restoreAccess': 'roster',
  // The pool size, billing day, time zone and webhook are the agency's: its owner's to change.
  'settings.update': 'settings',
  // An import may carry settings (a backup); the server asks again for `settings` when it does.
  'roster.import': 'roster',
};

/** Why a role may not: the reason the dashboard shows beside a disabled action, and the server's refusal. */
const REFUSAL_KEYS: Record<TeamAbility, MessageKey> = {
  roster: 'team_refused_viewer',
  settings: 'team_refused_ownerOnly',
  members: 'team_refused_ownerOnly',
};

export function teamRoleCan(role: TeamRole, ability: TeamAbility): boolean {
  return ROLE_ABILITIES[role].includes(ability);
}

/** Whether a member with `role` may make what `ability` asks; the refusal names the role. */
export function checkTeamAbility(role: TeamRole, ability: TeamAbility): RuleResult {
  if (teamRoleCan(role, ability)) return { ok: true };
  return { ok: false, key: REFUSAL_KEYS[ability], params: {} };
}

export function checkTeamChange(role: TeamRole, name: ChangeName): RuleResult {
  return checkTeamAbility(role, CHANGE_ABILITY[name]);
}
