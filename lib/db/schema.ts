import type { Transaction } from 'dexie';
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
];

export const LATEST_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version ?? 1;
