import Dexie, { type Collection } from 'dexie';
import { db, type StoredClient } from '../db/database';
import { attentionPurgeHorizon } from '../rules/attention';
import { localDate } from '../rules/calendar';
import { highestLevel } from '../rules/usage-warnings';
import { readTransaction } from './context';
import { loadSettings } from './store';

/**
 * How many clients need attention (lib/rules/attention.ts needsAttention): paused ones,
 * inactive ones to be purged within seven days, and active ones over the highest usage
 * warning level. Counted on the indexes, no client is read.
 *
 * With `upTo`, counting stops there (the badge passes BADGE_COUNT_LIMIT: it shows "999+" past
 * it). Chromium counts an index range by walking every entry in it (about 9 µs each), so an
 * exact count grows with the roster: 4,000 paused clients and 10,000 near their quota in a
 * 100,000-client roster took ~150 ms of each background run. Read as at most `upTo` keys per
 * range, one range after the other, the badge costs the same at 100,000 clients as at 1,000.
 */
export async function countNeedingAttention(now: number, upTo = Number.POSITIVE_INFINITY): Promise<number> {
  return readTransaction(async () => {
    const settings = await loadSettings();
    const horizon = attentionPurgeHorizon(localDate(now, settings.timeZone));
    // Only inactive clients have a purge date, so the counts never overlap.
    // Active clients only: a paused one is counted as paused, an inactive one has no quota to run out of.
    const level = highestLevel(settings.usageWarningLevels);
    const ranges: Collection<StoredClient, string>[] = [
      db.clients.where('status').equals('paused'),
      db.clients.where('purgeOn').belowOrEqual(horizon),
    ];
    if (level !== undefined)
      ranges.push(
        db.clients.where('[status+usagePercent]').between(['active', level], ['active', Dexie.maxKey], true, true),
      );
    if (upTo === Number.POSITIVE_INFINITY) {
      const counts = await Promise.all(ranges.map((range) => range.count()));
      return counts.reduce((sum, count) => sum + count, 0);
    }
    let counted = 0;
    for (const range of ranges) {
      if (counted >= upTo) break;
      counted += (await range.limit(upTo - counted).primaryKeys()).length;
    }
    return counted;
  });
}
