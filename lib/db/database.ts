import Dexie, { type Table } from 'dexie';
import type { ActivityEntry } from '../model/activity';
import type { Client } from '../model/client';
import type { Experiment, Member, UsageReport } from '../model/org-records';
import type { Reminder, ReminderKey } from '../model/reminder';
import type { Settings } from '../model/settings';
import type { OutboxChange, RefusedChange, SyncState, TeamConnection } from '../model/team-connection';
import type { UsageFeedStatus } from '../model/usage-feed-status';
import type { UsageAlert, UsageAlertKey, UsageSample } from '../model/usage-records';
import type { UsageTrend } from '../rules/usage-forecast';
import { SCHEMA_VERSIONS } from './schema';

export const DB_NAME = 'agency-desk';

/**
 * A client as stored: the model plus fields derived on every write (lib/ops/store.ts putClient):
 * the folded text search matches against (clientSearchText), the folded name the list sorts
 * by, the billing period its usage counts in, and whether it is at its quota (1) or not (0),
 * which the auto-pause rule finds through an index. None of them is part of a Client: they are
 * neither given to an operation nor written to a backup.
 */
export type StoredClient = Client & {
  searchText: string;
  nameKey: string;
  usagePeriod: string;
  atQuota: 0 | 1;
  /** Visitors used as a whole percentage of the quota (lib/rules/usage-warnings.ts storedUsagePercent). */
  usagePercent: number;
  /**
   * The recent rate of usage, fitted through the daily samples whenever usage is written
   * (lib/rules/usage-forecast.ts); kept with the client so that lists sort by the run-out day
   * without reading samples. Absent until there are enough samples.
   */
  usageTrend?: UsageTrend;
  /** The run-out day as of the trend's latest day (lib/rules/usage-forecast.ts trendRunOutDay), indexed; absent without one. */
  runsOutOn?: string;
};

/** A usage warning as stored: `webhookDueAt` is set only while a webhook try is due. */
export type StoredUsageAlert = UsageAlert & { webhookDueAt?: number };

/** A reminder as stored: `webhookDueAt` is set only while a webhook try is due, so the index holds just those. */
export type StoredReminder = Reminder & { webhookDueAt?: number };

/** Singletons kept in the meta table. */
export type MetaRecord =
  | { key: 'settings'; value: Settings }
  /** Licenses held by clients: kept in step with every quota change, in the same transaction. */
  | { key: 'pool'; value: { allocated: number } }
  /**
   * The usage source's access token, kept out of the settings so that no backup, export or
   * log ever holds it (a backup says only that one is set).
   */
  | { key: 'usageSourceToken'; value: { token: string } }
  /** How the last read of the usage source went (lib/model/usage-feed-status.ts). */
  | { key: 'usageFeedStatus'; value: UsageFeedStatus }
  /** The last calendar day on which the background looked for run-out days come within the week. */
  | { key: 'runOutScan'; value: { day: string } }
  /** The team connection, without its token (lib/model/team-connection.ts); absent in single-browser use. */
  | { key: 'team'; value: TeamConnection }
  /** How syncing with the team's server goes; absent in single-browser use. */
  | { key: 'sync'; value: SyncState }
  /** The pulled reminders this browser has notified, so that each is shown once here. */
  | { key: 'remindersShown'; value: { keys: string[] } };

/**
 * An Org ID no client holds any more (its client was deleted or purged), kept so that it is
 * never given out again. The Org IDs in use are the clients' own keys: an ID is taken when it
 * is either, and a new client writes one record, not two. (Rosters written before this rule
 * also list their live clients' IDs here; that is harmless, as a taken ID stays taken.)
 */
export interface IssuedOrgId {
  orgId: string;
  issuedAt: number;
}

export class AgencyDatabase extends Dexie {
  meta!: Table<MetaRecord, MetaRecord['key']>;
  clients!: Table<StoredClient, string>;
  orgIds!: Table<IssuedOrgId, string>;
  experiments!: Table<Experiment, number>;
  members!: Table<Member, number>;
  reports!: Table<UsageReport, [string, string]>;
  activity!: Table<ActivityEntry, number>;
  reminders!: Table<StoredReminder, ReminderKey>;
  usageSamples!: Table<UsageSample, [string, string]>;
  usageAlerts!: Table<StoredUsageAlert, UsageAlertKey>;
  outbox!: Table<OutboxChange, number>;
  refusedChanges!: Table<RefusedChange, number>;

  constructor(name: string = DB_NAME) {
    super(name);
    for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
      const declared = this.version(version).stores(stores);
      if (upgrade) declared.upgrade(upgrade);
    }
  }
}

/** The one database of the extension; every context (popup, dashboard, worker) opens the same. */
export const db = new AgencyDatabase();
