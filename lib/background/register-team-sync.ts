import type { RequestHandlers } from '../messages/protocol-schema';
import { getTeamStatus } from '../ops/team-status';
import { clearAlarm, ensurePeriodicAlarm, onAlarm } from '../platform/alarms';
import { clearNotification, onNotificationButtonClicked, onNotificationClicked } from '../platform/notifications';
import { openDashboard } from '../platform/pages';
import { teamServer } from '../platform/team-server';
import { loadTeamToken, removeTeamToken, saveTeamToken } from '../platform/team-token';
import type { BackgroundPorts } from './ports';
import { exclusiveRunner, serialRunner } from './serial-runner';
import { checkTeam, connectTeam, disconnectFromTeam, syncTeam, type TeamSyncPorts } from './team-sync-engine';
import { TEAM_REFUSED_NOTIFICATION_ID } from './team-sync-notices';

type TeamRequest = 'team/check' | 'team/connect' | 'team/sync' | 'team/disconnect';

/** The sync's alarm while connected: every half minute, the soonest a browser allows a repeating alarm. */
export const TEAM_SYNC_ALARM = 'team-sync';
export const TEAM_SYNC_PERIOD_MINUTES = 0.5;

export function browserTeamSyncPorts(ports: BackgroundPorts): TeamSyncPorts {
  return {
    server: teamServer,
    clock: () => ports.clock(),
    loadToken: loadTeamToken,
    saveToken: saveTeamToken,
    removeToken: removeTeamToken,
    showNotification: (id, content) => ports.showNotification(id, content),
    setSyncAlarm: async (connected) => {
      if (connected) await ensurePeriodicAlarm(TEAM_SYNC_ALARM, TEAM_SYNC_PERIOD_MINUTES);
      else await clearAlarm(TEAM_SYNC_ALARM);
    },
  };
}

function report(error: unknown): void {
  console.error('Agency Desk: team sync', error);
}

export interface TeamSync {
  handlers: Pick<RequestHandlers, TeamRequest>;
  /** A page changed data ('rules/run'): when connected with changes waiting, a sync starts soon; nothing waits for it. */
  afterChange(): void;
}

/**
 * The shared roster's sync (docs/SYNC.md): its alarm, the pages' team requests, and a sync
 * soon after each change. Syncs never overlap (a request during one shares the next), and a
 * connect or disconnect waits for the sync under way, so that no sync writes a roster it was
 * not started for. At worker start, a connected browser gets its alarm back and syncs (the
 * alarm may have been missed while the computer slept). Called synchronously at worker start.
 */
export function registerTeamSync(ports: BackgroundPorts, team: TeamSyncPorts = browserTeamSyncPorts(ports)): TeamSync {
  const exclusive = exclusiveRunner();
  const sync = serialRunner(() => exclusive(() => syncTeam(team)));

  onAlarm((name) => {
    if (name === TEAM_SYNC_ALARM) sync().catch(report);
  });
  const openFromNotice = (id: string) => {
    if (id !== TEAM_REFUSED_NOTIFICATION_ID) return;
    void openDashboard()
      .then(() => clearNotification(id))
      .catch(report);
  };
  onNotificationClicked(openFromNotice);
  onNotificationButtonClicked(openFromNotice);

  getTeamStatus()
    .then(async (status) => {
      await team.setSyncAlarm(status !== undefined);
      // The alarm that woke the worker syncs anyway: a start-up sync is for one missed while the computer slept.
      const syncedAt = status?.sync.syncedAt;
      const recent = syncedAt !== undefined && team.clock() - syncedAt < TEAM_SYNC_PERIOD_MINUTES * 60_000;
      if (status && !recent) await sync();
    })
    .catch(report);

  return {
    handlers: {
      'team/check': (payload) => checkTeam(team, payload),
      'team/connect': (payload) => exclusive(() => connectTeam(team, payload)),
      'team/sync': async () => ({ synced: (await sync()).synced }),
      'team/disconnect': () => exclusive(() => disconnectFromTeam(team)),
    },
    afterChange() {
      getTeamStatus()
        .then((status) => (status && status.waiting > 0 ? sync() : undefined))
        .catch(report);
    },
  };
}
