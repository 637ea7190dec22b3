/**
 * POST /v1/push: each change in its own transaction, in the order the browser made them.
 * The transaction first locks the agency's row, so one agency's writers go one at a time;
 * it checks the member's role, re-runs the operation under the shared rules, and records the
 * change id with its answer, so that a change sent twice is answered as before and applied once.
 */
import { PERSON } from '../../lib/model/activity';
import { AppError, isAppError } from '../../lib/model/errors';
import type { ChangeOutcome, ChangeResult } from '../../lib/model/sync-outcome';
import { type Change, type ChangeArgs, parseChangeArgs, type PushBody } from '../../lib/model/sync-schema';
import type { ChangeName } from '../../lib/model/team';
import { checkTeamChange } from '../../lib/rules/team-permissions';
import type { Member } from '../auth/tokens';
import { CHANGE_HANDLERS } from '../changes/registry';
import type { ChangeContext } from '../changes/context';
import type { Db, Tx } from '../db/pool';
import { type LockedAgency, lockAgency } from '../store/agency';

function refusal(error: AppError): ChangeOutcome {
  return {
    status: 'refused',
    code: error.code,
    key: error.key,
    params: error.params,
    ...(error.problems.length > 0 ? { problems: error.problems } : {}),
  };
}

/** The pool guard (server/migrations/0003_pool-guard.sql) refusing what the rules let through. */
function isPoolGuard(error: unknown): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError.code === '23514' && pgError.constraint === 'pool_guard';
}

function runHandler<N extends ChangeName>(name: N, ctx: ChangeContext, args: ChangeArgs<N>): Promise<void> {
  const handler = CHANGE_HANDLERS[name];
  if (!handler) throw new Error(`no handler for ${name}`);
  return handler(ctx, args);
}

async function decide(
  tx: Tx,
  agency: LockedAgency,
  member: Member,
  change: Change,
  args: unknown,
  now: number,
): Promise<ChangeOutcome> {
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
    await tx.query('UPDATE agencies SET version = $2 WHERE id = $1', [agency.id, ctx.version]);
    // The pool guard judges now, inside the savepoint, so that its refusal is this change's alone.
    await tx.query('SET CONSTRAINTS ALL IMMEDIATE');
    await tx.query('SET CONSTRAINTS ALL DEFERRED');
    await tx.query('RELEASE SAVEPOINT change');
    return { status: 'accepted', version: ctx.version };
  } catch (error) {
    if (!isAppError(error) && !isPoolGuard(error)) throw error;
    await tx.query('ROLLBACK TO SAVEPOINT change');
    return refusal(isAppError(error) ? error : new AppError('rule', 'error_poolGuard'));
  }
}

/** One change: answered from the record of it when it was seen before, else decided and recorded. */
async function pushOne(db: Db, member: Member, deviceId: string, change: Change, now: number): Promise<ChangeResult> {
  let args: unknown;
  try {
    args = parseChangeArgs(change.name, change.args);
  } catch (error) {
    // Checked before any SQL; the same args are refused the same way every time they come.
    if (isAppError(error)) return { id: change.id, ...refusal(error) };
    throw error;
  }
  const tx = await db.connect();
  try {
    await tx.query('BEGIN');
    // Locked before the record is read: the same change id pushed twice at once is decided once.
    const agency = await lockAgency(tx, member.agencyId);
    if (!agency) throw new Error('the member has no agency');
    const { rows } = await tx.query<{ outcome: ChangeOutcome }>(
      'SELECT outcome FROM processed_changes WHERE agency_id = $1 AND change_id = $2',
      [member.agencyId, change.id],
    );
    const seen = rows[0];
    if (seen) {
      await tx.query('COMMIT');
      return { id: change.id, ...seen.outcome, repeated: true };
    }
    const outcome = await decide(tx, agency, member, change, args, now);
    await tx.query(
      `INSERT INTO processed_changes (agency_id, change_id, member_id, device_id, name, outcome)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [member.agencyId, change.id, member.memberId, deviceId, change.name, outcome],
    );
    await tx.query('COMMIT');
    return { id: change.id, ...outcome };
  } catch (error) {
    await tx.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    tx.release();
  }
}

export interface PushReport {
  results: ChangeResult[];
}

/**
 * Runs a push's changes in order. A change the server failed on (a bug, the database gone) is
 * answered `retry`, and so is every change after it: a later change may build on it.
 */
export async function pushChanges(
  db: Db,
  member: Member,
  body: PushBody,
  clock: () => number = Date.now,
  onError: (error: unknown) => void = () => {},
): Promise<PushReport> {
  const results: ChangeResult[] = [];
  let failed = false;
  for (const change of body.changes) {
    if (failed) {
      results.push({ id: change.id, status: 'retry', key: 'sync_error_unexpected' });
      continue;
    }
    try {
      results.push(await pushOne(db, member, body.deviceId, change, clock()));
    } catch (error) {
      onError(error);
      failed = true;
      results.push({ id: change.id, status: 'retry', key: 'sync_error_unexpected' });
    }
  }
  return { results };
}
