/**
 * Reads and writes shared by the operations. Each runs inside the caller's transaction;
 * none opens one of its own.
 */
import { db, type StoredClient } from '../db/database';
import type { ActivityEntry } from '../model/activity';
import type { Client } from '../model/client';
import { AppError } from '../model/errors';
import { normalizeOrgId } from '../model/ids';
import type { PauseCause } from '../model/org-records';
import { defaultSettings, type Settings } from '../model/settings';
import { billingPeriodStart } from '../rules/billing';
import { freeLicenses } from '../rules/pool';
import { isAtQuota } from '../rules/quota';
import { clientSearchText, foldForSearch } from '../rules/search';
import { trendRunOutDay } from '../rules/usage-forecast';
import { storedUsagePercent } from '../rules/usage-warnings';
import type { ResolvedContext } from './context';
import { addHistoryLine } from './team-outbox';

export async function loadSettings(): Promise<Settings> {
  const record = await db.meta.get('settings');
  return record?.key === 'settings' ? record.value : defaultSettings();
}

export async function loadAllocated(): Promise<number> {
  const record = await db.meta.get('pool');
  return record?.key === 'pool' ? record.value.allocated : 0;
}

export async function loadFree(): Promise<number> {
  const [settings, allocated] = await Promise.all([loadSettings(), loadAllocated()]);
  return freeLicenses(settings.poolSize, allocated);
}

/** Moves `delta` licenses between the pool and the clients' allocations. */
export async function changeAllocated(delta: number): Promise<number> {
  const allocated = (await loadAllocated()) + delta;
  await db.meta.put({ key: 'pool', value: { allocated } });
  return allocated;
}

export async function requireClient(rawOrgId: string): Promise<StoredClient> {
  const orgId = normalizeOrgId(rawOrgId);
  const client = await db.clients.get(orgId);
  if (!client) throw new AppError('not_found', 'error_clientNotFound', { orgId });
  return client;
}

/**
 * A client with the fields derived from it, for writes in bulk that bypass putClient. A
 * client without a usage period counts its usage in `currentPeriod` (billingPeriodStart of now).
 */
export function toStoredClient(client: Client | StoredClient, currentPeriod: string): StoredClient {
  const { runsOutOn: _previous, ...fields } = client as StoredClient;
  const stored: StoredClient = {
    ...fields,
    searchText: clientSearchText(client),
    nameKey: foldForSearch(client.name),
    usagePeriod: client.usagePeriod ?? currentPeriod,
    atQuota: isAtQuota(client) ? 1 : 0,
    usagePercent: storedUsagePercent(client.usedVisitors, client.quota),
  };
  const runsOutOn = stored.status === 'inactive' ? undefined : trendRunOutDay(stored.usageTrend, stored);
  if (runsOutOn !== undefined) stored.runsOutOn = runsOutOn;
  return stored;
}

/**
 * Stores a client with its derived fields brought up to date: search text and sort key, and
 * the at-quota flag the auto-pause rule finds it by. A client written without a usage period
 * (a new one) counts its usage in the period of `now`.
 */
export async function putClient(client: Client, now: number): Promise<StoredClient> {
  let period = client.usagePeriod;
  if (period === undefined) {
    const settings = await loadSettings();
    period = billingPeriodStart(now, settings.billingDay, settings.timeZone);
  }
  const stored = toStoredClient({ ...client, updatedAt: now }, period);
  await db.clients.put(stored);
  return stored;
}

export async function log(context: ResolvedContext, entry: Omit<ActivityEntry, 'id' | 'at' | 'actor'>): Promise<void> {
  await addHistoryLine({ ...entry, at: context.now, actor: context.actor });
}

/** Pauses every running experiment of one org, recording what paused it. Returns how many. */
export async function pauseRunningExperiments(orgId: string, cause: PauseCause, now: number): Promise<number> {
  return db.experiments
    .where('[orgId+status]')
    .equals([orgId, 'running'])
    .modify({ status: 'paused', pausedBy: cause, updatedAt: now });
}

/** Resumes exactly the experiments of one org that `causes` paused. Returns how many. */
export async function resumeExperimentsPausedBy(orgId: string, causes: PauseCause[], now: number): Promise<number> {
  return db.experiments
    .where('[orgId+status]')
    .equals([orgId, 'paused'])
    .and((experiment) => experiment.pausedBy !== undefined && causes.includes(experiment.pausedBy))
    .modify((experiment) => {
      experiment.status = 'running';
      delete experiment.pausedBy;
      experiment.updatedAt = now;
    });
}

/** Hands over experiments that one rule paused to another rule, still paused. */
export async function reassignPauseCause(orgId: string, from: PauseCause, to: PauseCause, now: number): Promise<void> {
  await db.experiments
    .where('[orgId+status]')
    .equals([orgId, 'paused'])
    .and((experiment) => experiment.pausedBy === from)
    .modify({ pausedBy: to, updatedAt: now });
}

/**
 * Deletes a client and everything kept about it: its org's experiments, members, usage
 * reports, samples and warnings, and the reminders of its purge. Its Org ID is retired, so it
 * is never reused. Its history stays (Org IDs and numbers only), but for the reasons people
 * typed for usage corrections, which are free text and so may name someone.
 */
export async function removeClientAndOrgData({ orgId, createdAt }: Pick<Client, 'orgId' | 'createdAt'>): Promise<void> {
  await Promise.all([
    db.orgIds.put({ orgId, issuedAt: createdAt }),
    db.clients.delete(orgId),
    db.experiments.where('orgId').equals(orgId).delete(),
    db.members.where('orgId').equals(orgId).delete(),
    db.reports.where('orgId').equals(orgId).delete(),
    db.reminders.where('orgId').equals(orgId).delete(),
    db.usageSamples.where('orgId').equals(orgId).delete(),
    db.usageAlerts.where('orgId').equals(orgId).delete(),
    db.activity
      .where('orgId')
      .equals(orgId)
      .and((entry) => entry.details?.reason !== undefined)
      .modify((entry) => {
        delete entry.details?.reason;
      }),
  ]);
}
