import type { DBCoreTable, Middleware, DBCore } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import { createClient, markInactive, recordUsage, updateSettings } from '../../../lib/ops';
import { clientInput, resetDb } from '../ops/helpers';
import { createWorld, HOUR } from './world';

const at = (iso: string) => Date.parse(iso);
const NOW = at('2026-04-05T06:00:00Z');

/** Counts the client records (not keys) that the database hands out. */
let clientRecordsRead = 0;
const countClientReads: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'count-client-reads',
  create(down) {
    return {
      ...down,
      table(name) {
        const table: DBCoreTable = down.table(name);
        if (name !== 'clients') return table;
        return {
          ...table,
          // Chained rather than awaited: a native await inside a DBCore middleware loses Dexie's
          // transaction zone for the operation's later steps (PrematureCommitError).
          get(request) {
            return table.get(request).then((result: unknown) => {
              if (result !== undefined) clientRecordsRead += 1;
              return result;
            });
          },
          getMany(request) {
            return table.getMany(request).then((result) => {
              clientRecordsRead += result.filter((record) => record !== undefined).length;
              return result;
            });
          },
          query(request) {
            return table.query(request).then((result) => {
              if (request.values) clientRecordsRead += result.result.length;
              return result;
            });
          },
          async openCursor(request) {
            const cursor = await table.openCursor(request);
            if (!cursor || !request.values) return cursor;
            // Every step of a cursor over values hands out one record.
            const proceed = cursor.start.bind(cursor);
            cursor.start = (onNext) =>
              proceed(() => {
                clientRecordsRead += 1;
                onNext();
              });
            return cursor;
          },
        };
      },
    };
  },
};

beforeEach(async () => {
  db.use(countClientReads);
  await resetDb();
  await updateSettings({ poolSize: 1_000_000, timeZone: 'UTC' }, { now: NOW - 30 * 24 * HOUR });
});

afterEach(() => {
  db.unuse({ stack: 'dbcore', name: 'count-client-reads' });
});

/** A roster of `size` clients that need nothing from the rules today, plus three that do. */
async function roster(size: number) {
  const start = at('2026-04-01T01:00:00Z');
  for (let index = 0; index < size; index += 1) {
    const client = await createClient(clientInput({ quota: 100 }), { now: start });
    await recordUsage(client.orgId, 10, { now: start });
    // Some inactive with their purge date far away.
    if (index % 4 === 0) await markInactive(client.orgId, { now: start });
  }
  const due = await createClient(clientInput({ quota: 100 }), { now: at('2026-01-10T08:00:00Z') });
  await markInactive(due.orgId, { now: at('2026-01-10T09:00:00Z') }); // 7-day reminder due
  const full = await createClient(clientInput({ quota: 5 }), { now: start });
  await db.clients.update(full.orgId, { usedVisitors: 5, atQuota: 1 }); // imported at quota
}

async function clientsReadByOneRun(size: number): Promise<number> {
  await roster(size);
  const world = createWorld(NOW);
  await world.run();
  clientRecordsRead = 0;
  await world.run(NOW + 2 * HOUR);
  const idle = clientRecordsRead;
  return idle;
}

describe('the cost of a run', () => {
  it('follows the work due, not the size of the roster', async () => {
    const small = await clientsReadByOneRun(20);
    await resetDb();
    await updateSettings({ poolSize: 1_000_000, timeZone: 'UTC' }, { now: NOW - 30 * 24 * HOUR });
    const large = await clientsReadByOneRun(200);
    expect(large).toBe(small);
    // A run with nothing new to do still looks at the one inactive client in its reminder window.
    expect(large).toBeLessThanOrEqual(2);
  });

  it('reads each client that is due, and those only', async () => {
    await roster(100);
    clientRecordsRead = 0;
    const summary = await createWorld(NOW).run();
    expect(summary).toMatchObject({ clientsPaused: 1, remindersDecided: 1 });
    expect(clientRecordsRead).toBeLessThan(10);
  });
});
