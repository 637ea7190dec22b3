// A browser's connection to its agency's sync server (docs/SYNC.md, "The extension on a shared
// roster"). What is kept where: the connection below lives in the database's meta table, so that
// every operation sees inside its own transaction whether it must queue its change; the member's
// token lives apart, in the extension's storage (lib/platform/team-token.ts), never in IndexedDB,
// a backup, an export or a log.
import type { ErrorCode, FieldProblem } from './errors';
import type { ImportProblem } from './import';
import type { MessageKey, MessageParams } from './messages';
import type { ChangeName, TeamRole } from './team';

export interface TeamConnection {
  /** The server's base address as the person typed it, normalised (no trailing slash). */
  serverUrl: string;
  agency: { id: string; name: string };
  member: { id: string; name: string; role: TeamRole };
  /** This browser's id in pushes: made once per connection. */
  deviceId: string;
  connectedAt: number;
}

/** How syncing goes, as the header and the popup show it. */
export interface SyncState {
  /** Every server row up to this version is in this browser. */
  pulledVersion: number;
  /** When the last push and pull both went through. */
  syncedAt?: number;
  /** Since when the server could not be reached; absent while it can. */
  offlineSince?: number;
  /** Why the last try failed (a sync_error_* or team_error_* key), absent after a success. */
  errorKey?: MessageKey;
  /**
   * A refused change left this browser's copy ahead of the server: the next sync reads the
   * whole roster again and replaces the copy with it.
   */
  resyncNeeded?: boolean;
}

/**
 * A change made in this browser and not yet answered by the server: queued by the operation
 * in the transaction that made it, sent in order, dropped once answered.
 */
export interface OutboxChange {
  /** The order the changes were made in. */
  seq?: number;
  /** The change id the server answers a repeat by (lib/model/sync-ids.ts). */
  id: string;
  name: ChangeName;
  args: unknown;
  /** The client the change is about, when it is about one. */
  orgId?: string;
  /** The client's name when the change was made, for the refusal's sentence. */
  clientName?: string;
  madeAt: number;
}

/** A change the server refused: kept for the *Changes refused* list until dismissed. */
export interface RefusedChange {
  id?: number;
  changeId: string;
  name: ChangeName;
  args: unknown;
  orgId?: string;
  clientName?: string;
  madeAt: number;
  refusedAt: number;
  code: ErrorCode;
  key: MessageKey;
  params: MessageParams;
  problems?: readonly FieldProblem[];
  importProblems?: readonly ImportProblem[];
  /** 0 until the person has seen it in the dashboard (its notice is then dismissed); indexed. */
  seen: 0 | 1;
}
