import { db, type StoredClient } from '../db/database';
import type { Client } from '../model/client';
import { AppError, ImportRefusedError } from '../model/errors';
import type { PreparedImport } from '../model/import';
import type { Settings } from '../model/settings';
import type { BackupUsageSample } from '../model/backup';
import { importActivity } from '../rules/import-activity';
import {
  csvUsageChanges,
  type ImportChoices,
  type ImportPlan,
  type ImportState,
  namedOrgIds,
  type PlannedCreate,
  type PlannedUpdate,
  planImport,
  restoredUsageTrend,
} from '../rules/import-plan';
import { generateOrgId, type RandomBytes } from '../rules/org-id';
import { type OpContext, readTransaction, resolve, type ResolvedContext, writeTransaction } from './context';
import { applySettingsPatch } from './settings';
import { newSyncId } from '../model/sync-ids';
import { type ChangeArgsInput, syncIdSchema } from '../model/sync-schema';
import { checkTeamAbility } from '../rules/team-permissions';
import { loadTeamConnection, queueChange, requireTeamChange } from './team-outbox';
import { changeAllocated, loadAllocated, loadSettings, toStoredClient } from './store';
import { sampleAndTrends, type UsageClock, usageClock } from './usage';
import { decideUsageAlertsOf } from './usage-alerts';

export type { ImportChoices, ImportPlan } from '../rules/import-plan';

/** Records written per bulk call; progress is told between chunks. */
const CHUNK = 1000;
const ORG_ID_ROUNDS = 20;

/** Reads what the plan depends on; runs inside the caller's transaction. */
async function loadState(prepared: PreparedImport): Promise<ImportState> {
  const ids = [...new Set(namedOrgIds(prepared))];
  const [clients, retiredRecords, settings, allocated] = await Promise.all([
    db.clients.bulkGet(ids),
    db.orgIds.bulkGet(ids),
    loadSettings(),
    loadAllocated(),
  ]);
  const existing = new Map<string, StoredClient>();
  for (const client of clients) if (client) existing.set(client.orgId, client);
  const retired = new Set<string>();
  for (const record of retiredRecords) if (record) retired.add(record.orgId);
  return { existing, retired, settings, allocated };
}

/** What the import would do, and every problem that stops it; writes nothing. */
export async function previewImport(
  prepared: PreparedImport,
  choices: ImportChoices,
  context?: OpContext,
): Promise<ImportPlan> {
  const { now } = resolve(context);
  return readTransaction(async () => planImport(prepared, await loadState(prepared), choices, now));
}

export interface ImportResult {
  created: number;
  updated: number;
  skipped: number;
}

export interface ImportOptions extends OpContext {
  /** Told how many records are written so far, between bulk writes; it must not throw or wait. */
  onProgress?: (done: number, total: number) => void;
  random?: RandomBytes;
}

/** Whether the import gives new Org IDs: a CSV with rows that have none. */
function issuesOrgIds(prepared: PreparedImport): boolean {
  return prepared.kind === 'csv' && prepared.rows.some((row) => row.orgId === undefined);
}

/** Every Org ID held by a client or retired, read as keys, which is far cheaper than a lookup per candidate. */
async function takenOrgIds(): Promise<string[]> {
  const [held, retired] = await Promise.all([
    db.clients.toCollection().primaryKeys(),
    db.orgIds.toCollection().primaryKeys(),
  ]);
  return [...held, ...retired];
}

/**
 * New Org IDs for rows that have none: held by no client, never retired (`held`, from
 * takenOrgIds), and not named elsewhere in this import.
 */
function issueOrgIds(
  count: number,
  named: Set<string>,
  held: readonly string[],
  random: RandomBytes | undefined,
): string[] {
  if (count === 0) return [];
  const taken = new Set<string>([...named, ...held]);
  const issued: string[] = [];
  for (let attempts = 0; issued.length < count; attempts += 1) {
    // With 40 random bits a repeat is rare; a broken random source must not loop for ever.
    if (attempts >= count * ORG_ID_ROUNDS) throw new AppError('conflict', 'error_orgIdExhausted');
    const candidate = generateOrgId(random);
    if (taken.has(candidate)) continue;
    taken.add(candidate);
    issued.push(candidate);
  }
  return issued;
}

/**
 * Imports a prepared file in one transaction: it plans again against the roster as it is
 * now, refuses if anything is wrong, and otherwise writes everything in bulk. Either all of
 * it is stored or none of it.
 */
export async function applyImport(
  prepared: PreparedImport,
  choices: ImportChoices,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const ctx = resolve(options);
  const onProgress = options.onProgress ?? (() => {});
  const { result } = await writeTransaction(
    async () => {
      await requireTeamChange('roster.import');
      const team = await loadTeamConnection();
      const keyed = await withRecordKeys(prepared, choices, team !== undefined);
      // The IDs already taken are read with the state, while the plan is made, when rows need new ones.
      const [state, held] = await Promise.all([loadState(keyed), issuesOrgIds(keyed) ? takenOrgIds() : []]);
      const plan = planImport(keyed, state, choices, ctx.now);
      // The agency's settings are the owner's on a shared roster: the server asks the same.
      const may = team && plan.settings ? checkTeamAbility(team.member.role, 'settings') : { ok: true as const };
      if (!may.ok) throw new AppError('rule', may.key, may.params);
      if (plan.problems.length > 0) throw new ImportRefusedError(plan.problems);

      const needIds = plan.creates.filter((create) => create.orgId === undefined).length;
      const taken = new Set([...namedOrgIds(keyed), ...plan.register.map((record) => record.orgId)]);
      const fresh = issueOrgIds(needIds, taken, held, options.random);
      let next = 0;
      const createdIds = plan.creates.map((create) => create.orgId ?? fresh[next++] ?? '');

      const settings = plan.settings ?? state.settings;
      const clock = usageClock(settings, ctx.now);
      const { period } = clock;
      const { experiments, members, reports, usageSamples } = plan.orgData;
      const samplesOf = groupByOrg(usageSamples);
      /** A restored client gets the forecast line of its restored samples; others keep theirs. */
      const restored = <T extends Client>(client: T) =>
        withTrend(client, restoredUsageTrend(samplesOf.get(client.orgId) ?? [], client.usagePeriod ?? period));
      const usageChanges = csvUsageChanges(plan, period);
      const trends = await sampleUsageChanges(usageChanges, clock);
      // Each client is derived once (search text, flags, run-out day), with the line it is stored with.
      const created = (create: PlannedCreate, index: number) => {
        const client = { ...create.client, orgId: createdIds[index] ?? '' };
        return toStoredClient(keyed.kind === 'backup' ? restored(client) : client, period);
      };
      const updated = plan.updates.map(({ after, replacesOrgData }) => {
        if (replacesOrgData) return toStoredClient(restored(after), period);
        return toStoredClient(trends.has(after.orgId) ? withTrend(after, trends.get(after.orgId)) : after, period);
      });
      const changed = [...createdIds, ...updated.map((client) => client.orgId)];
      const replaced = plan.updates.filter((update) => update.replacesOrgData).map((update) => update.after.orgId);
      // On a shared roster the server writes its own lines for the import: these are stand-ins
      // until the pull brings them (pending, as log() marks an operation's lines).
      const shared = team !== undefined;
      const activity = importActivity(plan, createdIds, ctx.now, ctx.actor).map((line) =>
        shared ? { ...line, pending: 1 as const } : line,
      );

      const total =
        plan.register.length +
        plan.unretire.length +
        changed.length +
        experiments.length +
        members.length +
        reports.length +
        usageSamples.length +
        activity.length;
      if (replaced.length > 0) {
        // A restored org's records replace what the roster had for it: gone before the new ones go in.
        await db.experiments.where('orgId').anyOf(replaced).delete();
        await db.members.where('orgId').anyOf(replaced).delete();
        await db.reports.where('orgId').anyOf(replaced).delete();
        await db.usageSamples.where('orgId').anyOf(replaced).delete();
      }
      await applyQuotaStatusChanges(plan, ctx.now);
      await recordUsageChanges(usageChanges, updated, settings, clock, ctx.now);

      // Every bulk write is queued at once, so that IndexedDB works through them without
      // waiting on this code in between; each chunk tells the progress as it completes.
      let done = 0;
      onProgress(0, total);
      const writes: Promise<unknown>[] = [];
      const queue = <T>(records: T[], write: (chunk: T[]) => Promise<unknown>) => {
        for (let start = 0; start < records.length; start += CHUNK)
          queueChunk(records.slice(start, start + CHUNK), write);
      };
      const queueChunk = <T>(chunk: T[], write: (chunk: T[]) => Promise<unknown>) => {
        writes.push(
          write(chunk).then(() => {
            done += chunk.length;
            onProgress(done, total);
          }),
        );
      };
      // New clients' IDs are taken by their records; only retired IDs a backup carries go here,
      // and a deleted client the backup brings back holds its ID again instead of it being retired.
      queue(plan.register, (chunk) => db.orgIds.bulkPut(chunk));
      queue(plan.unretire, (chunk) => db.orgIds.bulkDelete(chunk));
      queue(experiments, (chunk) => db.experiments.bulkAdd(chunk));
      queue(members, (chunk) => db.members.bulkAdd(chunk));
      queue(reports, (chunk) => db.reports.bulkPut(chunk));
      queue(usageSamples, (chunk) => db.usageSamples.bulkPut(chunk));
      queue(activity, (chunk) => db.activity.bulkAdd(chunk));
      queue(updated, (chunk) => db.clients.bulkPut(chunk));
      // The new clients are derived a chunk at a time, each chunk written as soon as it is made:
      // IndexedDB stores one while this code derives the next.
      for (let start = 0; start < plan.creates.length; start += CHUNK) {
        const chunk = plan.creates.slice(start, start + CHUNK).map((create, offset) => created(create, start + offset));
        queueChunk(chunk, (records) => db.clients.bulkPut(records));
      }
      await Promise.all(writes);
      await changeAllocated(plan.allocatedAfter - state.allocated);
      if (plan.settings) await restoreSettings(plan.settings, state.settings, ctx);
      await queueChange('roster.import', { prepared: withIssuedOrgIds(keyed, fresh), choices }, {}, ctx.now);

      return {
        changed,
        result: { created: plan.creates.length, updated: plan.updates.length, skipped: plan.skipped },
      };
    },
    ({ changed }) => changed,
  );
  return result;
}

/**
 * The quota rule for CSV updates, whose experiments stay in the roster: a client that
 * reached its quota pauses its running experiments; one back under it resumes what the rule paused.
 */
async function applyQuotaStatusChanges(plan: ImportPlan, now: number): Promise<void> {
  const csvUpdates = plan.updates.filter((update) => !update.replacesOrgData);
  const pausing = csvUpdates.filter((update) => update.statusChange === 'paused').map((update) => update.after.orgId);
  const resuming = csvUpdates
    .filter((update) => update.statusChange === 'unpaused')
    .map((update) => update.after.orgId);
  if (pausing.length > 0)
    await db.experiments
      .where('[orgId+status]')
      .anyOf(pausing.map((orgId) => [orgId, 'running']))
      .modify({ status: 'paused', pausedBy: 'quota', updatedAt: now });
  if (resuming.length > 0)
    await db.experiments
      .where('[orgId+status]')
      .anyOf(resuming.map((orgId) => [orgId, 'paused']))
      .and((experiment) => experiment.pausedBy === 'quota')
      .modify((experiment) => {
        experiment.status = 'running';
        delete experiment.pausedBy;
        experiment.updatedAt = now;
      });
}

/**
 * Replaces the agency settings with a backup's, whole: a setting the backup does not have (an
 * optional one it had unset, as the workspace URL template or the usage source) is unset rather
 * than kept. The usage source's token and last read are never in a backup; they stay only while
 * the source's address does, so that a token is never sent to an address it was not given for.
 */
async function restoreSettings(settings: Settings, before: Settings, ctx: ResolvedContext): Promise<void> {
  const unset = Object.fromEntries(Object.keys(before).map((key) => [key, undefined]));
  // Part of the import's own change on a shared roster (roster.import), not a settings change of its own.
  await applySettingsPatch({ ...unset, ...settings }, ctx);
  if (settings.usageSource?.url !== before.usageSource?.url)
    await db.meta.bulkDelete(['usageSourceToken', 'usageFeedStatus']);
}

/**
 * A backup's experiments and members, each with the key a shared roster names it by. Alone,
 * a record keeps its own when it has a well-formed one that no other record of this browser
 * holds (one of an org the import replaces is gone by then), so that a restore gives back the
 * roster as it was; one without (a backup made before version 8), or whose key is taken, gets
 * one made now. On a shared roster every record gets one made now: the team's server may hold
 * the backup's keys (as tombstones once a restore replaced them), and it keeps the keys the
 * import brings (server/store/org-record-rows.ts) only when they are new to it, so fresh keys
 * are what make both name each record alike.
 */
async function withRecordKeys(
  prepared: PreparedImport,
  choices: ImportChoices,
  shared: boolean,
): Promise<PreparedImport> {
  if (prepared.kind === 'csv') return prepared;
  const held = new Set<string>();
  if (!shared) {
    const replaced = new Set(choices.existing === 'update' ? prepared.clients.map(({ record }) => record.orgId) : []);
    const given = (records: { record: { key?: string } }[]) =>
      records.flatMap(({ record }) => (record.key === undefined ? [] : [record.key]));
    const [experiments, members] = await Promise.all([
      db.experiments.where('key').anyOf(given(prepared.experiments)).toArray(),
      db.members.where('key').anyOf(given(prepared.members)).toArray(),
    ]);
    for (const record of [...experiments, ...members])
      if (!replaced.has(record.orgId) && record.key !== undefined) held.add(record.key);
  }
  const keyed = <R extends { key?: string }>(items: { index: number; record: R }[], prefix: 'x' | 'm') =>
    items.map((item) => {
      const own = item.record.key;
      const keep = !shared && own !== undefined && syncIdSchema.safeParse(own).success && !held.has(own);
      const key = keep ? own : newSyncId(prefix);
      held.add(key);
      return { ...item, record: { ...item.record, key } };
    });
  return { ...prepared, experiments: keyed(prepared.experiments, 'x'), members: keyed(prepared.members, 'm') };
}

/**
 * The import as the server is to run it: a CSV row without an Org ID is a new client, and
 * gets the one issued here (in row order, as applyImport hands them out), so that the server's
 * client has this browser's Org ID (it refuses one that any agency holds or held).
 */
function withIssuedOrgIds(
  prepared: PreparedImport,
  issued: readonly string[],
): ChangeArgsInput<'roster.import'>['prepared'] {
  // Planned without problems (or it was refused): the server takes a prepared import without any.
  if (prepared.kind === 'backup') return { ...prepared, problems: [] };
  let next = 0;
  return {
    ...prepared,
    problems: [],
    rows: prepared.rows.map((row) => ({
      ...row,
      columns: [...row.columns],
      ...(row.orgId === undefined && { orgId: issued[next++] }),
    })),
  };
}

function groupByOrg(samples: readonly BackupUsageSample[]): Map<string, BackupUsageSample[]> {
  const byOrg = new Map<string, BackupUsageSample[]>();
  for (const sample of samples) {
    const list = byOrg.get(sample.orgId);
    if (list) list.push(sample);
    else byOrg.set(sample.orgId, [sample]);
  }
  return byOrg;
}

/** A client with the forecast line it is to be stored with (none when `trend` is undefined). */
function withTrend<T extends Client>(
  client: T,
  trend: StoredClient['usageTrend'],
): T & Pick<StoredClient, 'usageTrend'> {
  const next: T & Pick<StoredClient, 'usageTrend'> = { ...client };
  if (trend) next.usageTrend = trend;
  else delete next.usageTrend;
  return next;
}

/** Today's sample of each changed client, and the forecast line fitted with it, by Org ID. */
async function sampleUsageChanges(
  changes: readonly PlannedUpdate[],
  clock: UsageClock,
): Promise<Map<string, StoredClient['usageTrend']>> {
  const trends = await sampleAndTrends(
    changes.map(({ after }) => ({ orgId: after.orgId, used: after.usedVisitors })),
    clock,
  );
  return new Map(changes.map(({ after }, index) => [after.orgId, trends[index]]));
}

/**
 * The rest of what a usage change writes, for the changed clients as the import stores them:
 * the billing period's report (the usage history) and the warnings their usage now calls for,
 * which the background shows after the commit as it does for every usage change.
 */
async function recordUsageChanges(
  changes: readonly PlannedUpdate[],
  clients: readonly StoredClient[],
  settings: Settings,
  clock: UsageClock,
  now: number,
): Promise<void> {
  if (changes.length === 0) return;
  const changed = new Set(changes.map((change) => change.after.orgId));
  const stored = clients.filter((client) => changed.has(client.orgId));
  await db.reports.bulkPut(
    stored.map((client) => ({
      orgId: client.orgId,
      period: clock.period,
      visitors: client.usedVisitors,
      updatedAt: now,
    })),
  );
  await decideUsageAlertsOf(stored, settings, clock.period, clock.today, now);
}
