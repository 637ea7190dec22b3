/**
 * Upgrade harness: for every older schema version, build a database exactly as that
 * version left it (a raw Dexie declaring only the versions up to it), fill it with records
 * in that version's shape, then open it as the current AgencyDatabase and check that every
 * record of every table survived, changed only by the upgrades' documented additions.
 *
 * Adding a schema version means adding fixtures for the version before it (FIXTURES) and
 * the additions the new upgrade makes (ADDITIONS); the harness refuses to run without them.
 * Both are written out by hand, never computed with today's lib/rules: an upgrade is frozen
 * once released (lib/db/upgrades), and so is what its test expects of it.
 */
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AgencyDatabase, DB_NAME, db } from '../../../lib/db/database';
import { LATEST_VERSION, SCHEMA_VERSIONS } from '../../../lib/db/schema';
import { listClientPage } from '../../../lib/ops';
import { isAtQuota } from '../../../lib/rules/quota';
import { clientSearchText, foldForSearch, matchesQuery } from '../../../lib/rules/search';
import { resetDb } from '../ops/helpers';

type Row = Record<string, unknown>;
type Tables = Record<string, Row[]>;

const AT = Date.UTC(2026, 0, 10, 9, 0, 0);

const settings = {
  agencyName: 'Agency KK',
  poolSize: 100,
  reminderDays: [30, 7, 1],
  billingDay: 1,
  timeZone: 'Asia/Tokyo',
  language: 'ja',
};

/** Clients as version 1 stored them: no searchText, no nameKey. */
const v1Clients: Row[] = [
  {
    orgId: 'ORG-0000000A',
    name: 'Ａｃｍｅ Coffee',
    company: 'Acme Holdings',
    contact: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.example' },
    domain: 'acme.example',
    address: { city: 'Osaka', country: 'Japan' },
    status: 'active',
    quota: 40,
    usedVisitors: 12,
    createdAt: AT,
    updatedAt: AT + 1,
  },
  {
    orgId: 'ORG-0000000B',
    name: 'カフェ・ミント',
    contact: { firstName: '健二', lastName: '山田', email: 'kenji@mint.example' },
    industry: 'hospitality',
    workspaceUrl: 'https://mint.example/ws',
    status: 'paused',
    quota: 10,
    usedVisitors: 10,
    createdAt: AT,
    updatedAt: AT + 2,
  },
  {
    orgId: 'ORG-0000000C',
    name: 'Zeta   Labs',
    company: 'ｾﾞｰﾀ',
    contact: { firstName: 'Zoe', lastName: 'Zed', email: 'z@zeta.example' },
    status: 'inactive',
    quota: 3,
    usedVisitors: 3,
    quotaBeforeInactive: 20,
    inactiveSince: AT,
    purgeOn: '2026-04-10',
    createdAt: AT,
    updatedAt: AT + 3,
  },
];

/** The search fields version 2 gave each client, written out by hand. */
const V2_SEARCH_FIELDS: Record<string, { searchText: string; nameKey: string }> = {
  'ORG-0000000A': {
    searchText: 'acme coffee acme holdings org-0000000a ada@acme.example acme.example',
    nameKey: 'acme coffee',
  },
  'ORG-0000000B': { searchText: 'かふぇ・みんと org-0000000b kenji@mint.example', nameKey: 'かふぇ・みんと' },
  'ORG-0000000C': { searchText: 'zeta labs ぜーた org-0000000c z@zeta.example', nameKey: 'zeta labs' },
};

function withV2SearchFields(row: Row): Row {
  const extra = V2_SEARCH_FIELDS[row.orgId as string];
  if (!extra) throw new Error(`no expected additions written for client ${String(row.orgId)}`);
  return { ...row, ...extra };
}

/** Records in the shape each version stored them, keyed by the version that wrote them. */
const FIXTURES: Record<number, Tables> = {
  1: {
    meta: [
      { key: 'settings', value: settings },
      { key: 'pool', value: { allocated: 53 } },
    ],
    clients: v1Clients,
    orgIds: [
      { orgId: 'ORG-0000000A', issuedAt: AT },
      { orgId: 'ORG-0000000B', issuedAt: AT },
      { orgId: 'ORG-0000000C', issuedAt: AT },
      // A client deleted long ago: its Org ID stays issued.
      { orgId: 'ORG-0000000D', issuedAt: AT - 1 },
    ],
    experiments: [
      { id: 1, orgId: 'ORG-0000000A', name: 'Hero test', status: 'running', createdAt: AT, updatedAt: AT },
      { id: 2, orgId: 'ORG-0000000B', name: 'Menu', status: 'paused', pausedBy: 'quota', createdAt: AT, updatedAt: AT },
      {
        id: 5,
        orgId: 'ORG-0000000C',
        name: 'Old',
        status: 'paused',
        pausedBy: 'inactivity',
        createdAt: AT,
        updatedAt: AT,
      },
    ],
    members: [
      { id: 1, orgId: 'ORG-0000000A', name: 'Mina', email: 'mina@acme.example', role: 'admin', createdAt: AT },
      { id: 3, orgId: 'ORG-0000000B', name: 'Ken', email: 'ken@mint.example', role: 'user', createdAt: AT },
    ],
    reports: [
      { orgId: 'ORG-0000000A', period: '2026-01-01', visitors: 12, updatedAt: AT },
      { orgId: 'ORG-0000000B', period: '2025-12-01', visitors: 4, updatedAt: AT },
      { orgId: 'ORG-0000000B', period: '2026-01-01', visitors: 6, updatedAt: AT },
    ],
    activity: [
      {
        id: 1,
        at: AT,
        actor: { type: 'person' },
        action: 'pool_changed',
        poolSize: 100,
        details: { poolBefore: 0, poolAfter: 100 },
      },
      { id: 2, at: AT, actor: { type: 'person' }, action: 'client_created', orgId: 'ORG-0000000A', quotaDelta: 40 },
      { id: 7, at: AT, actor: { type: 'rule', rule: 'quota' }, action: 'client_paused', orgId: 'ORG-0000000B' },
    ],
  },
};
// Version 2 stored clients with their search fields; version 3 only adds an index (lastOpenedAt).
FIXTURES[2] = {
  ...(FIXTURES[1] as Tables),
  orgIds: [...((FIXTURES[1] as Tables).orgIds ?? []), { orgId: 'ORG-0000000E', issuedAt: AT }],
  clients: [
    ...v1Clients.map(withV2SearchFields),
    {
      orgId: 'ORG-0000000E',
      name: 'Ｅｌｍ Studio',
      contact: { firstName: 'Eli', lastName: 'Moss', email: 'eli@elm.example' },
      domain: 'elm.example',
      status: 'active',
      quota: 0,
      usedVisitors: 0,
      searchText: 'elm studio org-0000000e eli@elm.example elm.example',
      nameKey: 'elm studio',
      createdAt: AT,
      updatedAt: AT,
    },
  ],
};

// Version 3 stored when a workspace was last opened; version 4 adds the billing period and
// at-quota flag. A client created on 1 Dec in Tokyo (30 Nov in UTC) with no usage report.
FIXTURES[3] = {
  ...FIXTURES[2],
  orgIds: [...(FIXTURES[2].orgIds ?? []), { orgId: 'ORG-0000000F', issuedAt: AT }],
  clients: [
    ...(FIXTURES[2].clients ?? []),
    {
      orgId: 'ORG-0000000F',
      name: 'Fjord Foods',
      contact: { firstName: 'Frida', lastName: 'Nord', email: 'frida@fjord.example' },
      status: 'active',
      quota: 50,
      usedVisitors: 7,
      searchText: 'fjord foods org-0000000f frida@fjord.example',
      nameKey: 'fjord foods',
      lastOpenedAt: AT + 5,
      createdAt: Date.UTC(2025, 10, 30, 16, 0, 0),
      updatedAt: AT,
    },
  ],
};

/**
 * Version 4's billing period of each client (the latest period it has a usage report for,
 * else the period it was created in, in the agency's time zone) and its at-quota flag.
 */
const V4_PERIOD_FIELDS: Record<string, { usagePeriod: string; atQuota: 0 | 1 }> = {
  'ORG-0000000A': { usagePeriod: '2026-01-01', atQuota: 0 },
  'ORG-0000000B': { usagePeriod: '2026-01-01', atQuota: 1 },
  'ORG-0000000C': { usagePeriod: '2026-01-01', atQuota: 1 },
  'ORG-0000000E': { usagePeriod: '2026-01-01', atQuota: 1 },
  'ORG-0000000F': { usagePeriod: '2025-12-01', atQuota: 0 },
};

// Version 4 stored clients with their billing period and at-quota flag, and reminders before a
// purge; version 5 only adds an index (revokedAt), which no version 4 client has.
FIXTURES[4] = {
  ...FIXTURES[3],
  clients: (FIXTURES[3].clients ?? []).map((row) => ({ ...row, ...V4_PERIOD_FIELDS[row.orgId as string] })),
  reminders: [
    {
      orgId: 'ORG-0000000C',
      purgeOn: '2026-04-10',
      daysBefore: 30,
      status: 'sent',
      decidedAt: AT,
      sentAt: AT + 1,
      notification: 'shown',
    },
  ],
};

// Version 5 stored the same records (it only added the revokedAt index, which none of these has).
FIXTURES[5] = FIXTURES[4];

/** The search text version 6 gave each client, its fields kept apart by " | ", written out by hand. */
const V6_SEARCH_TEXT: Record<string, string> = {
  'ORG-0000000A': 'acme coffee | acme holdings | org-0000000a | ada@acme.example | acme.example',
  'ORG-0000000B': 'かふぇ・みんと | org-0000000b | kenji@mint.example',
  'ORG-0000000C': 'zeta labs | ぜーた | org-0000000c | z@zeta.example',
  'ORG-0000000E': 'elm studio | org-0000000e | eli@elm.example | elm.example',
  'ORG-0000000F': 'fjord foods | org-0000000f | frida@fjord.example',
};

/** Version 7's usage percentage of each client (usage over quota, rounded down; 100 for any use of no quota). */
const V7_USAGE_PERCENT: Record<string, number> = {
  'ORG-0000000A': 30,
  'ORG-0000000B': 100,
  'ORG-0000000C': 100,
  'ORG-0000000E': 0,
  'ORG-0000000F': 14,
};

// Version 6 stored the same records with their search fields kept apart.
FIXTURES[6] = {
  ...FIXTURES[5],
  clients: (FIXTURES[5]?.clients ?? []).map((row) => ({ ...row, searchText: V6_SEARCH_TEXT[row.orgId as string] })),
};

// Version 7 stored the same records with their usage percentage; its new tables start empty here.
FIXTURES[7] = {
  ...FIXTURES[6],
  clients: (FIXTURES[6]?.clients ?? []).map((row) => ({ ...row, usagePercent: V7_USAGE_PERCENT[row.orgId as string] })),
  meta: (FIXTURES[6]?.meta ?? []).map((row) =>
    row.key === 'settings' ? { ...row, value: { ...(row.value as Row), usageWarningLevels: [80, 90] } } : row,
  ),
  usageSamples: [],
  usageAlerts: [],
};

// Version 8 stored the same records with the keys a shared roster names experiments and members
// by (its upgrade made them from the local ids); its new tables start empty here. Version 9
// only adds an index of clients, by run-out day and name.
FIXTURES[8] = {
  ...FIXTURES[7],
  experiments: (FIXTURES[7]?.experiments ?? []).map((row) => ({ ...row, key: `v8-experiment-${String(row.id)}` })),
  members: (FIXTURES[7]?.members ?? []).map((row) => ({ ...row, key: `v8-member-${String(row.id)}` })),
  outbox: [],
  refusedChanges: [],
};

/**
 * What each upgrade adds, per table: written out by hand, not computed by the code under
 * test. Version 2 gives clients their folded search text and sort key.
 */
const ADDITIONS: Record<number, Record<string, (row: Row) => Row>> = {
  2: { clients: withV2SearchFields },
  6: {
    clients: (row) => {
      const searchText = V6_SEARCH_TEXT[row.orgId as string];
      if (searchText === undefined)
        throw new Error(`no expected version 6 search text written for client ${String(row.orgId)}`);
      return { ...row, searchText };
    },
  },
  7: {
    clients: (row) => {
      const usagePercent = V7_USAGE_PERCENT[row.orgId as string];
      if (usagePercent === undefined)
        throw new Error(`no expected version 7 usage percentage written for client ${String(row.orgId)}`);
      return { ...row, usagePercent };
    },
    // Saved settings get the default warning levels; the pool record is left as it was.
    meta: (row) =>
      row.key === 'settings' ? { ...row, value: { ...(row.value as Row), usageWarningLevels: [80, 90] } } : row,
  },
  // Experiments and members get the key a shared roster names them by, made from their local id.
  8: {
    experiments: (row) => ({ ...row, key: `v8-experiment-${String(row.id)}` }),
    members: (row) => ({ ...row, key: `v8-member-${String(row.id)}` }),
  },
  4: {
    clients: (row) => {
      const extra = V4_PERIOD_FIELDS[row.orgId as string];
      if (!extra) throw new Error(`no expected version 4 fields written for client ${String(row.orgId)}`);
      return { ...row, ...extra };
    },
  },
};

/** Tables that versions after `from`, up to `to`, create: they start empty. */
function tablesAddedAfter(from: number, to: number): string[] {
  const existing = new Set(SCHEMA_VERSIONS.filter((e) => e.version <= from).flatMap((e) => Object.keys(e.stores)));
  const later = SCHEMA_VERSIONS.filter((e) => e.version > from && e.version <= to).flatMap((e) =>
    Object.keys(e.stores),
  );
  return [...new Set(later)].filter((table) => !existing.has(table));
}

/** The tables a database at `version` has. */
function tablesAt(version: number): string[] {
  return [...new Set(SCHEMA_VERSIONS.filter((e) => e.version <= version).flatMap((e) => Object.keys(e.stores)))].sort();
}
const OLDER = SCHEMA_VERSIONS.slice(0, -1).map((entry) => entry.version);

/** The versions that have an upgrade function, each checked on its own below. */
const UPGRADED = SCHEMA_VERSIONS.filter((entry) => entry.upgrade).map((entry) => entry.version);

/** A database exactly as `version` left it, holding `fixtures`; closed again. */
async function createAtVersion(name: string, version: number, fixtures: Tables): Promise<void> {
  const raw = new Dexie(name);
  for (const entry of SCHEMA_VERSIONS.filter((e) => e.version <= version))
    raw.version(entry.version).stores(entry.stores);
  await raw.open();
  await raw.transaction('rw', raw.tables, async () => {
    for (const [table, rows] of Object.entries(fixtures)) await raw.table(table).bulkAdd(rows);
  });
  raw.close();
}

/**
 * A raw Dexie declaring the versions up to `version` with their upgrades, as the extension
 * did when `version` was its latest; opened, so that the upgrades up to `version` have run.
 */
async function openThrough(name: string, version: number): Promise<Dexie> {
  const raw = new Dexie(name);
  for (const entry of SCHEMA_VERSIONS.filter((e) => e.version <= version)) {
    const declared = raw.version(entry.version).stores(entry.stores);
    if (entry.upgrade) declared.upgrade(entry.upgrade);
  }
  opened.push(raw);
  await raw.open();
  return raw;
}

/** A database written at `version` with `fixtures`, then opened as the extension opens it today. */
async function upgradedFrom(name: string, version: number, fixtures: Tables): Promise<AgencyDatabase> {
  await createAtVersion(name, version, fixtures);
  const upgraded = new AgencyDatabase(name);
  opened.push(upgraded);
  await upgraded.open();
  return upgraded;
}

/** What `fixtures` of version `from` become once opened at version `to`: the hand-written additions. */
function expectedAfterUpgrade(from: number, fixtures: Tables, to: number = LATEST_VERSION): Tables {
  const expected: Tables = Object.fromEntries(tablesAddedAfter(from, to).map((table) => [table, []]));
  for (const [table, rows] of Object.entries(fixtures)) {
    expected[table] = rows.map((row) => {
      let result = structuredClone(row);
      for (const { version } of SCHEMA_VERSIONS.filter((e) => e.version > from && e.version <= to)) {
        const add = ADDITIONS[version]?.[table];
        if (add) result = add(result);
      }
      return result;
    });
  }
  return expected;
}

async function contents(database: Dexie): Promise<Tables> {
  const result: Tables = {};
  for (const table of database.tables) result[table.name] = (await table.toArray()) as Row[];
  return result;
}

/** Rows in a stable order, so tables compare regardless of key order. */
function sorted(tables: Tables): Tables {
  const key = (row: Row) => JSON.stringify(row.key ?? row.id ?? [row.orgId, row.period ?? '']);
  return Object.fromEntries(
    Object.entries(tables)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([table, rows]) => [table, [...rows].sort((a, b) => key(a).localeCompare(key(b)))]),
  );
}

const opened: Dexie[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.delete();
});

describe('schema upgrades', () => {
  it('has fixtures for every older version and additions for every upgrade', () => {
    expect(SCHEMA_VERSIONS.map((e) => e.version)).toEqual(
      [...SCHEMA_VERSIONS.map((e) => e.version)].sort((a, b) => a - b),
    );
    for (const version of OLDER)
      expect(Object.keys(FIXTURES), `fixtures for version ${version}`).toContain(String(version));
    for (const entry of SCHEMA_VERSIONS)
      if (entry.upgrade)
        expect(Object.keys(ADDITIONS), `additions of version ${entry.version}`).toContain(String(entry.version));
    for (const [version, fixtures] of Object.entries(FIXTURES))
      expect(Object.keys(fixtures).sort(), `tables of the version ${version} fixtures`).toEqual(
        tablesAt(Number(version)),
      );
  });

  it.each(OLDER)('keeps every record of a version %i database, adding only what the upgrades add', async (version) => {
    const fixtures = FIXTURES[version] as Tables;
    const name = `agency-desk-migration-from-v${version}`;
    const upgraded = await upgradedFrom(name, version, fixtures);
    expect(upgraded.verno).toBe(LATEST_VERSION);
    expect(sorted(await contents(upgraded))).toStrictEqual(sorted(expectedAfterUpgrade(version, fixtures)));
  });

  it.each(UPGRADED)(
    'turns the records of the version before %i into the fixed records of that version, by its upgrade alone',
    async (version) => {
      const fixtures = FIXTURES[version - 1] as Tables;
      const name = `agency-desk-migration-step-to-v${version}`;
      await createAtVersion(name, version - 1, fixtures);

      const upgraded = await openThrough(name, version);
      expect(upgraded.verno).toBe(version);
      expect(sorted(await contents(upgraded))).toStrictEqual(
        sorted(expectedAfterUpgrade(version - 1, fixtures, version)),
      );
    },
  );

  it('takes every upgrade from its own frozen file, lib/db/upgrades/v<version>-<what-it-does>.ts', () => {
    const files = import.meta.glob<Record<string, unknown>>('../../../lib/db/upgrades/*.ts', { eager: true });
    const byVersion = new Map<number, Record<string, unknown>[]>();
    for (const [path, exports] of Object.entries(files)) {
      const match = /\/v(\d+)-[a-z0-9-]+\.ts$/.exec(path);
      expect(match, `name of ${path}`).not.toBeNull();
      const version = Number(match?.[1]);
      byVersion.set(version, [...(byVersion.get(version) ?? []), exports]);
    }
    expect([...byVersion.keys()].sort((a, b) => a - b)).toEqual(UPGRADED);
    for (const entry of SCHEMA_VERSIONS.filter((e) => e.upgrade)) {
      const modules = byVersion.get(entry.version) ?? [];
      expect(modules, `files of version ${entry.version}`).toHaveLength(1);
      expect(Object.values(modules[0] ?? {}), `exports of the version ${entry.version} file`).toContain(entry.upgrade);
    }
  });

  it('finds and sorts the clients of an upgraded version 1 database by their folded fields', async () => {
    const name = 'agency-desk-migration-search';
    const upgraded = await upgradedFrom(name, 1, FIXTURES[1] as Tables);

    const clients = await upgraded.clients.toArray();
    expect(clients).toHaveLength(3);
    // The new index answers queries and sorts.
    expect((await upgraded.clients.where('nameKey').equals('zeta labs').toArray()).map((c) => c.orgId)).toEqual([
      'ORG-0000000C',
    ]);
    expect((await upgraded.clients.orderBy('nameKey').toArray()).map((c) => c.orgId)).toEqual([
      'ORG-0000000A',
      'ORG-0000000C',
      'ORG-0000000B',
    ]);
  });
});

describe('version 4 upgrade', () => {
  it('finds upgraded clients by billing period and by the at-quota flag', async () => {
    const name = 'agency-desk-migration-periods';
    const upgraded = await upgradedFrom(name, 3, FIXTURES[3] as Tables);

    expect(await upgraded.clients.where('usagePeriod').below('2026-01-01').primaryKeys()).toEqual(['ORG-0000000F']);
    // An active client at its quota (here 0 of 0) is what the auto-pause rule looks for.
    expect(await upgraded.clients.where('[status+atQuota]').equals(['active', 1]).primaryKeys()).toEqual([
      'ORG-0000000E',
    ]);
    expect(await upgraded.reminders.count()).toBe(0);
  });

  /** A plain version 3 client (no usage period, no at-quota flag yet), created at `createdAt`. */
  function v3Client(orgId: string, createdAt: number, usedVisitors = 0, quota = 10): Row {
    return {
      orgId,
      name: orgId,
      contact: { firstName: 'A', lastName: 'B', email: 'a@b.example' },
      status: 'active',
      quota,
      usedVisitors,
      searchText: orgId.toLowerCase(),
      nameKey: orgId.toLowerCase(),
      createdAt,
      updatedAt: createdAt,
    };
  }

  it('starts periods on the saved billing day, in the saved time zone, for clients with no usage report', async () => {
    const name = 'agency-desk-migration-billing-day';
    const clients = [
      // 15 Jan 01:00 in Tokyo: on the billing day itself.
      v3Client('ORG-00000001', Date.UTC(2026, 0, 14, 16, 0, 0)),
      // 14 Jan 23:00 in Tokyo (already the 14th in UTC too): the day before, so December's period.
      v3Client('ORG-00000002', Date.UTC(2026, 0, 14, 14, 0, 0), 10, 10),
      // 2 Jan in Tokyo: the period began on 15 Dec of the year before.
      v3Client('ORG-00000003', Date.UTC(2026, 0, 1, 15, 0, 0), 11, 10),
    ];
    await createAtVersion(name, 3, {
      meta: [{ key: 'settings', value: { ...settings, billingDay: 15, timeZone: 'Asia/Tokyo' } }],
      clients,
    });
    const upgraded = await openThrough(name, 4);

    expect(await upgraded.table('clients').toArray()).toStrictEqual([
      { ...clients[0], usagePeriod: '2026-01-15', atQuota: 0 },
      { ...clients[1], usagePeriod: '2025-12-15', atQuota: 1 },
      { ...clients[2], usagePeriod: '2025-12-15', atQuota: 1 },
    ]);
  });

  it("uses billing day 1 and the browser's time zone when no settings were ever saved", async () => {
    const name = 'agency-desk-migration-default-settings';
    // Mid-month in every time zone, so the period is the 1st of that month wherever this runs.
    const clients = [v3Client('ORG-00000004', Date.UTC(2026, 1, 15, 12, 0, 0), 3, 2)];
    await createAtVersion(name, 3, { clients });
    const upgraded = await openThrough(name, 4);

    expect(await upgraded.table('clients').toArray()).toStrictEqual([
      { ...clients[0], usagePeriod: '2026-02-01', atQuota: 1 },
    ]);
    expect(await upgraded.table('meta').toArray()).toStrictEqual([]);
  });
});

/**
 * Not a test of any upgrade (those expect fixed records, above): a check that the fields the
 * upgrades derived still match what today's rules derive on a fresh write. When a change to a
 * rule in lib/rules makes this fail, old databases hold fields the new rule would not write:
 * add a schema version whose upgrade re-derives them (with its own frozen copy of the new
 * rule), and leave the released upgrades and their expected records as they are.
 */
describe("fields derived by the upgrades, against today's rules", () => {
  it("stores in an upgraded version 1 database the fields a fresh write would store, and today's search finds them", async () => {
    const name = 'agency-desk-migration-today';
    const upgraded = await upgradedFrom(name, 1, FIXTURES[1] as Tables);

    const clients = await upgraded.clients.toArray();
    expect(clients).toHaveLength(3);
    for (const client of clients) {
      expect(client.searchText).toBe(clientSearchText(client));
      expect(client.nameKey).toBe(foldForSearch(client.name));
      expect(client.atQuota).toBe(isAtQuota(client) ? 1 : 0);
    }
    // Today's search (query folded the same way) finds them, ignoring width, case and kana.
    const find = (query: string) => clients.filter((c) => matchesQuery(c.searchText, query)).map((c) => c.orgId);
    expect(find('カフェ')).toEqual(['ORG-0000000B']);
    expect(find('ACME')).toEqual(['ORG-0000000A']);
    expect(find('ｾﾞｰﾀ')).toEqual(['ORG-0000000C']);
    expect(find('ぜーた labs')).toEqual(['ORG-0000000C']);
    expect(find('mint.example')).toEqual(['ORG-0000000B']);
  });
});

// Also the app as it is today on an upgraded database: like the check above, it fails when a
// rule changes without a new upgrade to re-derive what old databases store.
describe('upgrade of the extension database itself', () => {
  afterEach(resetDb);

  it('opens a version 1 roster and finds its clients through listClientPage', async () => {
    await db.delete();
    await createAtVersion(DB_NAME, 1, FIXTURES[1] as Tables);
    await db.open();
    expect(db.verno).toBe(LATEST_VERSION);

    expect((await listClientPage({ query: 'かふぇ' })).items.map((c) => c.orgId)).toEqual(['ORG-0000000B']);
    expect((await listClientPage({ query: 'ＡＣＭＥ coffee' })).items.map((c) => c.orgId)).toEqual(['ORG-0000000A']);
    const page = await listClientPage({ sort: 'name' });
    expect(page.total).toBe(3);
    expect(page.items.map((c) => c.orgId)).toEqual(['ORG-0000000A', 'ORG-0000000C', 'ORG-0000000B']);
    expect((await listClientPage({ status: 'inactive' })).items.map((c) => c.orgId)).toEqual(['ORG-0000000C']);
  });
});
