/**
 * The plain list in the run-out order is read through the runsOutOn index (lib/ops/run-out-page.ts);
 * every page of it must be the page the in-memory sort of every client gives, ties included.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { db, type StoredClient } from '../../../lib/db/database';
import { CLIENT_STATUSES, type Client } from '../../../lib/model/client';
import { listClientPage, readClientPage, updateSettings } from '../../../lib/ops';
import { toStoredClient } from '../../../lib/ops/store';
import { nextPeriodStart } from '../../../lib/rules/billing';
import { addDays, localDate } from '../../../lib/rules/calendar';
import { clientOrder } from '../../../lib/rules/client-order';
import { listedRunOutDay } from '../../../lib/rules/listed-run-out';
import { clientInput, DAY, resetDb, T0 } from '../ops/helpers';

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 100_000, timeZone: 'UTC' }, { now: T0 });
});

/** A small deterministic generator (mulberry32), so that a failing roster can be made again. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
  const below = (limit: number) => Math.floor(next() * limit);
  const pick = <T>(values: readonly T[]): T => values[below(values.length)] as T;
  return { next, below, pick };
}

// Few names, some folding to the same key, so that the order's name ties are many.
const NAMES = ['Alpha', 'alpha', 'ＡＬＰＨＡ', 'Bravo', 'Charlie', 'あおい', 'アオイ', 'Delta'];
const PERIODS = ['2025-12-01', '2026-01-01', '2026-02-01'];
const TODAY = localDate(T0, 'UTC');

/**
 * A roster of clients as toStoredClient stores them (its indexed run-out day included): every
 * status, revoked ones, clients with and without a trend, trends of another period, fresh and
 * stale, growing, flat and falling, some past their quota, many sharing a day. A trend's latest
 * day is within its period, as a trend fitted from samples of that period is. Every other roster
 * packs its forecasts onto a few days, so that pages end inside a day's ties.
 */
function roster(seed: number): StoredClient[] {
  const { next, below, pick } = random(seed);
  const packed = seed % 2 === 0;
  return Array.from({ length: below(120) }, (_, index) => {
    const period = pick(PERIODS);
    const status = pick(CLIENT_STATUSES);
    const quota = packed ? 100 : below(4) === 0 ? below(20) : 100 + below(900);
    const client: Client = {
      ...clientInput({ name: `${pick(NAMES)}${below(3) === 0 ? ` ${below(3)}` : ''}` }),
      orgId: `org-${String(seed)}-${String(1000 + index)}`,
      status,
      quota,
      usedVisitors: packed ? pick([20, 60, 90, 100]) : below(quota + 20),
      usagePeriod: period,
      createdAt: T0,
      updatedAt: T0,
    };
    if (below(6) === 0) client.revokedAt = T0;
    if (below(5) !== 0) {
      const trendPeriod = below(8) === 0 ? pick(PERIODS) : period;
      const latest = addDays(TODAY, packed ? below(3) - 2 : below(16) - 12);
      const end = addDays(nextPeriodStart(trendPeriod), -1);
      const day = latest < trendPeriod ? trendPeriod : latest > end ? end : latest;
      const perDay = packed
        ? pick([10, 20, 40])
        : below(7) === 0
          ? -below(3)
          : below(4) === 0
            ? below(30)
            : Math.round(next() * 5000) / 100;
      Object.assign(client, { usageTrend: { period: trendPeriod, perDay, day } });
    }
    return toStoredClient(client, period);
  });
}

/** The order as it was before the index: every client with access, sorted in memory. */
function sortedInMemory(clients: StoredClient[], now: number): string[] {
  return clients
    .filter((client) => client.revokedAt === undefined)
    .sort(clientOrder('runsOut', localDate(now, 'UTC')))
    .map((client) => client.orgId);
}

describe('the run-out order through the runsOutOn index', () => {
  it('gives every page of the in-memory order, over random rosters, days and pages', async () => {
    let listed = 0;
    let unlisted = 0;
    for (let seed = 1; seed <= 30; seed += 1) {
      await db.clients.clear();
      const clients = roster(seed);
      await db.clients.bulkPut(clients);
      const { below } = random(seed * 7919);
      for (let check = 0; check < 8; check += 1) {
        // From before the trends' days (a clock set back) to past the end of their periods.
        const now = T0 + (check % 2 === 0 ? below(50) - 12 : below(4) - 2) * DAY + below(DAY);
        const expected = sortedInMemory(clients, now);
        const today = localDate(now, 'UTC');
        for (const client of clients)
          if (listedRunOutDay(client, today) === undefined) unlisted += 1;
          else listed += 1;
        const limit = check === 0 ? 200 : 1 + below(30);
        const offset = check === 0 ? 0 : below(expected.length + 10);
        const page = await readClientPage({ sort: 'runsOut', offset, limit, now });
        expect(
          page.items.map((client) => client.orgId),
          `seed ${String(seed)}, now ${String(now)}, offset ${String(offset)}, limit ${String(limit)}`,
        ).toEqual(expected.slice(offset, offset + limit));
        expect(page.offset).toBe(offset);
      }
    }
    // The rosters hold both groups, plenty of each.
    expect(Math.min(listed, unlisted)).toBeGreaterThan(1000);
  }, 60_000);

  it('leaves the total to the roster count, as the list by name does, and listClientPage gives it', async () => {
    const clients = roster(3);
    await db.clients.bulkPut(clients);
    expect((await readClientPage({ sort: 'runsOut', now: T0 })).total).toBeUndefined();
    const page = await listClientPage({ sort: 'runsOut', now: T0, limit: 500 });
    const granted = clients.filter((client) => client.revokedAt === undefined).length;
    expect(page.total).toBe(granted);
    expect(page.rosterSize).toBe(clients.length);
    expect(page.items.map((client) => client.orgId)).toEqual(sortedInMemory(clients, T0));
  });

  it('lists a client whose stored trend no index day stands for, rather than leaving it out', async () => {
    // A hand-edited backup can bring a trend whose latest day lies past its own billing period: no
    // fit makes one, so the index holds no day for it, yet on a clock set back it lists a day.
    const period = '2026-01-01';
    const odd = toStoredClient(
      {
        ...clientInput({ name: 'Odd trend' }),
        orgId: 'org-odd-1',
        status: 'active',
        quota: 1000,
        usedVisitors: 100,
        usagePeriod: period,
        createdAt: T0,
        updatedAt: T0,
        usageTrend: { period, perDay: 50, day: addDays(nextPeriodStart(period), 5) },
      },
      period,
    );
    const clients = [...roster(4), odd];
    await db.clients.bulkPut(clients);
    const now = T0 - 20 * DAY;
    const granted = clients.filter((client) => client.revokedAt === undefined).length;
    const page = await readClientPage({ sort: 'runsOut', offset: 0, limit: granted + 10, now });
    const listed = page.items.map((client) => client.orgId);
    expect(listed).toContain('org-odd-1');
    expect(new Set(listed).size).toBe(granted);
  });

  it('reads an empty page of nothing', async () => {
    await db.clients.bulkPut(roster(5));
    expect((await readClientPage({ sort: 'runsOut', now: T0, limit: 0 })).items).toEqual([]);
  });
});
