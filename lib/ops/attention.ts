import Dexie from 'dexie';
import { db } from '../db/database';
import { attentionPurgeHorizon } from '../rules/attention';
import { localDate } from '../rules/calendar';
import { highestLevel } from '../rules/usage-warnings';
import { readTransaction } from './context';
import { loadSettings } from './store';

/**
 * How many clients need attention (lib/rules/attention.ts needsAttention): paused ones,
 * inactive ones to be purged within seven days, and active ones over the highest usage
 * warning level. Counted on the indexes, no client is read.
 */
export async function countNeedingAttention(now: number): Promise<number> {
  return readTransaction(async () => {
    const settings = await loadSettings();
    const horizon = attentionPurgeHorizon(localDate(now, settings.timeZone));
    // Only inactive clients have a purge date, so the two counts never overlap.
    // Active clients only: a paused one is counted as paused, an inactive one has no quota to run out of.
    const level = highestLevel(settings.usageWarningLevels);
    const [paused, purgeSoon, nearQuota] = await Promise.all([
      db.clients.where('status').equals('paused').count(),
      db.clients.where('purgeOn').belowOrEqual(horizon).count(),
      level === undefined
        ? 0
        : db.clients
            .where('[status+usagePercent]')
            .between(['active', level], ['active', Dexie.maxKey], true, true)
            .count(),
    ]);
    return paused + purgeSoon + nearQuota;
  });
}
