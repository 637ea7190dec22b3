// A browser connected to a test team, as a first connection leaves it (meta 'team', and meta
// 'sync' having pulled nothing yet): for the operations' tests of a shared roster.
import type { TeamRole } from '../../../lib/model/team';
import type { TeamConnection } from '../../../lib/model/team-connection';
import { connectHere } from './sync-fixture';

export function connectTestTeam(role: TeamRole): Promise<TeamConnection> {
  return connectHere(role, 0);
}
