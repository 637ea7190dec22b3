import type { Client } from '../model/client';
import { addMonths, daysBetween, type IsoDate, localDate } from './calendar';

/** How long an inactive client's data is kept before it is purged. */
export const GRACE_MONTHS = 3;

/** The purge date of a client that went inactive at `inactiveAt`: three calendar months on. */
export function purgeDateFor(inactiveAt: number, timeZone: string): IsoDate {
  return addMonths(localDate(inactiveAt, timeZone), GRACE_MONTHS);
}

/** A client is purged on its purge date; from that day on it can no longer be reactivated. */
export function isPurgeDue(purgeOn: IsoDate, now: number, timeZone: string): boolean {
  return localDate(now, timeZone) >= purgeOn;
}

export function canReactivate(client: Pick<Client, 'status' | 'purgeOn'>, now: number, timeZone: string): boolean {
  return client.status === 'inactive' && client.purgeOn !== undefined && !isPurgeDue(client.purgeOn, now, timeZone);
}

/** Calendar days left until the purge date; 0 on the day itself. */
export function daysUntilPurge(purgeOn: IsoDate, now: number, timeZone: string): number {
  return Math.max(0, daysBetween(localDate(now, timeZone), purgeOn));
}
