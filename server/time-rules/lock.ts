import type { Db, Tx } from '../db/pool';

/**
 * The PostgreSQL advisory lock that one pass of the time rules holds, whatever process runs
 * it: a fixed key of this application's own (node-pg-migrate's migration lock uses another),
 * so that of several server processes on one database only one runs a pass at a time and the
 * others skip theirs. A session lock, held on one connection for the whole pass (the webhook
 * posts included) and let go when the pass ends or its connection drops.
 */
export const TIME_RULES_LOCK_KEY = 7_246_011_602_001;

/**
 * Runs `work` holding the lock, on a connection of its own; returns undefined at once, without
 * running it, while another session holds the lock.
 */
export async function withTimeRulesLock<T>(db: Db, work: () => Promise<T>): Promise<T | undefined> {
  const holder: Tx = await db.connect();
  let locked = false;
  try {
    const { rows } = await holder.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
      TIME_RULES_LOCK_KEY,
    ]);
    locked = rows[0]?.locked === true;
    if (!locked) return undefined;
    return await work();
  } finally {
    if (locked) await holder.query('SELECT pg_advisory_unlock($1)', [TIME_RULES_LOCK_KEY]).catch(() => undefined);
    holder.release();
  }
}
