/**
 * The shared roster's sync (docs/SYNC.md): checking a token, connecting (download or upload),
 * one sync cycle (push the outbox, pull what changed, resync when a refusal or the server asks
 * for it) and disconnecting. The network runs here, between the operations (lib/ops/team-*),
 * each of which is one transaction; the server, the token's storage, the clock and the
 * notifications come in as ports, so that tests drive it against a fake or a real server.
 */
import { getTeamStatus } from '../ops/team-status';
import { beginUpload, connectByDownload, countLocalClients } from '../ops/team-connect';
import { type Disconnected, disconnectTeam } from '../ops/team-disconnect';
import { applyPulledPage, replaceWithTeamRoster } from '../ops/team-pull';
import { applyPushResults, outboxBatch, type PushTally } from '../ops/team-push-results';
import { recordSyncFailure, recordSyncSuccess } from '../ops/team-sync-state';
import type { PayloadOf, TeamCheck } from '../messages/protocol-schema';
import { AppError, isAppError } from '../model/errors';
import type { MessageKey } from '../model/messages';
import type { PulledRow } from '../model/sync-pull';
import { newSyncId } from '../model/sync-ids';
import { MAX_CHANGES_PER_PUSH } from '../model/team';
import type { TeamConnection } from '../model/team-connection';
import { isTeamTokenText } from '../model/team-server-url';
import type { NotificationContent } from '../platform/notifications';
import { type TeamServer, teamServerBase } from '../platform/team-server';
import { latestRows, liveClientCount } from '../rules/team-roster-rows';
import { showRefusalNotice, showTeamReminders } from './team-sync-notices';

export interface TeamSyncPorts {
  server: TeamServer;
  clock(): number;
  loadToken(): Promise<string | undefined>;
  saveToken(token: string): Promise<void>;
  removeToken(): Promise<void>;
  showNotification(id: string, content: NotificationContent): Promise<void>;
  /** Keeps the periodic sync alarm while connected, removes it otherwise. */
  setSyncAlarm(connected: boolean): Promise<void>;
}

/** The member's token as pasted, checked: it goes into a header as it is. */
function checkedToken(token: string): string {
  const trimmed = token.trim();
  if (!isTeamTokenText(trimmed)) throw new AppError('validation', 'team_error_tokenInvalid');
  return trimmed;
}

/** The whole roster, read from version 0 page by page; a record read twice (changed meanwhile) counts once, as its latest. */
async function pullEverything(
  server: TeamServer,
  serverUrl: string,
  token: string,
): Promise<{ rows: PulledRow[]; next: number }> {
  const rows: PulledRow[] = [];
  let since = 0;
  for (;;) {
    const page = await server.pull(serverUrl, token, since);
    rows.push(...page.rows);
    // A page that moves nothing on while saying more waits would loop for ever: the rest comes next sync.
    const stuck = page.next <= since;
    since = page.next;
    if (!page.more || stuck) return { rows: latestRows(rows), next: since };
  }
}

function checkAnswer(
  me: { agency: { name: string }; member: { name: string; role: TeamCheck['role'] } },
  serverClients: number,
  localClients: number,
): TeamCheck {
  return { agencyName: me.agency.name, memberName: me.member.name, role: me.member.role, serverClients, localClients };
}

/** Who the token belongs to, and whether either roster has clients; stores nothing. */
export async function checkTeam(ports: TeamSyncPorts, payload: PayloadOf<'team/check'>): Promise<TeamCheck> {
  const serverUrl = teamServerBase(payload.serverUrl);
  const token = checkedToken(payload.token);
  const me = await ports.server.me(serverUrl, token);
  const { rows } = await pullEverything(ports.server, serverUrl, token);
  return checkAnswer(me, liveClientCount(rows), await countLocalClients());
}

/** Sends this browser's first change (the upload's import) and says why it did not hold, if it did not. */
async function pushUpload(ports: TeamSyncPorts, connection: TeamConnection, token: string): Promise<void> {
  const changes = await outboxBatch(MAX_CHANGES_PER_PUSH);
  const results = await ports.server.push(connection.serverUrl, token, {
    deviceId: connection.deviceId,
    changes: changes.map(({ id, name, args }) => ({ id, name, args })),
  });
  await applyPushResults(connection.deviceId, results, ports.clock());
  for (const result of results) {
    if (result.status === 'refused') throw new AppError(result.code, result.key, result.params, result.problems);
    if (result.status === 'retry') throw new AppError('unexpected', result.key);
  }
}

/**
 * Connects this browser: `download` replaces its roster with the team's; `upload` sends its
 * roster to a team that has no clients (refused once the team has some: rosters are never
 * merged), then takes the team's copy of it. Nothing stays connected when it fails.
 */
export async function connectTeam(ports: TeamSyncPorts, payload: PayloadOf<'team/connect'>): Promise<TeamCheck> {
  const serverUrl = teamServerBase(payload.serverUrl);
  const token = checkedToken(payload.token);
  if (await getTeamStatus()) throw new AppError('conflict', 'team_error_alreadyConnected');
  const me = await ports.server.me(serverUrl, token);
  const connection: TeamConnection = {
    serverUrl,
    agency: me.agency,
    member: me.member,
    deviceId: newSyncId('d'),
    connectedAt: ports.clock(),
  };
  await ports.saveToken(token);
  try {
    if (payload.start === 'upload' && (await countLocalClients()) > 0) {
      const serverClients = liveClientCount((await pullEverything(ports.server, serverUrl, token)).rows);
      if (serverClients > 0) throw new AppError('conflict', 'team_error_serverHasClients', { count: serverClients });
      await beginUpload(connection, ports.clock());
      try {
        await pushUpload(ports, connection, token);
      } catch (error) {
        await disconnectTeam(connection.deviceId);
        throw error;
      }
    }
    const { rows, next } = await pullEverything(ports.server, serverUrl, token);
    const { clients } = await connectByDownload(connection, rows, next, ports.clock());
    await ports.setSyncAlarm(true);
    return checkAnswer(me, liveClientCount(rows), clients);
  } catch (error) {
    // The token of a connection that did not happen is not kept (one that was already there is another's).
    if ((await getTeamStatus())?.connection.deviceId !== connection.deviceId) await ports.removeToken();
    throw error;
  }
}

/** Forgets the connection and its token; the roster stays. */
export async function disconnectFromTeam(ports: TeamSyncPorts): Promise<Disconnected> {
  const result = await disconnectTeam();
  await ports.removeToken();
  await ports.setSyncAlarm(false);
  return result;
}

export interface CycleOutcome {
  synced: boolean;
  /** Changes of this browser the server refused in this cycle. */
  refused: number;
}

/** Pushes the outbox, oldest first, in pushes of MAX_CHANGES_PER_PUSH; stops at a change to retry. */
async function pushOutbox(
  ports: TeamSyncPorts,
  connection: TeamConnection,
  token: string,
): Promise<PushTally & { retryKey?: MessageKey }> {
  const total: PushTally & { retryKey?: MessageKey } = { accepted: 0, refused: 0, retry: 0 };
  for (;;) {
    const batch = await outboxBatch(MAX_CHANGES_PER_PUSH);
    if (batch.length === 0) return total;
    const results = await ports.server.push(connection.serverUrl, token, {
      deviceId: connection.deviceId,
      changes: batch.map(({ id, name, args }) => ({ id, name, args })),
    });
    const tally = await applyPushResults(connection.deviceId, results, ports.clock());
    total.accepted += tally.accepted;
    total.refused += tally.refused;
    total.retry += tally.retry;
    const retry = results.find((result) => result.status === 'retry');
    if (retry?.status === 'retry') return { ...total, retryKey: retry.key };
    // Nothing answered that this browser still had (disconnected meanwhile): stop rather than loop.
    if (tally.accepted + tally.refused === 0) return total;
  }
}

/** Pulls pages until none waits; says whether the server went below what this browser pulled (a resync). */
async function pullChanges(ports: TeamSyncPorts, connection: TeamConnection, token: string): Promise<boolean> {
  for (;;) {
    const status = await getTeamStatus();
    if (status?.connection.deviceId !== connection.deviceId) return false;
    const since = status.sync.pulledVersion;
    const page = await ports.server.pull(connection.serverUrl, token, since);
    // The server's roster is older than this browser's copy of it (restored from a backup): read it whole.
    if (page.version < since) return true;
    const outcome = await applyPulledPage(page, since, connection.deviceId, ports.clock());
    if (outcome === 'stale' || !page.more || page.next <= since) return false;
  }
}

/**
 * One sync: push what waits, pull what changed, and read the whole roster again when a
 * refusal (or the server) calls for it. A failure keeps everything as it is (the outbox is
 * sent again next time) and is recorded with the first failure's time; then the refusals'
 * notice and the reminders the team sent are shown.
 */
export async function syncTeam(ports: TeamSyncPorts): Promise<CycleOutcome> {
  const status = await getTeamStatus();
  if (!status) return { synced: false, refused: 0 };
  const { connection } = status;
  const outcome: CycleOutcome = { synced: false, refused: 0 };
  try {
    const token = await ports.loadToken();
    if (token === undefined) throw new AppError('rule', 'team_error_tokenMissing');
    const pushed = await pushOutbox(ports, connection, token);
    outcome.refused = pushed.refused;
    const serverWentBack = await pullChanges(ports, connection, token);
    const after = await getTeamStatus();
    if (after?.connection.deviceId === connection.deviceId && (serverWentBack || after.sync.resyncNeeded)) {
      const { rows, next } = await pullEverything(ports.server, connection.serverUrl, token);
      await replaceWithTeamRoster(rows, next, connection.deviceId, ports.clock());
    }
    if (pushed.retryKey !== undefined) throw new AppError('unexpected', pushed.retryKey);
    await recordSyncSuccess(connection.deviceId, ports.clock());
    outcome.synced = true;
  } catch (error) {
    if (!isAppError(error)) console.error('Agency Desk: team sync', error);
    await recordSyncFailure(
      connection.deviceId,
      isAppError(error) ? error.key : 'sync_error_unexpected',
      ports.clock(),
    );
  }
  if (outcome.refused > 0) await showRefusalNotice(ports, outcome.refused);
  await showTeamReminders(ports);
  return outcome;
}
