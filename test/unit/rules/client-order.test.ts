import { describe, expect, it } from 'vitest';
import { clientOrder, type OrderedClient } from '../../../lib/rules/client-order';
import { listedRunOutDay } from '../../../lib/rules/listed-run-out';

const PERIOD = '2026-01-01';
const TODAY = '2026-01-17';

/** A client using `perDay` visitors a day, its latest sample on `day`; no trend when perDay is undefined. */
function client(name: string, perDay: number | undefined, extra: Partial<OrderedClient> = {}): OrderedClient {
  return {
    orgId: `ORG-${name.toUpperCase().padEnd(8, 'X')}`,
    nameKey: name.toLowerCase(),
    status: 'active',
    quota: 1_000,
    usedVisitors: 300,
    usagePeriod: PERIOD,
    ...(perDay === undefined ? {} : { usageTrend: { period: PERIOD, perDay, day: TODAY } }),
    ...extra,
  };
}

const order = (clients: OrderedClient[], today = TODAY) =>
  [...clients].sort(clientOrder('runsOut', today)).map((entry) => entry.nameKey);

describe('the run-out order', () => {
  it('lists the soonest run-out day first, then the clients without a forecast, each by name', () => {
    const clients = [
      client('alpha', undefined),
      client('bravo', 10), // 70 days
      client('charlie', 100), // 7 days
      client('delta', 0), // not growing: no forecast
      client('echo', 100, { status: 'inactive' }), // inactive: no forecast
      client('foxtrot', 50), // 14 days
      client('golf', 100), // 7 days, tied with charlie: by name
    ];
    expect(order(clients)).toEqual(['charlie', 'golf', 'foxtrot', 'bravo', 'alpha', 'delta', 'echo']);
  });

  it('counts from the day it is given: a line older than the window forecasts nothing', () => {
    const clients = [client('bravo', 100), client('alpha', undefined), client('charlie', 50)];
    expect(order(clients)).toEqual(['bravo', 'charlie', 'alpha']);
    expect(order(clients, '2026-01-24')).toEqual(['alpha', 'bravo', 'charlie']);
  });

  it('leaves the other orders as they were', () => {
    const clients = [client('bravo', 100), client('alpha', undefined)];
    expect([...clients].sort(clientOrder('name', TODAY)).map((entry) => entry.nameKey)).toEqual(['alpha', 'bravo']);
  });
});

describe('listedRunOutDay', () => {
  it('is the forecast day of an active or paused client, and none for an inactive one', () => {
    expect(listedRunOutDay(client('a', 100), TODAY)).toBe('2026-01-24');
    expect(listedRunOutDay(client('a', 100, { status: 'paused' }), TODAY)).toBe('2026-01-24');
    expect(listedRunOutDay(client('a', 100, { status: 'inactive' }), TODAY)).toBeUndefined();
    expect(listedRunOutDay(client('a', undefined), TODAY)).toBeUndefined();
  });
});
