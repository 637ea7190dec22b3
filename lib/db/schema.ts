import type { Transaction } from 'dexie';
import { foldClientSearchText } from './upgrades/v2-fold-client-search-text';
import { addUsagePeriodAndQuotaFlag } from './upgrades/v4-add-usage-period-and-quota-flag';
import { separateSearchFields } from './upgrades/v6-separate-search-fields';
import { addUsagePercentAndWarningLevels } from './upgrades/v7-add-usage-percent-and-warning-levels';
import { addSyncKeys } from './upgrades/v8-add-sync-keys';

/**
 * Every version the database has had, oldest first. A version is never edited once
 * released: a change of schema or of stored shape is a new entry with an upgrade.
 * Each upgrade lives in its own file, lib/db/upgrades/vN-<what-it-does>.ts, with its own
 * frozen copy of any rule it applies (never an import from lib/rules or lib/ops), so that a
 * later change to a rule cannot change what an old database turns into.
 */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      meta: 'key',
      clients: '&orgId, status, purgeOn, name',
      // Every Org ID ever issued, so that none is given out twice, even after a purge.
      orgIds: '&orgId',
      experiments: '++id, orgId, [orgId+status]',
      members: '++id, orgId, [orgId+email]',
      reports: '[orgId+period], orgId',
      activity: '++id, at, orgId',
    },
  },
  {
    // Version 2: case-, width- and kana-folded search text and sort key on every client.
    version: 2,
    stores: {
      clients: '&orgId, status, purgeOn, nameKey',
    },
    upgrade: foldClientSearchText,
  },
  {
    // Version 3: when a client's workspace was last opened, indexed so the switcher's first
    // rows (the most recently opened) come from a short indexed read. Absent until first opened.
    version: 3,
    stores: {
      clients: '&orgId, status, purgeOn, nameKey, lastOpenedAt',
    },
  },
  {
    // Version 4: the background rules. Clients get the billing period their usage counts in
    // (found by index when a new period starts) and a 0/1 "at quota" flag indexed with the
    // status (active clients at quota are paused, whatever wrote their usage). Reminders
    // before a purge are kept per client, purge date and step, so each goes out once.
    version: 4,
    stores: {
      clients: '&orgId, status, purgeOn, nameKey, lastOpenedAt, usagePeriod, [status+atQuota]',
      reminders: '[orgId+purgeOn+daysBefore], orgId, status, webhookDueAt, decidedAt',
    },
    upgrade: addUsagePeriodAndQuotaFlag,
  },
  {
    // Version 5: partner access. A client that revoked the agency's access keeps when it did
    // (revokedAt), indexed so the dashboard's Revoked filter reads just those clients; clients
    // with access have no revokedAt and so are not in the index. Subscription and payment card
    // are optional fields of the client: no stored shape changes, so no upgrade.
    version: 5,
    stores: {
      clients: '&orgId, status, purgeOn, nameKey, lastOpenedAt, usagePeriod, [status+atQuota], revokedAt',
    },
  },
  {
    // Version 6: the search text keeps its fields apart, so that digits at the end of one field
    // and the start of the next are never stored as one card number. No index changes.
    version: 6,
    stores: {},
    upgrade: separateSearchFields,
  },
  {
    // Version 7: usage coming in. Clients get their usage as a whole percentage of the quota,
    // indexed with the status (the badge counts active clients over the highest warning level),
    // and the run-out day their usage trend gives (none yet: no version 6 client has a trend).
    // Daily usage samples per client feed the run-out forecast, pruned by day. Usage warnings
    // are kept per client, billing period and kind (level or run-out), so each goes out once,
    // with their webhook tries found by due time as the reminders' are.
    version: 7,
    stores: {
      clients:
        '&orgId, status, purgeOn, nameKey, lastOpenedAt, usagePeriod, [status+atQuota], revokedAt, [status+usagePercent], runsOutOn',
      usageSamples: '[orgId+day], orgId, day',
      usageAlerts: '[orgId+period+kind], orgId, status, webhookDueAt, decidedAt',
    },
    upgrade: addUsagePercentAndWarningLevels,
  },
  {
    // Version 8: a shared roster (docs/SYNC.md). Experiments and org members get the key the
    // server names them by, unique and indexed (pulled rows find their local copy by it). The
    // outbox holds the changes not yet answered, in the order they were made; refused changes
    // are kept for the dashboard's list, the unseen ones found by index. History lines written
    // while connected are marked pending until the server's own copy replaces them.
    version: 8,
    stores: {
      experiments: '++id, orgId, [orgId+status], &key',
      members: '++id, orgId, [orgId+email], &key',
      activity: '++id, at, orgId, pending',
      outbox: '++seq, &id',
      refusedChanges: '++id, refusedAt, seen',
    },
    upgrade: addSyncKeys,
  },
  {
    // Version 9: the list by Runs out reads each run-out day's clients in name order
    // (lib/ops/run-out-page.ts) instead of the whole day to sort it; a day held thousands of
    // clients at 100,000. Only an index: IndexedDB builds it from the stored clients.
    version: 9,
    stores: {
      clients:
        '&orgId, status, purgeOn, nameKey, lastOpenedAt, usagePeriod, [status+atQuota], revokedAt, [status+usagePercent], runsOutOn, [runsOutOn+nameKey]',
    },
  },
];

export const LATEST_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version ?? 1;
