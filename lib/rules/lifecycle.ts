import type { Client } from '../model/client';
import { asDate, type MessageKey, type MessageParams } from '../model/messages';
import { addMonths, daysBetween, type IsoDate, localDate } from './calendar';
import { checkPoolHas, isAtQuota, type RuleResult } from './quota';

/** How long an inactive client's data is kept before it is purged. */
export const GRACE_MONTHS = 3;

/** The purge date of a client that went inactive at `inactiveAt`: three calendar months on. */
export function purgeDateFor(inactiveAt: number, timeZone: string): IsoDate {
  return addMonths(localDate(inactiveAt, timeZone), GRACE_MONTHS);
}

/**
 * The day of an instant differs between time zones by at most one either way (UTC-12 to
 * UTC+14): the earliest and latest purge dates that going inactive at `inactiveAt` can give,
 * whatever the agency's time zone was then.
 */
export function purgeDateRange(inactiveAt: number): [IsoDate, IsoDate] {
  return [purgeDateFor(inactiveAt, 'Etc/GMT+12'), purgeDateFor(inactiveAt, 'Pacific/Kiritimati')];
}

/** An inactive client keeps the licenses it has used, never more than it had: the rest go back to the pool. */
export function licensesKeptWhenInactive(quota: number, usedVisitors: number): number {
  return Math.min(quota, usedVisitors);
}

/** The fields that only an inactive client has, and always has. */
export const INACTIVITY_FIELDS = ['purgeOn', 'inactiveSince', 'quotaBeforeInactive'] as const;

type LifecycleRecord = Pick<
  Client,
  'orgId' | 'name' | 'status' | 'quota' | 'usedVisitors' | (typeof INACTIVITY_FIELDS)[number]
>;

/** What going inactive at `now` makes of a client: the fields markInactive writes. */
export function inactiveFields(
  client: Pick<Client, 'quota' | 'usedVisitors'>,
  now: number,
  timeZone: string,
): Required<Pick<Client, 'status' | 'quota' | (typeof INACTIVITY_FIELDS)[number]>> {
  return {
    status: 'inactive',
    quota: licensesKeptWhenInactive(client.quota, client.usedVisitors),
    quotaBeforeInactive: client.quota,
    inactiveSince: now,
    purgeOn: purgeDateFor(now, timeZone),
  };
}

/** One way in which a client record breaks the lifecycle rules, with the field at fault. */
export interface LifecycleBreach {
  field: 'quota' | (typeof INACTIVITY_FIELDS)[number];
  key: MessageKey;
  params: MessageParams;
}

/**
 * Whether a client record is one that the lifecycle operations could have written, as seen at
 * `now`: only an inactive client has a purge date, the time it went inactive and the quota it
 * had before, and it always has all three; it went inactive at a time that has come, its
 * purge date is three calendar months after that day (in the agency's time zone of the day,
 * whichever it was), and it holds no license it did not use. `timeZone` only words the dates.
 * Returns every breach; none means the record keeps the rules.
 */
export function lifecycleBreaches(client: LifecycleRecord, now: number, timeZone: string): LifecycleBreach[] {
  const who = { name: client.name, orgId: client.orgId };
  if (client.status !== 'inactive')
    return INACTIVITY_FIELDS.filter((field) => client[field] !== undefined).map((field) => ({
      field,
      key: 'import_onlyInactiveHas',
      params: who,
    }));
  const missing = INACTIVITY_FIELDS.filter((field) => client[field] === undefined);
  const breaches: LifecycleBreach[] = missing.map((field) => ({ field, key: 'import_inactiveLacks', params: who }));
  const { inactiveSince, purgeOn, quotaBeforeInactive } = client;
  if (inactiveSince !== undefined) {
    const since = localDate(inactiveSince, timeZone);
    if (inactiveSince > now)
      breaches.push({
        field: 'inactiveSince',
        key: 'import_inactiveSinceLater',
        params: { ...who, since: asDate(since) },
      });
    const [earliest, latest] = purgeDateRange(inactiveSince);
    if (purgeOn !== undefined && !(earliest <= purgeOn && purgeOn <= latest))
      breaches.push({
        field: 'purgeOn',
        key: 'import_purgeDateNotGrace',
        params: {
          ...who,
          since: asDate(since),
          expected: asDate(purgeDateFor(inactiveSince, timeZone)),
          purgeOn: asDate(purgeOn),
        },
      });
  }
  const most = licensesKeptWhenInactive(quotaBeforeInactive ?? client.quota, client.usedVisitors);
  if (client.quota > most)
    breaches.push({
      field: 'quota',
      key: 'import_inactiveHoldsUnused',
      params: { ...who, used: client.usedVisitors, most, quota: client.quota },
    });
  return breaches;
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

/** A client goes inactive once: an inactive one is refused rather than given a new purge date. */
export function checkMarkInactive(client: Pick<Client, 'status'>): RuleResult {
  if (client.status === 'inactive') return { ok: false, key: 'error_clientAlreadyInactive', params: {} };
  return { ok: true };
}

/**
 * Whether an inactive client may come back at `now` with `quota` licenses, `free` being what
 * the pool has free: only before its purge date, never below the visitors it used, and what
 * it takes beyond the licenses it still holds must be free. The refusals in this order.
 */
export function checkReactivation(
  client: Pick<Client, 'status' | 'purgeOn' | 'quota' | 'usedVisitors'>,
  quota: number,
  free: number,
  now: number,
  timeZone: string,
): RuleResult {
  if (client.status !== 'inactive') return { ok: false, key: 'error_clientNotInactive', params: {} };
  if (!canReactivate(client, now, timeZone))
    return {
      ok: false,
      key: 'error_reactivateTooLate',
      params: { date: asDate(client.purgeOn ?? localDate(now, timeZone)) },
    };
  if (quota < client.usedVisitors)
    return { ok: false, key: 'error_quotaBelowUsage', params: { used: client.usedVisitors } };
  return checkPoolHas(quota - client.quota, free);
}

type InactivityField = (typeof INACTIVITY_FIELDS)[number];

/**
 * What reactivation with `quota` makes of an inactive client: the inactivity fields gone, the
 * licenses it takes from the pool (`delta`), and whether it is back at 100% already (`paused`:
 * what inactivity paused then waits for the quota rule instead of resuming).
 */
export function reactivation<C extends Pick<Client, 'quota' | 'usedVisitors'> & Partial<Pick<Client, InactivityField>>>(
  client: C,
  quota: number,
): {
  client: Omit<C, InactivityField> & { status: 'active' | 'paused'; quota: number };
  delta: number;
  paused: boolean;
} {
  const { quotaBeforeInactive: _before, inactiveSince: _since, purgeOn: _purge, ...rest } = client;
  const paused = isAtQuota({ usedVisitors: client.usedVisitors, quota });
  return { client: { ...rest, status: paused ? 'paused' : 'active', quota }, delta: quota - client.quota, paused };
}
