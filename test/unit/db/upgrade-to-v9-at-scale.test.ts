/**
 * Version 9 adds the clients' [runsOutOn+nameKey] index, which IndexedDB builds from the stored
 * clients when the database opens: here a version 8 roster of 100,000 clients (a large
 * reseller's) is opened at the latest version, keeps every client, and its list by Runs out,
 * read through the new index, is the order the in-memory sort of every client gives.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_NAME, db, type StoredClient } from '../../../lib/db/database';
import { LATEST_VERSION, SCHEMA_VERSIONS } from '../../../lib/db/schema';
import type { Client } from '../../../lib/model/client';
import { readRunOutPage } from '../../../lib/ops/run-out-page';
import { toStoredClient } from '../../../lib/ops/store';
import { addDays, localDate } from '../../../lib/rules/calendar';
import { clientOrder } from '../../../lib/rules/client-order';
import { clientInput, resetDb, T0 } from '../ops/helpers';

const CLIENTS = 100_000;
const TODAY = localDate(T0, 'UTC');
const PERIOD = '2026-01-01';
const NAMES = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'さくら', 'サクラ'];

/** Clients as version 8 stored them (version 9 adds no field): most with a trend, on few days. */
function roster(): StoredClient[] {
  return Array.from({ length: CLIENTS }, (_, index) => {
    const client: Client = {
      ...clientInput({ name: `${NAMES[index % NAMES.length]} ${index % 997}` }),
      orgId: `ORG-${String(index).padStart(8, '0')}`,
      status: 'active',
      quota: 1_000,
      usedVisitors: 100 + (index % 800),
      usagePeriod: PERIOD,
      createdAt: T0,
      updatedAt: T0,
    };
    // Trends of the last days up to today, some days back: run-out days from before today to weeks on.
    if (index % 5 !== 0)
      Object.assign(client, {
        usageTrend: { period: PERIOD, perDay: 10 + (index % 40), day: addDays(TODAY, -(index % 3)) },
      });
    return toStoredClient(client, PERIOD);
  });
}

afterEach(async () => {
  await resetDb();
});

describe('the upgrade to version 9 at 100,000 clients', () => {
  it('keeps every client and lists them by Runs out through the new index', { timeout: 180_000 }, async () => {
    const clients = roster();
    db.close();
    await Dexie.delete(DB_NAME);
    const v8 = new Dexie(DB_NAME);
    for (const entry of SCHEMA_VERSIONS.filter((e) => e.version <= 8)) v8.version(entry.version).stores(entry.stores);
    await v8.table('clients').bulkAdd(clients);
    v8.close();

    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);
    expect(await db.clients.count()).toBe(CLIENTS);
    const expected = [...clients].sort(clientOrder('runsOut', TODAY)).map((client) => client.orgId);
    // The first pages: deeper ones read as many clients as they skip, which fake-indexeddb
    // takes a minute over (run-out-page.test.ts checks every page of smaller rosters).
    for (const start of [0, 50])
      expect(
        (await readRunOutPage(start, 50, TODAY)).map((client) => client.orgId),
        `page at ${start}`,
      ).toEqual(expected.slice(start, start + 50));
  });
});
