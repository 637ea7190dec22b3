/**
 * `roster.import`: a whole CSV import or backup restore as one change, lib/ops/import.ts
 * applyImport on the server. It plans again with planImport against the roster as it is now
 * (in every agency, for Org IDs), refuses if anything is wrong, and otherwise writes everything
 * in bulk, all in the change's transaction: all of it is stored, or none of it.
 */
import type { Client } from '../../lib/model/client';
import { AppError, ImportRefusedError } from '../../lib/model/errors';
import type { PreparedImport } from '../../lib/model/import';
import type { Settings } from '../../lib/model/settings';
import type { ChangeArgs } from '../../lib/model/sync-schema';
import { importActivity } from '../../lib/rules/import-activity';
import { crossRecordProblems } from '../../lib/rules/import-file-checks';
import {
  csvUsageChanges,
  type ImportPlan,
  type ImportState,
  namedOrgIds,
  planImport,
} from '../../lib/rules/import-plan';
import { settingsChangeEntries } from '../../lib/rules/settings-update';
import { checkTeamAbility } from '../../lib/rules/team-permissions';
import { usageClock } from '../../lib/rules/usage-clock';
import { logAll } from '../store/activity';
import { loadAllocated, saveSettings } from '../store/agency';
import { loadClients, putClients } from '../store/client-rows';
import { claimOrgIds, issueOrgIds, loadOrgIdHolders, registerRetiredOrgIds } from '../store/org-ids';
import { pauseRunningExperimentsOf, resumeExperimentsOf } from '../store/experiments';
import { addExperiments, addMembers, retireOrgRecords } from '../store/org-record-rows';
import { putUsageReports, putUsageSamples } from '../store/usage';
import type { ChangeContext } from './context';

/**
 * What the plan depends on. Retired are the Org IDs this agency issued whose clients are gone;
 * an Org ID of another agency, held or retired there, is never this roster's to take.
 */
async function loadImportState(ctx: ChangeContext, prepared: PreparedImport): Promise<ImportState> {
  const named = [...new Set(namedOrgIds(prepared))];
  const existing = await loadClients(ctx, named);
  const holders = await loadOrgIdHolders(ctx, named);
  const retired = new Set([...holders.ours].filter((orgId) => !existing.has(orgId)));
  return {
    existing,
    retired,
    takenElsewhere: holders.elsewhere,
    settings: ctx.settings,
    allocated: await loadAllocated(ctx),
  };
}

/**
 * The Org ID of each create, in plan order: its own, claimed (or, for a deleted client a backup
 * brings back, held again: this agency issued it), else a new one.
 */
async function orgIdsOfCreates(ctx: ChangeContext, plan: ImportPlan, prepared: PreparedImport): Promise<string[]> {
  const unretired = new Set(plan.unretire);
  const named = plan.creates.flatMap((create) => (create.orgId === undefined ? [] : [create.orgId]));
  await claimOrgIds(
    ctx,
    named.filter((orgId) => !unretired.has(orgId)),
  );
  const fresh = await issueOrgIds(
    ctx,
    plan.creates.length - named.length,
    new Set([...namedOrgIds(prepared), ...plan.register.map((record) => record.orgId)]),
  );
  let next = 0;
  return plan.creates.map((create) => create.orgId ?? fresh[next++] ?? '');
}

/** The settings a shared roster keeps: the usage source (and its token) stays in each browser. */
function sharedSettings({ usageSource: _local, ...settings }: Settings): Settings {
  return settings;
}

export async function importRoster(ctx: ChangeContext, { prepared, choices }: ChangeArgs<'roster.import'>) {
  const state = await loadImportState(ctx, prepared);
  // What the reader checked across the file's records is checked again: whoever sent it, it must hold.
  const plan = planImport({ ...prepared, problems: crossRecordProblems(prepared) }, state, choices, ctx.now);
  if (plan.settings) {
    const may = checkTeamAbility(ctx.role, 'settings');
    if (!may.ok) throw new AppError('rule', may.key, may.params);
  }
  if (plan.problems.length > 0) throw new ImportRefusedError(plan.problems);

  const before = ctx.settings;
  const settings = plan.settings ? sharedSettings(plan.settings) : before;
  const { period, today } = usageClock(settings, ctx.now);
  const createdIds = await orgIdsOfCreates(ctx, plan, prepared);
  const withPeriod = (client: Client): Client => ({ ...client, usagePeriod: client.usagePeriod ?? period });
  const clients = [
    ...plan.creates.map((create, index) => withPeriod({ ...create.client, orgId: createdIds[index] ?? '' })),
    ...plan.updates.map((update) => withPeriod(update.after)),
  ];
  const csvUpdates = plan.updates.filter((update) => !update.replacesOrgData);
  const orgsWhere = (moved: 'paused' | 'unpaused') =>
    csvUpdates.filter((update) => update.statusChange === moved).map((update) => update.after.orgId);
  const usageChanges = csvUsageChanges(plan, period).map((update) => update.after);
  const { experiments, members, reports, usageSamples } = plan.orgData;

  await registerRetiredOrgIds(ctx, plan.register);
  // A restored org's records replace what the roster had for it: tombstones before the new ones go in.
  await retireOrgRecords(
    ctx,
    plan.updates.filter((update) => update.replacesOrgData).map((update) => update.after.orgId),
  );
  // The quota rule for CSV updates, whose experiments stay: at the quota they pause, back under it they resume.
  await pauseRunningExperimentsOf(ctx, orgsWhere('paused'), 'quota');
  await resumeExperimentsOf(ctx, orgsWhere('unpaused'), ['quota']);
  await putClients(ctx, clients);
  await addExperiments(ctx, experiments);
  await addMembers(ctx, members);
  // A CSV row that changes a client's usage this period is a usage change: the period's report and today's sample.
  await putUsageReports(ctx, [
    ...reports,
    ...usageChanges.map((client) => ({
      orgId: client.orgId,
      period,
      visitors: client.usedVisitors,
      updatedAt: ctx.now,
    })),
  ]);
  await putUsageSamples(ctx, [
    ...usageSamples,
    ...usageChanges.map((client) => ({ orgId: client.orgId, day: today, period, used: client.usedVisitors })),
  ]);
  await logAll(ctx, importActivity(plan, createdIds, ctx.now, ctx.actor));
  if (plan.settings) {
    await saveSettings(ctx, settings);
    await logAll(
      ctx,
      settingsChangeEntries(before, settings).map((entry) => ({ ...entry, at: ctx.now, actor: ctx.actor })),
    );
  }
}
