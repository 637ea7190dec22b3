/**
 * POST /v1/push: a push's changes in the order the browser made them, in one transaction that
 * first locks the agency's row, so one agency's writers go one at a time (and its versions
 * commit in order) while other agencies never wait. Each change runs inside its own savepoint:
 * the member's role is checked, the operation re-runs under the shared rules, and a refusal
 * undoes that change alone. Every change id is recorded with its answer, so that a change sent
 * again (a push cut short and repeated) is answered as before and applied once.
 *
 * One transaction per push rather than per change: a change costs a savepoint instead of a
 * BEGIN, a lock and a COMMIT (with its disk flush), which is most of what one change costs
 * (docs/BENCHMARKS.md). If the server fails mid-push, none of the push is kept and every change
 * is answered `retry`.
 */
import { PERSON } from '../../lib/model/activity';
import { AppError, ImportRefusedError, isAppError } from '../../lib/model/errors';
import type { ChangeOutcome, ChangeResult } from '../../lib/model/sync-outcome';
import { type Change, type ChangeArgs, parseChangeArgs, type PushBody } from '../../lib/model/sync-schema';
import type { ChangeName } from '../../lib/model/team';
import { checkTeamChange } from '../../lib/rules/team-permissions';
import type { Member } from '../auth/tokens';
import { CHANGE_HANDLERS, type ChangeHandler } from '../changes/registry';
import type { ChangeContext } from '../changes/context';
import type { Db, Tx } from '../db/pool';
import { type LockedAgency, lockAgency } from '../store/agency';

function refusal(error: AppError): ChangeOutcome & { status: 'refused' } {
  return {
    status: 'refused',
    code: error.code,
    key: error.key,
    params: error.params,
    ...(error.problems.length > 0 ? { problems: error.problems } : {}),
    ...(error instanceof ImportRefusedError ? { importProblems: error.importProblems } : {}),
  };
}

/** The pool guard (server/migrations/0003_pool-guard.sql) refusing what the rules let through. */
function isPoolGuard(error: unknown): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError.code === '23514' && pgError.constraint === 'pool_guard';
}

function runHandler<N extends ChangeName>(name: N, ctx: ChangeContext, args: ChangeArgs<N>): Promise<void> {
  const handler: ChangeHandler<N> = CHANGE_HANDLERS[name];
  return handler(ctx, args);
}

/** A change's args, parsed before any SQL; the same args are refused the same way every time. */
type Parsed = { change: Change; args: unknown; refused?: undefined } | { change: Change; refused: ChangeOutcome };

function parse(change: Change): Parsed {
  try {
    return { change, args: parseChangeArgs(change.name, change.args) };
  } catch (error) {
    if (isAppError(error)) return { change, refused: refusal(error) };
    throw error;
  }
}

/** Decides one change inside the push's transaction; `agency` follows the versions and settings it writes. */
async function decide(tx: Tx, agency: LockedAgency, member: Member, change: Change, args: unknown, now: number) {
  const allowed = checkTeamChange(member.role, change.name);
  if (!allowed.ok) return refusal(new AppError('rule', allowed.key, allowed.params));
  const ctx: ChangeContext = {
    tx,
    agencyId: agency.id,
    version: agency.version + 1,
    now,
    actor: PERSON,
    memberId: member.memberId,
    role: member.role,
    settings: agency.settings,
  };
  await tx.query('SAVEPOINT change');
  try {
    await runHandler(change.name, ctx, args as ChangeArgs<typeof change.name>);
    // The pool guard judges now, inside the savepoint, so that its refusal is this change's alone.
    await tx.query('SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED; RELEASE SAVEPOINT change');
  } catch (error) {
    if (!isAppError(error) && !isPoolGuard(error)) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT change');
    return refusal(isAppError(error) ? error : new AppError('rule', 'error_poolGuard'));
  }
  agency.version = ctx.version;
  agency.settings = ctx.settings;
  return { status: 'accepted', version: ctx.version } as const;
}

interface Recorded {
  id: string;
  name: ChangeName;
  outcome: ChangeOutcome;
}

async function runPush(tx: Tx, member: Member, body: PushBody, parsed: Parsed[], clock: () => number) {
  const agency = await lockAgency(tx, member.agencyId);
  if (!agency) throw new Error('the member has no agency');
  const startVersion = agency.version;
  // Read under the lock: the same change id pushed twice at once is decided once.
  const { rows } = await tx.query<{ change_id: string; outcome: ChangeOutcome }>(
    'SELECT change_id, outcome FROM processed_changes WHERE agency_id = $1 AND change_id = ANY($2::text[])',
    [member.agencyId, parsed.map(({ change }) => change.id)],
  );
  const seen = new Map(rows.map((row) => [row.change_id, row.outcome]));
  const results: ChangeResult[] = [];
  const recorded: Recorded[] = [];
  for (const item of parsed) {
    const { change } = item;
    const before = seen.get(change.id);
    if (before) {
      results.push({ id: change.id, ...before, repeated: true });
      continue;
    }
    const outcome = item.refused ?? (await decide(tx, agency, member, change, item.args, clock()));
    results.push({ id: change.id, ...outcome });
    // A refusal of the args is not recorded: it says nothing of the roster and is given again as it was.
    if (item.refused === undefined) {
      recorded.push({ id: change.id, name: change.name, outcome });
      seen.set(change.id, outcome);
    }
  }
  if (recorded.length > 0)
    await tx.query(
      `INSERT INTO processed_changes (agency_id, change_id, member_id, device_id, name, outcome)
       SELECT $1, change_id, $2, $3, name, outcome
       FROM unnest($4::text[], $5::text[], $6::jsonb[]) AS recorded (change_id, name, outcome)`,
      [
        member.agencyId,
        member.memberId,
        body.deviceId,
        recorded.map((r) => r.id),
        recorded.map((r) => r.name),
        recorded.map((r) => JSON.stringify(r.outcome)),
      ],
    );
  if (agency.version !== startVersion)
    await tx.query('UPDATE agencies SET version = $2 WHERE id = $1', [agency.id, agency.version]);
  return results;
}

export interface PushReport {
  results: ChangeResult[];
}

/**
 * Runs a push. When the server fails on it (a bug, the database gone), nothing of it is kept
 * and every change is answered `retry`, for the browser to send again later.
 */
export async function pushChanges(
  db: Db,
  member: Member,
  body: PushBody,
  clock: () => number = Date.now,
  onError: (error: unknown) => void = () => {},
): Promise<PushReport> {
  const parsed = body.changes.map(parse);
  const tx = await db.connect();
  try {
    await tx.query('BEGIN');
    const results = await runPush(tx, member, body, parsed, clock);
    await tx.query('COMMIT');
    return { results };
  } catch (error) {
    await tx.query('ROLLBACK').catch(() => undefined);
    onError(error);
    return {
      results: body.changes.map((change) => ({ id: change.id, status: 'retry', key: 'sync_error_unexpected' })),
    };
  } finally {
    tx.release();
  }
}
