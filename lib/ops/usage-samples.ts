import { db } from '../db/database';
import { addDays, localDate } from '../rules/calendar';
import { readTransaction, writeTransaction } from './context';
import { loadSettings } from './store';
import type { UsageSample } from '../model/usage-records';

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
    const samples = await db.usageSamples.where('orgId').equals(orgId.trim().toUpperCase()).toArray();
    return samples.filter((sample) => sample.period === period).sort((a, b) => (a.day < b.day ? -1 : 1));
  });
}
