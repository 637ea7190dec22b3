import { db } from '../db/database';
import type { SyncState, TeamConnection } from '../model/team-connection';
import { readTransaction } from './context';

/** Everything the dashboard header and the popup footer say about a shared roster. */
export interface TeamStatus {
  connection: TeamConnection;
  sync: SyncState;
  /** Changes made here and not yet answered by the server. */
  waiting: number;
  /** Refused changes in the list, and how many of them the person has not seen yet. */
  refused: number;
  refusedUnseen: number;
}

/** The shared roster's status, or undefined in single-browser use. Read in one transaction (liveQuery-friendly). */
export async function getTeamStatus(): Promise<TeamStatus | undefined> {
  return readTransaction(async () => {
    const [team, sync] = await Promise.all([db.meta.get('team'), db.meta.get('sync')]);
    if (team?.key !== 'team') return undefined;
    const [waiting, refused, refusedUnseen] = await Promise.all([
      db.outbox.count(),
      db.refusedChanges.count(),
      db.refusedChanges.where('seen').equals(0).count(),
    ]);
    return {
      connection: team.value,
      sync: sync?.key === 'sync' ? sync.value : { pulledVersion: 0 },
      waiting,
      refused,
      refusedUnseen,
    };
  });
}

/**
 * The team connection alone (who this member is, with which role), or undefined in
 * single-browser use: what the dashboard's actions ask before they offer themselves.
 */
export async function getTeamConnection(): Promise<TeamConnection | undefined> {
  return readTransaction(async () => {
    const team = await db.meta.get('team');
    return team?.key === 'team' ? team.value : undefined;
  });
}
