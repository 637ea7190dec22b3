import type { Client } from '../model/client';
import { addDays, type IsoDate, localDate } from './calendar';

/** A client whose purge date is at most this many days away needs the agency's attention. */
export const ATTENTION_PURGE_DAYS = 7;

/** The latest purge date that still counts as "to be purged soon" today. */
export function attentionPurgeHorizon(today: IsoDate): IsoDate {
  return addDays(today, ATTENTION_PURGE_DAYS);
}

/** Paused clients, and inactive clients to be purged within seven days (or already due). */
export function needsAttention(client: Pick<Client, 'status' | 'purgeOn'>, now: number, timeZone: string): boolean {
  if (client.status === 'paused') return true;
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
