import { db } from '../db/database';
import { normalizeOrgId } from '../model/ids';
import type { UsageSample } from '../model/usage-records';
import { billingPeriodStart, nextPeriodStart } from '../rules/billing';
import { addDays, type IsoDate, localDate } from '../rules/calendar';
import { runOutDay } from '../rules/usage-forecast';
import { readTransaction, writeTransaction } from './context';
import { loadSettings, requireClient } from './store';

/**
 * Samples are kept this many days: the current billing period and about three before it,
 * enough for the chart and the forecast, few enough that the table stays small.
 */
export const SAMPLE_KEEP_DAYS = 124;
const PRUNE_BATCH = 2000;

/**
 * Deletes samples older than SAMPLE_KEEP_DAYS, found through the day index, at most
 * PRUNE_BATCH per transaction. Returns how many went and whether more may be left.
 */
export async function pruneUsageSamples(now: number): Promise<{ deleted: number; more: boolean }> {
  return writeTransaction(
    async () => {
      const settings = await loadSettings();
      const cutoff = addDays(localDate(now, settings.timeZone), -SAMPLE_KEEP_DAYS);
      const keys = await db.usageSamples.where('day').below(cutoff).limit(PRUNE_BATCH).primaryKeys();
      await db.usageSamples.bulkDelete(keys);
      return { deleted: keys.length, more: keys.length === PRUNE_BATCH };
    },
    () => [],
  );
}

/** One client's samples of one billing period, by day: what the overview's chart draws. */
export async function listUsageSamples(orgId: string, period: string): Promise<UsageSample[]> {
  return readTransaction(async () => {
    const samples = await db.usageSamples.where('orgId').equals(normalizeOrgId(orgId)).toArray();
    return samples.filter((sample) => sample.period === period).sort((a, b) => (a.day < b.day ? -1 : 1));
  });
}

/** What the overview's chart and forecast sentence need about one client's current period. */
export interface UsageOverview {
  /** First day of the current billing period, and the first day of the next one. */
  period: IsoDate;
  nextPeriod: IsoDate;
  today: IsoDate;
  usedVisitors: number;
  quota: number;
  /** Visitors used by the end of each day of the period that has a sample, oldest first. */
  samples: { day: IsoDate; used: number }[];
  /** The forecast run-out day (lib/rules/usage-forecast.ts), when there is one. */
  runsOutOn?: IsoDate;
  /** The recent rate, in visitors per day, behind the forecast. */
  perDay?: number;
}

export async function getUsageOverview(orgId: string, now: number): Promise<UsageOverview> {
  return readTransaction(async () => {
    const [client, settings] = await Promise.all([requireClient(orgId), loadSettings()]);
    const period = billingPeriodStart(now, settings.billingDay, settings.timeZone);
    const today = localDate(now, settings.timeZone);
    const inPeriod = client.usagePeriod === period;
    const samples = inPeriod
      ? (await listUsageSamples(client.orgId, period)).map(({ day, used }) => ({ day, used }))
      : [];
    const runsOutOn = runOutDay(client.usageTrend, client, today);
    return {
      period,
      nextPeriod: nextPeriodStart(period),
      today,
      // A client the background has not moved to this period yet has used nothing in it.
      usedVisitors: inPeriod ? client.usedVisitors : 0,
      quota: client.quota,
      samples,
      ...(runsOutOn !== undefined ? { runsOutOn, perDay: client.usageTrend?.perDay } : {}),
    };
  });
}
