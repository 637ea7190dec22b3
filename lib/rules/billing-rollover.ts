import type { ActivityEntry } from '../model/activity';
import type { Client } from '../model/client';
import type { IsoDate } from './calendar';

/**
 * What the start of a new billing period does to one client, or undefined when the client's
 * usage already counts in `period` (or in a later one: a clock that went backwards never
 * moves a period back).
 *
 * Usage starts again from zero. A client the quota rule paused is active again. An inactive
 * client holds only the licenses it used this period, so with its usage back at zero it gives
 * them all back to the pool.
 */
export interface Rollover {
  usedBefore: number;
  unpause: boolean;
  /** Licenses that go back to the pool (inactive clients only). */
  licensesReturned: number;
  next: Pick<Client, 'usedVisitors' | 'status' | 'quota'> & { usagePeriod: IsoDate };
}

export function billingRollover(
  client: Pick<Client, 'status' | 'quota' | 'usedVisitors' | 'usagePeriod'>,
  period: IsoDate,
): Rollover | undefined {
  if (client.usagePeriod !== undefined && client.usagePeriod >= period) return undefined;
  const inactive = client.status === 'inactive';
  const licensesReturned = inactive ? client.quota : 0;
  return {
    usedBefore: client.usedVisitors,
    // Only the quota rule pauses a whole client, so a paused client is a quota pause.
    unpause: client.status === 'paused',
    licensesReturned,
    next: {
      usedVisitors: 0,
      status: client.status === 'paused' ? 'active' : client.status,
      quota: client.quota - licensesReturned,
      usagePeriod: period,
    },
  };
}

/** A period that starts with nothing to reset (no usage, no licenses back, no pause) is not worth a line in anyone's history. */
export function rolloverIsLogged(change: Rollover): boolean {
  return change.usedBefore > 0 || change.licensesReturned > 0 || change.unpause;
}

/**
 * The history lines a new period writes for one client, as the billing rule's: the reset (with
 * the licenses an inactive client gave back), then the lift of a quota pause with the
 * experiments it resumed. None for a period with nothing to reset.
 */
export function rolloverEntries(
  orgId: string,
  change: Rollover,
  quotaAfter: number,
  experimentsResumed: number,
): Omit<ActivityEntry, 'id' | 'at' | 'actor'>[] {
  if (!rolloverIsLogged(change)) return [];
  const { licensesReturned } = change;
  const entries: Omit<ActivityEntry, 'id' | 'at' | 'actor'>[] = [
    {
      action: 'usage_reset',
      orgId,
      ...(licensesReturned > 0 ? { quotaDelta: -licensesReturned } : {}),
      details: { period: change.next.usagePeriod, usedVisitors: change.usedBefore, licensesReturned },
    },
  ];
  if (change.unpause)
    entries.push({
      action: 'client_unpaused',
      orgId,
      details: { usedVisitors: 0, quota: quotaAfter, experimentsResumed },
    });
  return entries;
}
