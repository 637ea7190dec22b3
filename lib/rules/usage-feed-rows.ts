/**
 * What one row of a usage feed does (docs/USAGE-FEED.md): set a client's visitors used in the
 * current billing period, file a number under an earlier period's report, nothing (the same
 * number again), or nothing but a problem listed for that row. Pure: the operation reads what
 * the decision needs and writes what it says.
 */
import type { Client } from '../model/client';
import type { MessageKey, MessageParams } from '../model/messages';
import { asDate } from '../model/messages';
import { billingPeriodOf } from './billing';
import type { IsoDate } from './calendar';

export interface FeedRowInput {
  orgId: string;
  visitorsUsed: number;
  /** A day in the period the number counts; absent for the current period. */
  periodStart?: IsoDate;
}

export type FeedRowDecision =
  | { kind: 'current'; visitors: number; before: number }
  | { kind: 'past'; period: IsoDate; visitors: number; before: number }
  /** The same number as stored; `current` when it is the current period's (still a sample for the forecast). */
  | { kind: 'unchanged'; current: boolean }
  | { kind: 'problem'; key: MessageKey; params: MessageParams };

export interface FeedRowContext {
  /** The client holding the row's Org ID, if any. */
  client?: Pick<Client, 'status' | 'revokedAt' | 'usedVisitors' | 'usagePeriod'>;
  /** The Org ID belonged to a client that was deleted or purged. */
  retired: boolean;
  currentPeriod: IsoDate;
  billingDay: number;
  /** Visitors stored for the row's period when it is an earlier one (its report), else undefined. */
  pastVisitors?: number;
  /** The agency accepts numbers lower than the stored ones from this source. */
  acceptCorrections: boolean;
}

/** The billing period a row's number counts in: the one that contains its period_start, else the current one. */
export function feedRowPeriod(row: FeedRowInput, billingDay: number, currentPeriod: IsoDate): IsoDate {
  return row.periodStart === undefined ? currentPeriod : billingPeriodOf(row.periodStart, billingDay);
}

function problem(key: MessageKey, params: MessageParams): FeedRowDecision {
  return { kind: 'problem', key, params };
}

export function decideFeedRow(row: FeedRowInput, context: FeedRowContext): FeedRowDecision {
  const { client } = context;
  const { orgId } = row;
  if (!client) return problem(context.retired ? 'usageFeed_rowDeleted' : 'usageFeed_rowUnknown', { orgId });
  if (client.revokedAt !== undefined) return problem('usageFeed_rowRevoked', { orgId });
  if (client.status === 'inactive') return problem('usageFeed_rowInactive', { orgId });
  const period = feedRowPeriod(row, context.billingDay, context.currentPeriod);
  if (period > context.currentPeriod) return problem('usageFeed_rowFuturePeriod', { orgId, period: asDate(period) });
  // A client the background has not moved to the new period yet counts nothing in it so far.
  const before =
    period < context.currentPeriod
      ? (context.pastVisitors ?? 0)
      : client.usagePeriod === context.currentPeriod
        ? client.usedVisitors
        : 0;
  const visitors = row.visitorsUsed;
  if (visitors === before) return { kind: 'unchanged', current: period === context.currentPeriod };
  if (visitors < before && !context.acceptCorrections)
    return problem('usageFeed_rowDecrease', { orgId, before, after: visitors });
  return period < context.currentPeriod
    ? { kind: 'past', period, visitors, before }
    : { kind: 'current', visitors, before };
}

/**
 * Two rows for one client and one billing period, found once the periods are known: a row
 * without period_start and one naming a day of the current period say the same thing twice.
 * The parser refuses rows that repeat an Org ID and period_start as written; this catches the
 * rest. Returns the first clash, for a failure that refuses the whole answer.
 */
export function firstPeriodClash(
  rows: readonly (FeedRowInput & { line: number })[],
  billingDay: number,
  currentPeriod: IsoDate,
): { orgId: string; period: IsoDate; first: number; second: number } | undefined {
  const seen = new Map<string, number>();
  for (const row of rows) {
    const period = feedRowPeriod(row, billingDay, currentPeriod);
    const key = `${row.orgId} ${period}`;
    const first = seen.get(key);
    if (first !== undefined) return { orgId: row.orgId, period, first, second: row.line };
    seen.set(key, row.line);
  }
  return undefined;
}
