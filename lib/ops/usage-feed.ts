/**
 * Applying a usage feed (docs/USAGE-FEED.md): rows already read and validated as a whole
 * (lib/io/usage-feed.ts) are applied in batches, one transaction each, through the usage
 * operation (writeUsage), so auto-pause, billing periods, warnings and the log behave as for
 * any other usage change. A row that cannot apply is listed as a problem; the rest still apply.
 */
import { db } from '../db/database';
import type { Actor } from '../model/activity';
import { asDate } from '../model/messages';
import { FEED_PROBLEMS_KEPT, type FeedRowProblem, type StatusMessage } from '../model/usage-feed-status';
import { decideFeedRow, feedRowPeriod, type FeedRowInput, firstPeriodClash } from '../rules/usage-feed-rows';
import { readTransaction, type ResolvedContext, writeTransaction } from './context';
import { loadSettings, log } from './store';
import { sampleUnchangedUsage, usageClock, writeUsage } from './usage';
import { checkTeamChange } from '../rules/team-permissions';
import { loadTeamConnection, queueChange } from './team-outbox';

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
      const ids = rows.map((row) => row.orgId);
      const [clients, retired] = await Promise.all([db.clients.bulkGet(ids), db.orgIds.bulkGet(ids)]);
      const pastKeys = rows.map((row): [string, string] => [row.orgId, feedRowPeriod(row, billingDay, clock.period)]);
      const reports = await db.reports.bulkGet(pastKeys);
      const result = { ...emptyResult(), changed: [] as string[] };
      // Each row's writes touch only its own client's records, and the answer names a client
      // once per period: so they go to IndexedDB together, one chain per row, rather than
      // one request after another for the whole batch.
      const writes: (() => Promise<unknown>)[] = [];
      const queued: { orgId: string; clientName: string; visitors: number; lower: boolean }[] = [];
      for (const [index, row] of rows.entries()) {
        const client = clients[index];
        const period = pastKeys[index]?.[1] ?? clock.period;
        const decision = decideFeedRow(row, {
          client,
          retired: retired[index] !== undefined,
          currentPeriod: clock.period,
          billingDay,
          pastVisitors: period < clock.period ? reports[index]?.visitors : undefined,
          acceptCorrections,
        });
        switch (decision.kind) {
          case 'problem':
            result.problemCount += 1;
            result.problems.push({ orgId: row.orgId, line: row.line, key: decision.key, params: decision.params });
            break;
          case 'unchanged':
            result.unchanged += 1;
            if (decision.current && client) writes.push(() => sampleUnchangedUsage(client, clock, now));
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
            writes.push(async () => {
              await db.reports.put({
                orgId: row.orgId,
                period: decision.period,
                visitors: decision.visitors,
                updatedAt: now,
              });
              await log(ctx, {
                action: 'usage_filed',
                orgId: row.orgId,
                details: { period: decision.period, before: decision.before, after: decision.visitors },
              });
            });
            result.changed.push(row.orgId);
            break;
          case 'current':
            if (!client) break;
            result.updated += 1;
            writes.push(() =>
              writeUsage(client, decision.visitors, clock, ctx, (before) => ({
                action: 'usage_set',
                orgId: row.orgId,
                details: { before, after: decision.visitors, period: clock.period },
              })),
            );
            result.changed.push(row.orgId);
            if (shared)
              queued.push({
                orgId: client.orgId,
                clientName: client.name,
                visitors: decision.visitors,
                lower: decision.visitors < decision.before,
              });
            break;
        }
      }
      await Promise.all(writes.map((write) => write()));
      // Queued after the writes, one after another: the outbox keeps the order of the rows.
      for (const change of queued)
        await queueChange(
          'client.setVisitorsUsed',
          {
            orgId: change.orgId,
            visitors: change.visitors,
            ...(change.lower && { reason: correctionReason }),
          },
          { orgId: change.orgId, clientName: change.clientName },
          now,
        );
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
