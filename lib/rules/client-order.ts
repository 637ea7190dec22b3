/**
 * The orders the dashboard lists clients in: by name, usage, purge date or run-out day (the
 * name order itself, which the switcher shares, is in name-order.ts). Pure: no browser, no
 * database, no clock (the run-out order is given today).
 */
import type { Client } from '../model/client';
import type { IsoDate } from './calendar';
import { listedRunOutDay } from './listed-run-out';
import { byCodeUnits, compareByName } from './name-order';
import type { UsageTrend } from './usage-forecast';

export type ClientSort = 'name' | 'usage' | 'purgeOn' | 'runsOut';

/** What ordering needs to know of a client; the stored client holds the folded name and the trend. */
export type OrderedClient = Pick<Client, 'orgId' | 'status' | 'quota' | 'usedVisitors' | 'purgeOn' | 'usagePeriod'> & {
  /** foldForSearch(name) */
  nameKey: string;
  /** The stored usage trend (lib/rules/usage-forecast.ts), when there are enough samples. */
  usageTrend?: UsageTrend | undefined;
};

function usageRatio(client: OrderedClient): number {
  return client.quota > 0 ? client.usedVisitors / client.quota : client.usedVisitors > 0 ? Infinity : 0;
}

/** A date after every purge date or run-out day, for the clients that have none. */
const NO_DATE = '9999-12-31';

type Compare = (a: OrderedClient, b: OrderedClient) => number;

/** The orders that need nothing but the clients themselves. */
const ORDER_OF_CLIENTS: Record<Exclude<ClientSort, 'runsOut'>, Compare> = {
  name: compareByName,
  // Fullest first: the clients closest to being paused by their quota. Inactive clients,
  // which hold only what they used, have no quota to run out of and come last.
  usage: (a, b) =>
    Number(a.status === 'inactive') - Number(b.status === 'inactive') ||
    usageRatio(b) - usageRatio(a) ||
    compareByName(a, b),
  // Clients without a purge date (not inactive) come after those with one.
  purgeOn: (a, b) => byCodeUnits(a.purgeOn ?? NO_DATE, b.purgeOn ?? NO_DATE) || compareByName(a, b),
};

/**
 * Soonest run-out day first (as of `today`), then the clients without a forecast, each group
 * by name. The day is worked out once per client: a sort compares each one many times.
 */
function byRunOutDay(today: IsoDate): Compare {
  const days = new Map<OrderedClient, IsoDate>();
  const dayOf = (client: OrderedClient): IsoDate => {
    let day = days.get(client);
    if (day === undefined) days.set(client, (day = listedRunOutDay(client, today) ?? NO_DATE));
    return day;
  };
  return (a, b) => byCodeUnits(dayOf(a), dayOf(b)) || compareByName(a, b);
}

/** The comparison that lists clients in `sort`'s order; `today` (the agency's) is for the run-out day. */
export function clientOrder(sort: ClientSort, today: IsoDate): Compare {
  return sort === 'runsOut' ? byRunOutDay(today) : ORDER_OF_CLIENTS[sort];
}
