import { describe, expect, it } from 'vitest';
import { asDate } from '../../../lib/model/messages';
import {
  decideFeedRow,
  type FeedRowContext,
  feedRowPeriod,
  firstPeriodClash,
} from '../../../lib/rules/usage-feed-rows';

const ORG = 'ORG-AAAA1111';
const PERIOD = '2026-03-15';

/** A context for an active client counting 500 in the current period (billing day 15). */
function context(overrides: Partial<FeedRowContext> = {}): FeedRowContext {
  return {
    client: { status: 'active', usedVisitors: 500, usagePeriod: PERIOD },
    retired: false,
    currentPeriod: PERIOD,
    billingDay: 15,
    acceptCorrections: false,
    ...overrides,
  };
}

describe('feedRowPeriod', () => {
  it('is the current period without period_start, else the period containing that day', () => {
    expect(feedRowPeriod({ orgId: ORG, visitorsUsed: 1 }, 15, PERIOD)).toBe(PERIOD);
    expect(feedRowPeriod({ orgId: ORG, visitorsUsed: 1, periodStart: '2026-03-20' }, 15, PERIOD)).toBe(PERIOD);
    expect(feedRowPeriod({ orgId: ORG, visitorsUsed: 1, periodStart: '2026-03-14' }, 15, PERIOD)).toBe('2026-02-15');
    expect(feedRowPeriod({ orgId: ORG, visitorsUsed: 1, periodStart: '2026-01-01' }, 15, PERIOD)).toBe('2025-12-15');
  });
});

describe('decideFeedRow', () => {
  it('sets the current number', () => {
    expect(decideFeedRow({ orgId: ORG, visitorsUsed: 650 }, context())).toEqual({
      kind: 'current',
      visitors: 650,
      before: 500,
    });
    // A period_start within the current period is the current period too.
    expect(decideFeedRow({ orgId: ORG, visitorsUsed: 650, periodStart: '2026-03-15' }, context())).toEqual({
      kind: 'current',
      visitors: 650,
      before: 500,
    });
  });

  it('lists an Org ID no client has as unknown, and one a deleted client had as deleted', () => {
    expect(decideFeedRow({ orgId: ORG, visitorsUsed: 1 }, context({ client: undefined }))).toEqual({
      kind: 'problem',
      key: 'usageFeed_rowUnknown',
      params: { orgId: ORG },
    });
    expect(decideFeedRow({ orgId: ORG, visitorsUsed: 1 }, context({ client: undefined, retired: true }))).toEqual({
      kind: 'problem',
      key: 'usageFeed_rowDeleted',
      params: { orgId: ORG },
    });
  });

  it('refuses a revoked client, even an active one, and an inactive client', () => {
    const revoked = { status: 'active' as const, usedVisitors: 500, usagePeriod: PERIOD, revokedAt: 1 };
    expect(decideFeedRow({ orgId: ORG, visitorsUsed: 600 }, context({ client: revoked }))).toEqual({
      kind: 'problem',
      key: 'usageFeed_rowRevoked',
      params: { orgId: ORG },
    });
    const inactive = { status: 'inactive' as const, usedVisitors: 500, usagePeriod: PERIOD };
    expect(decideFeedRow({ orgId: ORG, visitorsUsed: 600 }, context({ client: inactive }))).toEqual({
      kind: 'problem',
      key: 'usageFeed_rowInactive',
      params: { orgId: ORG },
    });
  });

  it('refuses a future period', () => {
    expect(decideFeedRow({ orgId: ORG, visitorsUsed: 600, periodStart: '2026-04-15' }, context())).toEqual({
      kind: 'problem',
      key: 'usageFeed_rowFuturePeriod',
      params: { orgId: ORG, period: asDate('2026-04-15') },
    });
  });

  it("files a past period's number under its report, compared with that report", () => {
    const row = { orgId: ORG, visitorsUsed: 900, periodStart: '2026-02-20' };
    expect(decideFeedRow(row, context({ pastVisitors: 800 }))).toEqual({
      kind: 'past',
      period: '2026-02-15',
      visitors: 900,
      before: 800,
    });
    // No report yet for that period: it counted nothing.
    expect(decideFeedRow(row, context())).toEqual({ kind: 'past', period: '2026-02-15', visitors: 900, before: 0 });
    expect(decideFeedRow(row, context({ pastVisitors: 900 }))).toEqual({ kind: 'unchanged', current: false });
  });

  it('lists a lower number as a problem unless corrections are accepted', () => {
    expect(decideFeedRow({ orgId: ORG, visitorsUsed: 400 }, context())).toEqual({
      kind: 'problem',
      key: 'usageFeed_rowDecrease',
      params: { orgId: ORG, before: 500, after: 400 },
    });
    expect(decideFeedRow({ orgId: ORG, visitorsUsed: 400 }, context({ acceptCorrections: true }))).toEqual({
      kind: 'current',
      visitors: 400,
      before: 500,
    });
    const past = { orgId: ORG, visitorsUsed: 700, periodStart: '2026-02-15' };
    expect(decideFeedRow(past, context({ pastVisitors: 800 }))).toEqual({
      kind: 'problem',
      key: 'usageFeed_rowDecrease',
      params: { orgId: ORG, before: 800, after: 700 },
    });
    expect(decideFeedRow(past, context({ pastVisitors: 800, acceptCorrections: true }))).toEqual({
      kind: 'past',
      period: '2026-02-15',
      visitors: 700,
      before: 800,
    });
  });

  it('says unchanged for the same number, current for the current period', () => {
    expect(decideFeedRow({ orgId: ORG, visitorsUsed: 500 }, context())).toEqual({ kind: 'unchanged', current: true });
  });

  it('counts a client not yet moved to the current period as 0 there', () => {
    const stale = { status: 'paused' as const, usedVisitors: 1000, usagePeriod: '2026-02-15' };
    expect(decideFeedRow({ orgId: ORG, visitorsUsed: 30 }, context({ client: stale }))).toEqual({
      kind: 'current',
      visitors: 30,
      before: 0,
    });
    expect(decideFeedRow({ orgId: ORG, visitorsUsed: 0 }, context({ client: stale }))).toEqual({
      kind: 'unchanged',
      current: true,
    });
  });

  it('checks who the client is before the period: a deleted client with a future row is listed as deleted', () => {
    const row = { orgId: ORG, visitorsUsed: 1, periodStart: '2027-01-15' };
    expect(decideFeedRow(row, context({ client: undefined, retired: true }))).toMatchObject({
      key: 'usageFeed_rowDeleted',
    });
  });
});

describe('firstPeriodClash', () => {
  it('finds a row without period_start and one naming a day of the current period', () => {
    const rows = [
      { orgId: 'ORG-BBBB2222', visitorsUsed: 5, line: 2 },
      { orgId: ORG, visitorsUsed: 10, line: 3 },
      { orgId: ORG, visitorsUsed: 12, periodStart: '2026-03-20', line: 4 },
    ];
    expect(firstPeriodClash(rows, 15, PERIOD)).toEqual({ orgId: ORG, period: PERIOD, first: 3, second: 4 });
  });

  it('finds two days of one past period', () => {
    const rows = [
      { orgId: ORG, visitorsUsed: 10, periodStart: '2026-02-15', line: 2 },
      { orgId: ORG, visitorsUsed: 12, periodStart: '2026-03-14', line: 7 },
    ];
    expect(firstPeriodClash(rows, 15, PERIOD)).toEqual({ orgId: ORG, period: '2026-02-15', first: 2, second: 7 });
  });

  it('lets one client have one row per period, and other clients the same period', () => {
    const rows = [
      { orgId: ORG, visitorsUsed: 10, line: 2 },
      { orgId: ORG, visitorsUsed: 900, periodStart: '2026-02-15', line: 3 },
      { orgId: ORG, visitorsUsed: 800, periodStart: '2026-01-15', line: 4 },
      { orgId: 'ORG-BBBB2222', visitorsUsed: 10, line: 5 },
    ];
    expect(firstPeriodClash(rows, 15, PERIOD)).toBeUndefined();
    expect(firstPeriodClash([], 15, PERIOD)).toBeUndefined();
  });

  it('reports the first clash in row order', () => {
    const rows = [
      { orgId: 'ORG-BBBB2222', visitorsUsed: 1, line: 2 },
      { orgId: ORG, visitorsUsed: 1, line: 3 },
      { orgId: ORG, visitorsUsed: 1, periodStart: '2026-03-15', line: 4 },
      { orgId: 'ORG-BBBB2222', visitorsUsed: 1, periodStart: '2026-04-01', line: 5 },
    ];
    expect(firstPeriodClash(rows, 15, PERIOD)).toMatchObject({ first: 3, second: 4 });
  });
});
