/**
 * The outbox of a shared roster (docs/SYNC.md): an operation that changes the roster calls
 * queueChange inside its own transaction, so that the change it made locally and the named
 * change the background pushes are written together or not at all. In single-browser use
 * (no team connection) queueChange writes nothing and refuses nothing.
 */
import Dexie from 'dexie';
import { db } from '../db/database';
import type { ActivityEntry } from '../model/activity';
import { AppError } from '../model/errors';
import type { ChangeArgsInput } from '../model/sync-schema';
import { newSyncId } from '../model/sync-ids';
import type { ChangeName } from '../model/team';
import type { TeamConnection } from '../model/team-connection';
import { checkTeamChange } from '../rules/team-permissions';
import { UNSHARED_OPERATIONS, type UnsharedOperation } from './team-unshared';
import { addRecords } from './write-records';

/** What one transaction knows of the team: read once, and whether it queued a change. */
interface TransactionTeam {
  team: TeamConnection | undefined;
  queued: boolean;
  /** History lines written in it before it queued its change: marked pending when it does. */
  lines: number[];
}

// Keyed by the IndexedDB transaction, which a nested Dexie transaction shares with its parent.
const byTransaction = new WeakMap<IDBTransaction, TransactionTeam>();

/** What this transaction already knows, read without awaiting anything. */
function knownTeam(): { idbtrans: IDBTransaction | undefined; known: TransactionTeam | undefined } {
  const idbtrans = Dexie.currentTransaction?.idbtrans;
  return { idbtrans, known: idbtrans ? byTransaction.get(idbtrans) : undefined };
}

/**
 * The transaction's team, looked up before anything is awaited. Once known it is answered
 * without an await: awaiting a promise that no IndexedDB request settles can lose Dexie's
 * transaction zone for the caller's next steps (a PrematureCommitError, seen with a DBCore
 * middleware in the stack), so every helper here awaits only IndexedDB.
 */
function transactionTeam(): TransactionTeam | Promise<TransactionTeam> {
  const { idbtrans, known } = knownTeam();
  if (known) return known;
  return db.meta.get('team').then((record) => {
    const state: TransactionTeam = {
      team: record?.key === 'team' ? record.value : undefined,
      queued: false,
      lines: [],
    };
    if (idbtrans) byTransaction.set(idbtrans, state);
    return state;
  });
}

/** The team connection (without its token), or undefined in single-browser use. */
export async function loadTeamConnection(): Promise<TeamConnection | undefined> {
  const found = transactionTeam();
  return ('then' in found ? await found : found).team;
}

/** Refuses a change the member's role may not make (lib/rules/team-permissions.ts), before it writes. */
export async function requireTeamChange(name: ChangeName): Promise<void> {
  const found = transactionTeam();
  const { team } = 'then' in found ? await found : found;
  if (!team) return;
  const check = checkTeamChange(team.member.role, name);
  if (!check.ok) throw new AppError('rule', check.key, check.params);
}

/**
 * Refuses, while this browser is connected to a team, one of the operations that change the
 * roster but have no named change (lib/ops/team-unshared.ts): made only here, it would
 * silently differ from the server's roster.
 */
export async function refuseWhileShared(operation: UnsharedOperation): Promise<void> {
  const found = transactionTeam();
  const { team } = 'then' in found ? await found : found;
  if (team) throw new AppError('rule', UNSHARED_OPERATIONS[operation]);
}

export interface ChangeSubject {
  orgId?: string;
  /** The client's name as it was, for the sentence of a refusal. */
  clientName?: string;
}

/**
 * Queues the named change an operation made, in the operation's transaction. Refused when the
 * member's role may not make it; nothing at all without a team connection.
 */
export async function queueChange<N extends ChangeName>(
  name: N,
  args: ChangeArgsInput<N>,
  subject: ChangeSubject,
  now: number,
): Promise<void> {
  await queueChanges(name, [{ args, subject }], now);
}

/**
 * Queues changes of one name in the order given, in one write: what queueChange does for
 * each, for an operation that changes many clients at once (a usage feed's batch).
 */
export async function queueChanges<N extends ChangeName>(
  name: N,
  changes: readonly { args: ChangeArgsInput<N>; subject: ChangeSubject }[],
  now: number,
): Promise<void> {
  const found = transactionTeam();
  const state = 'then' in found ? await found : found;
  if (!state.team || changes.length === 0) return;
  const check = checkTeamChange(state.team.member.role, name);
  if (!check.ok) throw new AppError('rule', check.key, check.params);
  const records = changes.map(({ args, subject }) => ({ id: newSyncId('c'), name, args, ...subject, madeAt: now }));
  await addRecords(db.outbox, records);
  if (!state.queued) {
    state.queued = true;
    if (state.lines.length > 0) await db.activity.where(':id').anyOf(state.lines).modify({ pending: 1 });
    state.lines = [];
  }
}

/**
 * Marks and writes one history line. On a shared roster, a line written in a transaction that
 * queued a change is pending: the server writes its own copy, and the pull drops this one. A
 * line written before the change is queued is marked when it is.
 */
export async function addHistoryLine(line: ActivityEntry): Promise<void> {
  await addHistoryLines([line]);
}

/** Marks and writes history lines in the order given, in one write, as addHistoryLine does each. */
export async function addHistoryLines(lines: readonly ActivityEntry[]): Promise<void> {
  if (lines.length === 0) return;
  // Looked up once, before the write: Dexie may not know the transaction after an await here.
  const found = transactionTeam();
  const state = 'then' in found ? await found : found;
  const pending = state.team !== undefined && state.queued;
  const records = pending ? lines.map((line) => ({ ...line, pending: 1 as const })) : lines;
  if (!state.team || state.queued) {
    await addRecords(db.activity, records);
    return;
  }
  // Connected, before the change is queued: the ids are kept, to be marked pending when it is.
  const ids = await db.activity.bulkAdd(records, { allKeys: true });
  state.lines.push(...ids);
}
