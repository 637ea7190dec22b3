import type { Client } from '../model/client';
import { addDays, type IsoDate, localDate } from './calendar';
import { hasReachedLevel, highestLevel } from './usage-warnings';

/** A client whose purge date is at most this many days away needs the agency's attention. */
export const ATTENTION_PURGE_DAYS = 7;

/** The latest purge date that still counts as "to be purged soon" today. */
export function attentionPurgeHorizon(today: IsoDate): IsoDate {
  return addDays(today, ATTENTION_PURGE_DAYS);
}

/**
 * Paused clients, inactive clients to be purged within seven days (or already due), and
 * active clients whose usage reached the highest warning level (`levels`, in percent).
 */
export function needsAttention(
  client: Pick<Client, 'status' | 'purgeOn'> & Partial<Pick<Client, 'usedVisitors' | 'quota'>>,
  now: number,
  timeZone: string,
  levels: readonly number[] = [],
): boolean {
  if (client.status === 'paused') return true;
  const level = highestLevel(levels);
  const { usedVisitors = 0, quota = 0 } = client;
  if (client.status === 'active' && level !== undefined && quota > 0 && hasReachedLevel(level, usedVisitors, quota))
    return true;
  return (
    client.status === 'inactive' &&
    client.purgeOn !== undefined &&
    client.purgeOn <= attentionPurgeHorizon(localDate(now, timeZone))
  );
}

/** The text of the toolbar badge: the count, or nothing when no client needs attention. */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 999 ? '999+' : String(count);
}

/** The count past which badgeText says the same ("999+"): the badge needs no higher count. */
export const BADGE_COUNT_LIMIT = 1000;
