/**
 * Applying a usage feed (docs/USAGE-FEED.md): rows already read and validated as a whole
 * (lib/io/usage-feed.ts) are applied in batches, one transaction each, through the usage
 * operation's batch form (writeUsages), so auto-pause, billing periods, warnings and the log
 * behave as for any other usage change. A row that cannot apply is listed as a problem; the rest still apply.
 */
import { db, type StoredClient } from '../db/database';
import type { ActivityEntry, Actor } from '../model/activity';
import type { UsageReport } from '../model/org-records';
import type { ChangeArgsInput } from '../model/sync-schema';
import { asDate } from '../model/messages';
import { FEED_PROBLEMS_KEPT, type FeedRowProblem, type StatusMessage } from '../model/usage-feed-status';
import { decideFeedRow, feedRowPeriod, type FeedRowInput, firstPeriodClash } from '../rules/usage-feed-rows';
import { readTransaction, type ResolvedContext, writeTransaction } from './context';
import { loadSettings } from './store';
import { sampleUnchangedUsages, type UsageChange, usageClock, writeUsages } from './usage';
import { checkTeamChange } from '../rules/team-permissions';
import { addHistoryLines, type ChangeSubject, loadTeamConnection, queueChanges } from './team-outbox';

const FEED: Actor = { type: 'rule', rule: 'usage_feed' };

/** Rows per transaction: a stopped worker loses at most one batch, and never half a client. */
export const FEED_BATCH = 500;

export interface FeedRow extends FeedRowInput {
  /** The row's place in the answer, for its problem line. */
  line: number;
}

export interface FeedApplyResult {
  updated: number;
  filed: number;
  unchanged: number;
  problems: FeedRowProblem[];
  problemCount: number;
}

function emptyResult(): FeedApplyResult {
  return { updated: 0, filed: 0, unchanged: 0, problems: [], problemCount: 0 };
}

/**
 * Why the source lowered a number, for the server (which, as the dashboard, takes a lower number
 * only with a reason): the agency's own words come from the background; this stands in without.
 */
const CORRECTION_REASON = 'usage_feed';

/**
 * One batch of rows in one transaction. On a shared roster, each client whose number for the
 * current period changed queues one client.setVisitorsUsed with the new number (a lower one,
 * a correction the agency accepts from this source, with `correctionReason`): the server
 * re-runs it as a person's usage set, so the quota rule and the period's report follow there
 * as here. A number for an earlier period has no change the server runs, so it is listed as a
 * problem rather than filed here alone; a number said again changes nothing to tell.
 */
export async function applyUsageFeedBatch(
  rows: readonly FeedRow[],
  acceptCorrections: boolean,
  now: number,
  correctionReason = CORRECTION_REASON,
): Promise<FeedApplyResult & { changed: string[] }> {
  const ctx: ResolvedContext = { now, actor: FEED };
  return writeTransaction(
    async () => {
      const shared = (await loadTeamConnection()) !== undefined;
      const clock = usageClock(await loadSettings(), now);
      const { billingDay } = clock.settings;
      const periods = rows.map((row) => feedRowPeriod(row, billingDay, clock.period));
      // Read only what the rows' decisions use: a past period's report for a row of a past
      // period, and whether an Org ID was retired for a row whose client is not there.
      const pastKeys = rows.flatMap((row, index): [string, string][] => {
        const period = periods[index] ?? clock.period;
        return period < clock.period ? [[row.orgId, period]] : [];
      });
      const [clients, reports] = await Promise.all([
        db.clients.bulkGet(rows.map((row) => row.orgId)),
        pastKeys.length > 0 ? db.reports.bulkGet(pastKeys) : [],
      ]);
      const pastVisitors = new Map(pastKeys.map(([orgId, period], index) => [`${orgId} ${period}`, reports[index]]));
      const missing = rows.filter((_, index) => clients[index] === undefined).map((row) => row.orgId);
      const retired = new Set(
        missing.length > 0
          ? (await db.orgIds.bulkGet(missing)).flatMap((record) => (record ? [record.orgId] : []))
          : [],
      );
      const result = { ...emptyResult(), changed: [] as string[] };
      // Each row touches only its own client's records, and the answer names a client once per
      // period: so the batch's rows are decided first and each table is then written once for
      // all of them, with the same records as one row after another.
      const current: UsageChange[] = [];
      const unchanged: StoredClient[] = [];
      const filed: UsageReport[] = [];
      const filedLines: ActivityEntry[] = [];
      const queued: { args: ChangeArgsInput<'client.setVisitorsUsed'>; subject: ChangeSubject }[] = [];
      for (const [index, row] of rows.entries()) {
        const client = clients[index];
        const period = periods[index] ?? clock.period;
        const decision = decideFeedRow(row, {
          client,
          retired: retired.has(row.orgId),
          currentPeriod: clock.period,
          billingDay,
          pastVisitors: period < clock.period ? pastVisitors.get(`${row.orgId} ${period}`)?.visitors : undefined,
          acceptCorrections,
        });
        switch (decision.kind) {
          case 'problem':
            result.problemCount += 1;
            result.problems.push({ orgId: row.orgId, line: row.line, key: decision.key, params: decision.params });
            break;
          case 'unchanged':
            result.unchanged += 1;
            if (decision.current && client) unchanged.push(client);
            break;
          case 'past':
            if (shared) {
              result.problemCount += 1;
              result.problems.push({
                orgId: row.orgId,
                line: row.line,
                key: 'usageFeed_rowPastNotShared',
                params: { orgId: row.orgId, period: asDate(decision.period) },
              });
              break;
            }
            result.filed += 1;
            filed.push({ orgId: row.orgId, period: decision.period, visitors: decision.visitors, updatedAt: now });
            filedLines.push({
              action: 'usage_filed',
              orgId: row.orgId,
              details: { period: decision.period, before: decision.before, after: decision.visitors },
              at: now,
              actor: FEED,
            });
            result.changed.push(row.orgId);
            break;
          case 'current':
            if (!client) break;
            result.updated += 1;
            current.push({
              stored: client,
              visitors: decision.visitors,
              entry: (before) => ({
                action: 'usage_set',
                orgId: row.orgId,
                details: { before, after: decision.visitors, period: clock.period },
              }),
            });
            result.changed.push(row.orgId);
            if (shared)
              queued.push({
                args: {
                  orgId: client.orgId,
                  visitors: decision.visitors,
                  ...(decision.visitors < decision.before && { reason: correctionReason }),
                },
                subject: { orgId: client.orgId, clientName: client.name },
              });
            break;
        }
      }
      // Queued first, in the order of the rows: the batch's history lines are then written
      // pending at once, as they would be marked once the changes were queued.
      await queueChanges('client.setVisitorsUsed', queued, now);
      await writeUsages(current, clock, ctx);
      await sampleUnchangedUsages(unchanged, clock, now);
      if (filed.length > 0) await Promise.all([db.reports.bulkPut(filed), addHistoryLines(filedLines)]);
      return result;
    },
    (result) => result.changed,
  );
}

/**
 * Refuses an answer that lists one client twice for one billing period, before anything is
 * written (the periods depend on the agency's billing day, which the parser does not know).
 */
async function periodClash(rows: readonly FeedRow[], now: number): Promise<StatusMessage | undefined> {
  const settings = await readTransaction(loadSettings);
  const clash = firstPeriodClash(rows, settings.billingDay, usageClock(settings, now).period);
  if (!clash) return undefined;
  return {
    key: 'usageFeed_duplicateOrgIdInPeriod',
    params: { orgId: clash.orgId, period: asDate(clash.period), first: clash.first, second: clash.second },
  };
}

/**
 * Applies every row, FEED_BATCH at a time; each batch reads the roster afresh, so a change
 * made meanwhile is seen. The problems kept are the first FEED_PROBLEMS_KEPT; all are counted.
 * An answer listing a client twice for one period is refused whole, with nothing written.
 */
export async function applyUsageFeed(
  rows: readonly FeedRow[],
  acceptCorrections: boolean,
  now: number,
  batchSize = FEED_BATCH,
  correctionReason = CORRECTION_REASON,
): Promise<{ applied: FeedApplyResult } | { failure: StatusMessage }> {
  // A viewer's browser changes nothing on a shared roster, the usage it reads included.
  const team = await readTransaction(loadTeamConnection);
  const may = team ? checkTeamChange(team.member.role, 'client.setVisitorsUsed') : { ok: true as const };
  if (!may.ok) return { failure: { key: may.key, params: may.params } };
  const failure = await periodClash(rows, now);
  if (failure) return { failure };
  const total = emptyResult();
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = await applyUsageFeedBatch(
      rows.slice(start, start + batchSize),
      acceptCorrections,
      now,
      correctionReason,
    );
    total.updated += batch.updated;
    total.filed += batch.filed;
    total.unchanged += batch.unchanged;
    total.problemCount += batch.problemCount;
    total.problems.push(...batch.problems.slice(0, FEED_PROBLEMS_KEPT - total.problems.length));
  }
  return { applied: total };
}
