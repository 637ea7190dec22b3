/**
 * Writes what a pull brought (docs/SYNC.md, "GET /v1/pull") into this browser's copy of the
 * roster, inside the caller's transaction. The server's rows are the truth: each replaces the
 * local record it names, and nothing here queues a change or writes a history line of its
 * own. Used by a pulled page and by a whole-roster replace alike.
 */
import type { Table } from 'dexie';
import { db, type StoredClient } from '../db/database';
import type { ActivityEntry } from '../model/activity';
import type { Client } from '../model/client';
import { AppError } from '../model/errors';
import type { Experiment, Member, UsageReport } from '../model/org-records';
import type { Reminder } from '../model/reminder';
import type { Settings } from '../model/settings';
import { pulledRecordSchemas } from '../model/sync-answer-schema';
import type { PulledRow, SyncEntity } from '../model/sync-pull';
import type { UsageSample } from '../model/usage-records';
import type { z } from '../model/zod';
import { restoredUsageTrend } from '../rules/import-plan';
import { allocatedLicenses } from '../rules/pool';
import { latestRows } from '../rules/team-roster-rows';
import { usageClock } from '../rules/usage-clock';
import { changeAllocated, loadSettings, removeClientAndOrgData, toStoredClient } from './store';

type PulledRecord<E extends SyncEntity> = z.output<(typeof pulledRecordSchemas)[E]>;

/** A pulled row whose record is not the extension's: nothing of its page is written. */
function unreadable(serverUrl: string): AppError {
  return new AppError('unexpected', 'team_error_badAnswer', { host: new URL(serverUrl).host });
}

interface Sorted {
  settings?: PulledRecord<'settings'>;
  tombstones: string[];
  clients: Client[];
  experiments: { key: string; record?: Omit<Experiment, 'id'> }[];
  members: { key: string; record?: Omit<Member, 'id'> }[];
  reports: { id: [string, string]; record?: UsageReport }[];
  samples: { id: [string, string]; record?: UsageSample }[];
  reminders: Reminder[];
  activity: ActivityEntry[];
}

/** Checks every row against its entity's schema before anything is written, and sorts them by table. */
function sortRows(rows: readonly PulledRow[], serverUrl: string): Sorted {
  const sorted: Sorted = {
    tombstones: [],
    clients: [],
    experiments: [],
    members: [],
    reports: [],
    samples: [],
    reminders: [],
    activity: [],
  };
  const parse = <E extends SyncEntity>(row: PulledRow & { entity: E }): PulledRecord<E> => {
    const result = pulledRecordSchemas[row.entity].safeParse(row.data);
    if (!result.success) throw unreadable(serverUrl);
    return result.data as PulledRecord<E>;
  };
  const need = (value: string | undefined): string => {
    if (value === undefined || value === '') throw unreadable(serverUrl);
    return value;
  };
  for (const row of latestRows(rows)) {
    switch (row.entity) {
      case 'settings':
        sorted.settings = parse({ ...row, entity: 'settings' });
        break;
      case 'client':
        if (row.deleted) sorted.tombstones.push(need(row.orgId));
        else sorted.clients.push(parse({ ...row, entity: 'client' }));
        break;
      case 'experiment': {
        const key = need(row.key);
        const orgId = need(row.orgId);
        sorted.experiments.push(
          row.deleted ? { key } : { key, record: { ...parse({ ...row, entity: 'experiment' }), key, orgId } },
        );
        break;
      }
      case 'orgMember': {
        const key = need(row.key);
        const orgId = need(row.orgId);
        sorted.members.push(
          row.deleted ? { key } : { key, record: { ...parse({ ...row, entity: 'orgMember' }), key, orgId } },
        );
        break;
      }
      case 'usageReport': {
        const id: [string, string] = [need(row.orgId), need(row.key)];
        sorted.reports.push(row.deleted ? { id } : { id, record: parse({ ...row, entity: 'usageReport' }) });
        break;
      }
      case 'usageSample': {
        const id: [string, string] = [need(row.orgId), need(row.key)];
        sorted.samples.push(row.deleted ? { id } : { id, record: parse({ ...row, entity: 'usageSample' }) });
        break;
      }
      case 'reminder':
        if (!row.deleted) sorted.reminders.push(parse({ ...row, entity: 'reminder' }));
        break;
      case 'activity': {
        // Stored under a local id, never the server's: the server numbers the lines of every
        // agency in one sequence, and its ids would land on this browser's own lines (usage
        // warnings stay local). A line comes once: a page and its version are stored together,
        // and a resync clears the pulled lines before it writes them again.
        sorted.activity.push(parse({ ...row, entity: 'activity' }));
        break;
      }
    }
  }
  return sorted;
}

/** The shared settings with this browser's own usage source kept: the team never shares it. */
async function writeSettings(shared: PulledRecord<'settings'>): Promise<Settings> {
  const { usageSource } = await loadSettings();
  const settings: Settings = usageSource === undefined ? shared : { ...shared, usageSource };
  await db.meta.put({ key: 'settings', value: settings });
  return settings;
}

/** Experiments or members by their key: a known key keeps its local id, a new one gets one, a tombstone goes. */
async function writeKeyed<T extends Experiment | Member>(
  table: Table<T, number>,
  rows: readonly { key: string; record?: Omit<T, 'id'> }[],
): Promise<void> {
  if (rows.length === 0) return;
  const local = await table
    .where('key')
    .anyOf(rows.map((row) => row.key))
    .toArray();
  const idOf = new Map(local.map((record) => [record.key, record.id]));
  const gone = rows.flatMap((row) => {
    const id = idOf.get(row.key);
    return row.record === undefined && id !== undefined ? [id] : [];
  });
  const put = rows.flatMap((row) => {
    if (row.record === undefined) return [];
    const id = idOf.get(row.key);
    return [id === undefined ? row.record : { ...row.record, id }];
  });
  if (gone.length > 0) await table.bulkDelete(gone);
  if (put.length > 0) await table.bulkPut(put as T[]);
}

async function writeByKey<T extends UsageReport | UsageSample>(
  table: Table<T, [string, string]>,
  rows: readonly { id: [string, string]; record?: T }[],
): Promise<void> {
  const gone = rows.flatMap((row) => (row.record === undefined ? [row.id] : []));
  const put = rows.flatMap((row) => (row.record === undefined ? [] : [row.record]));
  if (gone.length > 0) await table.bulkDelete(gone);
  if (put.length > 0) await table.bulkPut(put);
}

/**
 * The clients a page touched, stored with their derived fields, the forecast line fitted again
 * through their samples as a restored backup's is, and the pool's count moved by what their
 * quotas changed.
 */
async function writeClients(pulled: readonly Client[], sampled: readonly string[], now: number): Promise<void> {
  const pulledIds = new Set(pulled.map((client) => client.orgId));
  const onlySampled = [...new Set(sampled)].filter((orgId) => !pulledIds.has(orgId));
  const [before, sampledClients, settings] = await Promise.all([
    db.clients.bulkGet(pulled.map((client) => client.orgId)),
    db.clients.bulkGet(onlySampled),
    loadSettings(),
  ]);
  const clients: (Client | StoredClient)[] = [
    ...pulled,
    ...sampledClients.filter((client): client is StoredClient => client !== undefined),
  ];
  if (clients.length === 0) return;
  const samples = await db.usageSamples
    .where('orgId')
    .anyOf(clients.map((client) => client.orgId))
    .toArray();
  const samplesOf = new Map<string, UsageSample[]>();
  for (const sample of samples) samplesOf.set(sample.orgId, [...(samplesOf.get(sample.orgId) ?? []), sample]);
  const { period } = usageClock(settings, now);
  // When this browser last opened a client's workspace is its own (the switcher's order): the
  // server never has it, so a pulled client keeps the local one.
  const openedAt = new Map(
    before.flatMap((client) => (client?.lastOpenedAt ? [[client.orgId, client.lastOpenedAt]] : [])),
  );
  const stored = clients.map((client) => {
    const { usageTrend: _old, ...fields } = client as StoredClient;
    const lastOpenedAt = openedAt.get(client.orgId);
    if (lastOpenedAt !== undefined && fields.lastOpenedAt === undefined) fields.lastOpenedAt = lastOpenedAt;
    const trend = restoredUsageTrend(samplesOf.get(client.orgId) ?? [], client.usagePeriod ?? period);
    return toStoredClient(trend ? { ...fields, usageTrend: trend } : fields, period);
  });
  await db.clients.bulkPut(stored);
  const held = allocatedLicenses(before.filter((client): client is StoredClient => client !== undefined));
  const delta = allocatedLicenses(pulled) - held;
  if (delta !== 0) await changeAllocated(delta);
}

/** Drops the clients the server deleted or purged, with their org's records; their Org IDs stay retired. */
async function writeTombstones(orgIds: readonly string[], now: number): Promise<void> {
  if (orgIds.length === 0) return;
  const local = await db.clients.bulkGet([...orgIds]);
  let released = 0;
  for (const [index, orgId] of orgIds.entries()) {
    const client = local[index];
    if (client) {
      released += client.quota;
      await removeClientAndOrgData(client);
    } else if (!(await db.orgIds.get(orgId))) await db.orgIds.put({ orgId, issuedAt: now });
  }
  if (released !== 0) await changeAllocated(-released);
}

/**
 * Writes pulled rows. Every row is checked before the first write, so a row that is not the
 * extension's record leaves the page unwritten (the caller's transaction rolls back). Returns
 * the Org IDs whose records changed, for the listeners.
 */
export async function writePulledRows(rows: readonly PulledRow[], serverUrl: string, now: number): Promise<string[]> {
  const sorted = sortRows(rows, serverUrl);
  // The settings first: a client's billing period is placed by the agency's billing day and time zone.
  if (sorted.settings) await writeSettings(sorted.settings);
  await writeTombstones(sorted.tombstones, now);
  await writeKeyed(db.experiments, sorted.experiments);
  await writeKeyed(db.members, sorted.members);
  await writeByKey(db.reports, sorted.reports);
  await writeByKey(db.usageSamples, sorted.samples);
  if (sorted.reminders.length > 0) await db.reminders.bulkPut(sorted.reminders);
  if (sorted.activity.length > 0) await db.activity.bulkAdd(sorted.activity);
  const sampled = sorted.samples.map((sample) => sample.id[0]);
  await writeClients(sorted.clients, sampled, now);
  const orgIds = new Set<string>([...sorted.tombstones, ...sorted.clients.map((client) => client.orgId), ...sampled]);
  for (const row of rows) if (row.orgId !== undefined) orgIds.add(row.orgId);
  return [...orgIds];
}
