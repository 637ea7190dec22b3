/**
 * One page of the plain list (every client with access, no search or filter) in the run-out
 * order, read through the run-out day indexes instead of reading and ordering every client.
 *
 * The order is clientOrder('runsOut', today)'s: the listed run-out day (listedRunOutDay as of
 * today), soonest first, then the clients without one, each group by name. The index holds
 * the run-out day as of the trend's latest day (trendRunOutDay, kept by toStoredClient on
 * every write of a client), from which the listed day follows:
 * - a client without an indexed day has no listed day either (same trend, same checks; only a
 *   trend whose latest day lies past its own billing period, which no fit makes and only a
 *   hand-edited backup's samples could bring, would list a day on a clock set back before it;
 *   such a client comes with the clients without a day, by name, rather than not at all);
 * - one with an indexed day S lists max(S, today), or nothing when its trend has gone stale
 *   (a week old, or its billing period over), which listedRunOutDay tells from the record;
 * - S is after the trend's day, which a listed day needs within the week before today, so a
 *   day older than a week lists nothing and is not read.
 * So the listed days grow with the index, every day up to today listing as today. Each indexed
 * day's clients are read in name order through [runsOutOn+nameKey] (schema version 9), no more
 * of them than the page needs: the first of each day from a week ago through today (together
 * they list as today, merged by name), then day after day until the page is full; they are then
 * ordered by the same comparison as before. (Version 8 read each day whole to sort it by name:
 * about 2,800 clients for one day at 100,000.)
 */
import Dexie from 'dexie';
import { db, type StoredClient } from '../db/database';
import { addDays, type IsoDate } from '../rules/calendar';
import { clientOrder } from '../rules/client-order';
import { listedRunOutDay } from '../rules/listed-run-out';
import { FORECAST_WINDOW_DAYS } from '../rules/usage-forecast';

/** A listed client of the run-out order: with access, and with a run-out day as of today. */
function isForecast(client: StoredClient, today: IsoDate): boolean {
  return client.revokedAt === undefined && listedRunOutDay(client, today) !== undefined;
}

/**
 * Whether readForecast brings this client: one with access whose indexed day it reads and which
 * lists a day. Every other client with access comes after them, by name — a client listing a day
 * that no indexed day stands for (the hand-edited trend above) among them, rather than not at all.
 */
function readByIndex(client: StoredClient, today: IsoDate, firstDay: IsoDate): boolean {
  return client.runsOutOn !== undefined && client.runsOutOn >= firstDay && isForecast(client, today);
}

/** The first indexed day readForecast reads: every day from it through today lists as today. */
function firstIndexedDay(today: IsoDate): IsoDate {
  return addDays(today, -FORECAST_WINDOW_DAYS);
}

/** The forecast clients of one indexed day in name order (the [runsOutOn+nameKey] index), at most `limit`. */
function ofDayByName(day: IsoDate, today: IsoDate, limit: number): Promise<StoredClient[]> {
  return db.clients
    .where('[runsOutOn+nameKey]')
    .between([day, Dexie.minKey], [day, Dexie.maxKey])
    .filter((client) => isForecast(client, today))
    .limit(limit)
    .toArray();
}

/** The indexed days from `from` to `to` that some client holds, in order. */
async function indexedDays(from: IsoDate, to: IsoDate): Promise<IsoDate[]> {
  return (await db.clients.where('runsOutOn').between(from, to, true, true).uniqueKeys()) as IsoDate[];
}

/**
 * The clients with access and a listed run-out day, at least the first `needed` of them in
 * the run-out order (fewer only when that is all there are), each day's read in name order;
 * `complete` when they are all there are. The days up to today all list as today: the first
 * `needed` by name of each such day hold the group's first `needed`. Each later day lists as
 * itself, read by name until the page is full.
 */
async function readForecast(needed: number, today: IsoDate): Promise<{ clients: StoredClient[]; complete: boolean }> {
  const listedToday = await Promise.all(
    (await indexedDays(firstIndexedDay(today), today)).map((day) => ofDayByName(day, today, needed)),
  );
  const clients = listedToday.flat().sort(clientOrder('runsOut', today)).slice(0, needed);
  let after = today;
  while (clients.length < needed) {
    const next = (await db.clients.where('runsOutOn').above(after).first())?.runsOutOn;
    if (next === undefined) return { clients, complete: true };
    const ofDay = await ofDayByName(next, today, needed - clients.length);
    clients.push(...ofDay);
    after = next;
  }
  return { clients, complete: false };
}

/** Rows `start` to `start + size` of the plain list in the run-out order of `today`. */
export async function readRunOutPage(start: number, size: number, today: IsoDate): Promise<StoredClient[]> {
  if (size === 0) return [];
  const { clients: forecast, complete } = await readForecast(start + size, today);
  forecast.sort(clientOrder('runsOut', today));
  const items = forecast.slice(start, start + size);
  if (!complete || items.length === size) return items;
  // Past the last forecast: the clients without one, by name, which the nameKey index walks.
  const firstDay = firstIndexedDay(today);
  const rest = await db.clients
    .orderBy('nameKey')
    .filter((client) => client.revokedAt === undefined && !readByIndex(client, today, firstDay))
    .offset(Math.max(0, start - forecast.length))
    .limit(size - items.length)
    .toArray();
  return [...items, ...rest];
}
