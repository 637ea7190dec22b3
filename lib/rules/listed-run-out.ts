/**
 * The run-out day the lists show (Manage Clients, the switcher). Its own module so that the
 * popup loads it without the dashboard's orders.
 */
import type { Client } from '../model/client';
import type { IsoDate } from './calendar';
import { runOutDay, type UsageTrend } from './usage-forecast';

/** What the run-out day of a listed client needs: its status, its usage and its stored trend. */
export type ForecastedClient = Pick<Client, 'status' | 'quota' | 'usedVisitors' | 'usagePeriod'> & {
  usageTrend?: UsageTrend | undefined;
};

/**
 * The forecast day the client reaches its quota (lib/rules/usage-forecast.ts), or undefined.
 * An inactive client no longer counts against a quota, so the line its last usage drew
 * forecasts nothing.
 */
export function listedRunOutDay(client: ForecastedClient, today: IsoDate): IsoDate | undefined {
  if (client.status === 'inactive') return undefined;
  return runOutDay(client.usageTrend, client, today);
}
