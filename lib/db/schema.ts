import type { Transaction } from 'dexie';
import { defaultSettings, type Settings } from '../model/settings';
import { billingPeriodStart } from '../rules/billing';
import { isAtQuota } from '../rules/quota';
import { clientSearchText, foldForSearch } from '../rules/search';

/**
 * Every version the database has had, oldest first. A version is never edited once
 * released: a change of schema or of stored shape is a new entry with an upgrade.
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
    async upgrade(tx) {
      await tx
        .table('clients')
        .toCollection()
        .modify((client: Record<string, unknown> & Parameters<typeof clientSearchText>[0]) => {
          client.searchText = clientSearchText(client);
          client.nameKey = foldForSearch(client.name);
        });
    },
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
];

/**
 * The period of a client's usage is read from what is stored, not from the clock: the latest
 * period it has a usage report for, else the period in which it was created. A database
 * opened after months away then starts the periods it missed on the next background run.
 */
async function addUsagePeriodAndQuotaFlag(tx: Transaction): Promise<void> {
  const stored = (await tx.table('meta').get('settings')) as { value?: Partial<Settings> } | undefined;
  const defaults = defaultSettings();
  const billingDay = stored?.value?.billingDay ?? defaults.billingDay;
  const timeZone = stored?.value?.timeZone ?? defaults.timeZone;
  const latestReport = new Map<string, string>();
  await tx
    .table('reports')
    .toCollection()
    .each((report: { orgId: string; period: string }) => {
      const known = latestReport.get(report.orgId);
      if (known === undefined || report.period > known) latestReport.set(report.orgId, report.period);
    });
  await tx
    .table('clients')
    .toCollection()
    .modify((client: { orgId: string; createdAt: number; usedVisitors: number; quota: number; usagePeriod?: string; atQuota?: number }) => {
      client.usagePeriod = latestReport.get(client.orgId) ?? billingPeriodStart(client.createdAt, billingDay, timeZone);
      client.atQuota = isAtQuota(client) ? 1 : 0;
    });
}

export const LATEST_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version ?? 1;
