import type { Actor } from '../../lib/model/activity';
import type { Settings } from '../../lib/model/settings';
import type { TeamRole } from '../../lib/model/team';
import type { Tx } from '../db/pool';

/** What every change handler runs with: one transaction that holds the agency's row lock. */
export interface ChangeContext {
  tx: Tx;
  agencyId: string;
  /** The version every row this change writes carries: the agency's last version plus one. */
  version: number;
  now: number;
  actor: Actor;
  /** The member who pushed the change; null for the server's own time rules. */
  memberId: string | null;
  role: TeamRole;
  /** The agency's settings as they were when the change began (a settings change re-reads them). */
  settings: Settings;
}
