import type {
  BackupExperiment,
  BackupMember,
  BackupReport,
  BackupUsageSample,
  IssuedOrgIdRecord,
} from '../model/backup';
import type { Client, ClientDetails } from '../model/client';
import type {
  CsvClientRow,
  ExistingChoice,
  ImportProblem,
  ImportWhere,
  PreparedBackup,
  PreparedCsv,
  PreparedImport,
} from '../model/import';
import type { PauseCause } from '../model/org-records';
import type { Settings } from '../model/settings';
import { inactiveFields, lifecycleBreaches } from './lifecycle';
import { quotaStatus } from './quota';
import { type UsageTrend, usageTrend } from './usage-forecast';

/** What the roster holds that the file touches: read by the operation, in its transaction. */
export interface ImportState {
  /** Clients of the roster whose Org IDs the file names. */
  existing: ReadonlyMap<string, Client>;
  /** Org IDs the file names that this roster retired (their clients deleted or purged): never given out again. */
  retired: ReadonlySet<string>;
  /**
   * Org IDs the file names that another agency's roster holds or held: a shared roster's server
   * knows them all, the extension only its own (so it leaves this out). Never taken here, not
   * even by a backup of that org: an Org ID names one org of one agency, for good.
   */
  takenElsewhere?: ReadonlySet<string>;
  settings: Settings;
  allocated: number;
}

export interface ImportChoices {
  existing: ExistingChoice;
  /** Replace the agency settings with the backup's; ignored for CSV. */
  restoreSettings: boolean;
}

export interface OrgData {
  experiments: BackupExperiment[];
  members: BackupMember[];
  reports: BackupReport[];
  usageSamples: BackupUsageSample[];
}

/** How the quota rule moved a client during the import, to be logged and applied to experiments. */
export type QuotaStatusChange = 'paused' | 'unpaused';

export interface PlannedCreate {
  /** Absent when a new Org ID is to be issued. */
  orgId?: string;
  client: Omit<Client, 'orgId'>;
  statusChange?: QuotaStatusChange;
}

export interface PlannedUpdate {
  before: Client;
  after: Client;
  statusChange?: QuotaStatusChange;
  /** A backup replaces the org's records with its own; a CSV leaves them as they are. */
  replacesOrgData: boolean;
}

export interface ImportPlan {
  /** Every problem, in file order; the import may run only when there is none. */
  problems: ImportProblem[];
  /** Rows (or backup records) with at least one problem. */
  problemRows: number;
  creates: PlannedCreate[];
  updates: PlannedUpdate[];
  skipped: number;
  /** Licenses clients would hold afterwards, and the pool they must fit in. */
  allocatedAfter: number;
  poolSize: number;
  /** Settings to store: the backup's, when the person chose to restore them. */
  settings?: Settings;
  /** Retired Org IDs a backup carries that the roster lacks, recorded so that none is handed out again. */
  register: IssuedOrgIdRecord[];
  /**
   * Org IDs that this roster retired and that a backup brings back with their clients (the
   * same orgs, restored): held by their clients again, so no longer retired.
   */
  unretire: string[];
  /** A backup's org records for the clients it creates or updates, in file order. */
  orgData: OrgData;
}

/**
 * Works out what an import would do to the roster, and everything that stops it, without
 * writing anything: the preview shows this, and the operation runs it again inside its
 * transaction, so that what is written is exactly what was checked.
 */
export function planImport(
  prepared: PreparedImport,
  state: ImportState,
  choices: ImportChoices,
  now: number,
): ImportPlan {
  const plan: ImportPlan = {
    problems: [...prepared.problems],
    problemRows: 0,
    creates: [],
    updates: [],
    skipped: 0,
    allocatedAfter: state.allocated,
    poolSize: state.settings.poolSize,
    register: [],
    unretire: [],
    orgData: { experiments: [], members: [], reports: [], usageSamples: [] },
  };
  if (prepared.kind === 'csv') planCsv(prepared, state, choices, now, plan);
  else planBackup(prepared, state, choices, now, plan);

  for (const create of plan.creates) plan.allocatedAfter += create.client.quota;
  for (const update of plan.updates) plan.allocatedAfter += update.after.quota - update.before.quota;
  if (plan.allocatedAfter > plan.poolSize)
    plan.problems.push({
      where: { kind: 'file' },
      field: '',
      key: 'import_poolTooSmall',
      params: { allocated: plan.allocatedAfter, pool: plan.poolSize },
    });
  plan.problems.sort((a, b) => whereOrder(a.where) - whereOrder(b.where));
  plan.problemRows = new Set(
    plan.problems.filter((problem) => problem.where.kind !== 'file').map((problem) => whereKey(problem.where)),
  ).size;
  return plan;
}

const SECTION_ORDER = ['settings', 'clients', 'experiments', 'members', 'reports', 'usageSamples', 'issuedOrgIds'];

function whereOrder(where: ImportWhere): number {
  if (where.kind === 'file') return -1;
  if (where.kind === 'line') return where.line;
  return SECTION_ORDER.indexOf(where.section) * 1e9 + where.index;
}

function whereKey(where: ImportWhere): string {
  if (where.kind === 'line') return `line ${where.line}`;
  if (where.kind === 'record') return `${where.section} ${where.index}`;
  return 'file';
}

/** A client that is not inactive holds at least one license, as when it is created or reactivated. */
const LEAST_QUOTA = 1;

function quotaTooSmall(where: ImportWhere): ImportProblem {
  return { where, field: 'quota', labelKey: 'field_client_quota', key: 'error_tooSmall', params: { min: LEAST_QUOTA } };
}

function statusFor(usedVisitors: number, quota: number): 'active' | 'paused' {
  return quotaStatus({ usedVisitors, quota });
}

function planCsv(
  prepared: PreparedCsv,
  state: ImportState,
  choices: ImportChoices,
  now: number,
  plan: ImportPlan,
): void {
  for (const row of prepared.rows) {
    const where: ImportWhere = { kind: 'line', line: row.line };
    const existing = row.orgId === undefined ? undefined : state.existing.get(row.orgId);
    if (existing) {
      if (choices.existing === 'skip') plan.skipped += 1;
      else planCsvUpdate(row, existing, where, now, plan);
      continue;
    }
    if (row.orgId !== undefined && state.takenElsewhere?.has(row.orgId)) {
      plan.problems.push({
        where,
        field: 'org_id',
        labelKey: 'import_column_orgId',
        key: 'import_orgIdTaken',
        params: { orgId: row.orgId },
      });
      continue;
    }
    if (row.orgId !== undefined && state.retired.has(row.orgId)) {
      plan.problems.push({
        where,
        field: 'org_id',
        labelKey: 'import_column_orgId',
        key: 'import_orgIdRetired',
        params: { orgId: row.orgId },
      });
      continue;
    }
    if (row.quota === undefined) {
      plan.problems.push({ where, field: 'quota', labelKey: 'field_client_quota', key: 'error_required', params: {} });
      continue;
    }
    const usedVisitors = row.usedVisitors ?? 0;
    if (row.status === 'inactive') {
      // As when it is marked inactive: it keeps only the licenses it used, and its data is kept
      // for the grace period, counted from the import as the file does not say when it began.
      plan.creates.push({
        ...(row.orgId !== undefined && { orgId: row.orgId }),
        client: {
          ...row.details,
          ...inactiveFields({ quota: row.quota, usedVisitors }, now, state.settings.timeZone),
          usedVisitors,
          createdAt: now,
          updatedAt: now,
        },
      });
      continue;
    }
    if (row.quota < LEAST_QUOTA) {
      plan.problems.push(quotaTooSmall(where));
      continue;
    }
    const status = statusFor(usedVisitors, row.quota);
    plan.creates.push({
      ...(row.orgId !== undefined && { orgId: row.orgId }),
      client: { ...row.details, status, quota: row.quota, usedVisitors, createdAt: now, updatedAt: now },
      ...(status === 'paused' && { statusChange: 'paused' as const }),
    });
  }
}

/** Optional details whose column the file lacks keep the client's current value. */
function mergeDetails(row: CsvClientRow, before: Client): ClientDetails {
  const has = (column: CsvClientRow['columns'][number]) => row.columns.includes(column);
  const given = row.details;
  const address = {
    street: has('street') ? given.address?.street : before.address?.street,
    city: has('city') ? given.address?.city : before.address?.city,
    region: has('region') ? given.address?.region : before.address?.region,
    postalCode: has('postal_code') ? given.address?.postalCode : before.address?.postalCode,
    country: has('country') ? given.address?.country : before.address?.country,
  };
  return {
    name: given.name,
    contact: given.contact,
    company: has('company') ? given.company : before.company,
    industry: has('industry') ? given.industry : before.industry,
    address: Object.values(address).some((value) => value !== undefined) ? address : undefined,
    domain: has('domain') ? given.domain : before.domain,
    workspaceUrl: has('workspace_url') ? given.workspaceUrl : before.workspaceUrl,
  };
}

/** A client that revoked the agency's access is read-only, to an import as to everything else. */
function revokedProblem(before: Client, where: ImportWhere, field: string): ImportProblem {
  return {
    where,
    field,
    labelKey: 'import_column_orgId',
    key: 'import_revokedReadOnly',
    params: { orgId: before.orgId },
  };
}

function planCsvUpdate(row: CsvClientRow, before: Client, where: ImportWhere, now: number, plan: ImportPlan): void {
  if (before.revokedAt !== undefined) {
    plan.problems.push(revokedProblem(before, where, 'org_id'));
    return;
  }
  const quota = row.quota ?? before.quota;
  const usedVisitors = row.usedVisitors ?? before.usedVisitors;
  if (before.status === 'inactive' && (quota !== before.quota || usedVisitors !== before.usedVisitors)) {
    const field = quota !== before.quota ? 'quota' : 'used_visitors';
    plan.problems.push({
      where,
      field,
      labelKey: field === 'quota' ? 'field_client_quota' : 'import_column_usedVisitors',
      key: 'import_inactiveNumbers',
      params: { orgId: before.orgId },
    });
    return;
  }
  if (before.status !== 'inactive' && quota < LEAST_QUOTA) {
    plan.problems.push(quotaTooSmall(where));
    return;
  }
  if (quota !== before.quota && quota < usedVisitors) {
    plan.problems.push({
      where,
      field: 'quota',
      labelKey: 'field_client_quota',
      key: 'error_quotaBelowUsage',
      params: { used: usedVisitors },
    });
    return;
  }
  const status = before.status === 'inactive' ? 'inactive' : statusFor(usedVisitors, quota);
  const statusChange: QuotaStatusChange | undefined =
    before.status === 'active' && status === 'paused'
      ? 'paused'
      : before.status === 'paused' && status === 'active'
        ? 'unpaused'
        : undefined;
  plan.updates.push({
    before,
    after: { ...before, ...mergeDetails(row, before), quota, usedVisitors, status, updatedAt: now },
    ...(statusChange && { statusChange }),
    replacesOrgData: false,
  });
}

/**
 * An experiment as its client's status leaves it: none runs in a client that is not active,
 * and what the quota rule paused runs again once the quota rule lifted the client's pause.
 */
function settleExperiment(experiment: BackupExperiment, status: Client['status'], now: number): BackupExperiment {
  if (status === 'active') {
    if (experiment.status !== 'paused' || experiment.pausedBy !== 'quota') return experiment;
    const { pausedBy: _lifted, ...rest } = experiment;
    return { ...rest, status: 'running', updatedAt: now };
  }
  if (experiment.status !== 'running') return experiment;
  const cause: PauseCause = status === 'inactive' ? 'inactivity' : 'quota';
  return { ...experiment, status: 'paused', pausedBy: cause, updatedAt: now };
}

function planBackup(
  prepared: PreparedBackup,
  state: ImportState,
  choices: ImportChoices,
  now: number,
  plan: ImportPlan,
): void {
  if (choices.restoreSettings && prepared.settings) {
    plan.settings = prepared.settings;
    plan.poolSize = prepared.settings.poolSize;
  }
  // A client's own record takes its ID, in the backup or in the roster; older backups list
  // those IDs as issued too.
  const held = new Set(prepared.clients.map(({ record }) => record.orgId));
  const registered = new Set<string>();
  for (const record of prepared.issuedOrgIds) {
    const { orgId } = record;
    const known = state.existing.has(orgId) || state.retired.has(orgId) || state.takenElsewhere?.has(orgId);
    if (held.has(orgId) || known || registered.has(orgId)) continue;
    registered.add(orgId);
    plan.register.push(record);
  }
  const timeZone = (plan.settings ?? state.settings).timeZone;

  /** Status of each client the import writes; org records of other clients are left out. */
  const statusOf = new Map<string, Client['status']>();
  for (const { record, index } of prepared.clients) {
    const existing = state.existing.get(record.orgId);
    if (existing && choices.existing === 'skip') {
      plan.skipped += 1;
      continue;
    }
    if (existing?.revokedAt !== undefined) {
      plan.problems.push(revokedProblem(existing, { kind: 'record', section: 'clients', index }, 'orgId'));
      continue;
    }
    const where: ImportWhere = { kind: 'record', section: 'clients', index };
    if (state.takenElsewhere?.has(record.orgId)) {
      plan.problems.push({
        where,
        field: 'orgId',
        labelKey: 'import_column_orgId',
        key: 'import_orgIdTakenInBackup',
        params: { name: record.name, orgId: record.orgId },
      });
      continue;
    }
    // A record is written only if the operations could have written it.
    const breaches = lifecycleBreaches(record, now, timeZone);
    for (const { field, key, params } of breaches) plan.problems.push({ where, field, key, params });
    if (breaches.length > 0) continue;
    // The quota rule holds for restored data too: paused exactly while usage is at the quota.
    const status = record.status === 'inactive' ? 'inactive' : quotaStatus(record);
    statusOf.set(record.orgId, status);
    const client: Client = { ...record, status };
    const statusChange: QuotaStatusChange | undefined =
      record.status === status ? undefined : status === 'paused' ? 'paused' : 'unpaused';
    if (existing) {
      plan.updates.push({
        before: existing,
        after: client,
        replacesOrgData: true,
        ...(statusChange && { statusChange }),
      });
      continue;
    }
    // A deleted client brought back by its backup is the same org: its ID is held again.
    if (state.retired.has(record.orgId)) plan.unretire.push(record.orgId);
    const { orgId, ...rest } = client;
    plan.creates.push({ orgId, client: rest, ...(statusChange && { statusChange }) });
  }

  for (const { record } of prepared.experiments) {
    const status = statusOf.get(record.orgId);
    if (status !== undefined) plan.orgData.experiments.push(settleExperiment(record, status, now));
  }
  for (const { record } of prepared.members) if (statusOf.has(record.orgId)) plan.orgData.members.push(record);
  for (const { record } of prepared.reports) if (statusOf.has(record.orgId)) plan.orgData.reports.push(record);
  for (const { record } of prepared.usageSamples)
    if (statusOf.has(record.orgId)) plan.orgData.usageSamples.push(record);
}

/**
 * A restored client's forecast line, fitted again from its samples: a backup holds the samples,
 * not what the database derives from them. Fitted as the client's last usage write fitted it,
 * on the day of its latest sample in the billing period its usage counts in, so a restore
 * brings back the same line whenever it runs (the forecast itself sets aside a line gone stale).
 */
export function restoredUsageTrend(samples: readonly BackupUsageSample[], usagePeriod: string): UsageTrend | undefined {
  const inPeriod = samples.filter((sample) => sample.period === usagePeriod);
  const latest = inPeriod.reduce<string | undefined>(
    (last, sample) => (last === undefined || sample.day > last ? sample.day : last),
    undefined,
  );
  return latest === undefined ? undefined : usageTrend(inPeriod, usagePeriod, latest);
}

/** Org IDs the file names: its clients', and for a backup the issued ones it carries. What the state is read for. */
export function namedOrgIds(prepared: PreparedImport): string[] {
  if (prepared.kind === 'csv') return prepared.rows.flatMap((row) => (row.orgId === undefined ? [] : [row.orgId]));
  return [
    ...prepared.clients.map(({ record }) => record.orgId),
    ...prepared.issuedOrgIds.map((record) => record.orgId),
  ];
}

/**
 * CSV updates that change a client's visitors used in the current period (`period`): usage
 * changes like any other, for the forecast, the usage report and the warnings. A client still
 * counting an ended period is left as the import always left it: its number is not this
 * period's (lib/ops/usage.ts sampleUnchangedUsages skips it for the same reason).
 */
export function csvUsageChanges(plan: ImportPlan, period: string): PlannedUpdate[] {
  return plan.updates.filter(
    (update) =>
      !update.replacesOrgData &&
      update.after.usedVisitors !== update.before.usedVisitors &&
      update.after.usagePeriod === period,
  );
}
