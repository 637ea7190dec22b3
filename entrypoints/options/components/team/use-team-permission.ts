import { useLiveQuery } from '../../../../components/useLiveQuery';
import { t } from '../../../../lib/i18n';
import type { ChangeName } from '../../../../lib/model/team';
import { getTeamConnection } from '../../../../lib/ops/team-status';
import { CHANGE_ABILITY, checkTeamAbility, type TeamAbility } from '../../../../lib/rules/team-permissions';

export interface TeamPermission {
  allowed: boolean;
  /** Why not, in the reader's language, to show beside the disabled action; undefined when allowed. */
  reason: string | undefined;
}

/**
 * Whether the member's role on a shared roster lets them take an action, asked of the same
 * permission table the server refuses with (lib/rules/team-permissions.ts), and kept current as
 * the connection changes. In single-browser use (and while the connection is read) everything
 * is allowed: the operations refuse by role themselves.
 */
export function useTeamPermission(what: TeamAbility | ChangeName): TeamPermission {
  const { value: team } = useLiveQuery(getTeamConnection, []);
  if (!team) return { allowed: true, reason: undefined };
  const ability = what in CHANGE_ABILITY ? CHANGE_ABILITY[what as ChangeName] : (what as TeamAbility);
  const check = checkTeamAbility(team.member.role, ability);
  return check.ok ? { allowed: true, reason: undefined } : { allowed: false, reason: t(check.key, check.params) };
}
