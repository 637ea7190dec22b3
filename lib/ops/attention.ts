import { db } from '../db/database';
import { attentionPurgeHorizon } from '../rules/attention';
import { localDate } from '../rules/calendar';
import { readTransaction } from './context';
import { loadSettings } from './store';

/**
 * How many clients need attention (lib/rules/attention.ts needsAttention): paused ones, and
 * inactive ones to be purged within seven days. Counted on the indexes, no client is read.
 */
export async function countNeedingAttention(now: number): Promise<number> {
  return readTransaction(async () => {
    const settings = await loadSettings();
    const horizon = attentionPurgeHorizon(localDate(now, settings.timeZone));
    // Only inactive clients have a purge date, so the two counts never overlap.
    const [paused, purgeSoon] = await Promise.all([
      db.clients.where('status').equals('paused').count(),
      db.clients.where('purgeOn').belowOrEqual(horizon).count(),
    ]);
    return paused + purgeSoon;
  });
}
