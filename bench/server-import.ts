// The sync server's roster.import at scale: a 10,000-client CSV pushed as one change to a
// throwaway PostgreSQL cluster (as the server tests start one), timed end to end through the
// HTTP app, then the same file again as 10,000 updates. Not a test: it prints the figures.
//
//   npx tsx bench/server-import.ts [--rows 10000] [--durable]
//
// --durable keeps fsync and synchronous commit on (the tests turn them off).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareImport } from '../lib/io/prepare';
import type { PreparedImport } from '../lib/model/import';
import type { ChangeResult } from '../lib/model/sync-outcome';
import { parseChangeArgs } from '../lib/model/sync-schema';
import { addMember, createAgency } from '../server/admin/team';
import { migrate } from '../server/db/migrate';
import { createPool } from '../server/db/pool';
import { startPgCluster } from '../server/dev/pg-cluster';
import { buildApp } from '../server/http/app';
import { importCsv } from './import';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '10000' }, durable: { type: 'boolean', default: false } },
});
const rows = Number(values.rows);
const NOW = Date.UTC(2026, 11, 2, 9);

function seconds(from: number): string {
  return ((performance.now() - from) / 1000).toFixed(2);
}

const cluster = await startPgCluster({
  dir: await mkdtemp(join(tmpdir(), 'agency-desk-bench-')),
  durable: values.durable,
});
const db = createPool(cluster.url);
try {
  await migrate(cluster.url);
  const owner = await createAgency(db, {
    agencyName: 'Bench Agency',
    poolSize: rows * 100,
    timeZone: 'UTC',
    ownerName: 'Olivia Owner',
    ownerEmail: 'olivia@example.com',
  });
  const manager = await addMember(db, owner.agencyId, { name: 'Max', email: 'max@example.com', role: 'manager' });
  const app = await buildApp({ db, clock: () => NOW });

  const pushImport = async (label: string, prepared: PreparedImport) => {
    const args = { prepared, choices: { existing: 'update', restoreSettings: false } };
    const payload = JSON.stringify({
      deviceId: 'bench-device-1',
      changes: [{ id: `bench-${label}`, name: 'roster.import', args }],
    });
    let started = performance.now();
    parseChangeArgs('roster.import', JSON.parse(JSON.stringify(args)));
    const parse = seconds(started);
    started = performance.now();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/push',
      headers: { authorization: `Bearer ${manager.token}`, 'content-type': 'application/json' },
      payload,
    });
    const total = seconds(started);
    const [result] = response.json<{ results: ChangeResult[] }>().results;
    if (result?.status !== 'accepted') throw new Error(`${label}: ${response.body.slice(0, 500)}`);
    console.log(
      `${label}: ${rows} rows, body ${(payload.length / 1024 / 1024).toFixed(1)} MB, push ${total} s ` +
        `(the args' zod parse alone, timed apart before it: ${parse} s), version ${result.version}`,
    );
  };

  await pushImport('create', prepareImport(new TextEncoder().encode(importCsv(rows))));

  const { rows: clients } = await db.query<{ org_id: string }>(
    'SELECT org_id FROM clients WHERE agency_id = $1 ORDER BY org_id',
    [owner.agencyId],
  );
  if (clients.length !== rows) throw new Error(`expected ${rows} clients, found ${clients.length}`);
  // The same clients again, by Org ID, with their usage moved: 10,000 updates and usage changes.
  const header = importCsv(1).split('\r\n')[0] ?? '';
  const updates = clients.map(
    ({ org_id }, index) =>
      `${org_id},Updated ${index},Ada,Lovelace,ada${index}@updated.example,,,,,,,,,,60,${index % 50},`,
  );
  await pushImport('update', prepareImport(new TextEncoder().encode([header, ...updates].join('\r\n'))));

  const started = performance.now();
  let since = 0;
  let pulled = 0;
  for (;;) {
    const response = await app.inject({
      method: 'GET',
      url: `/v1/pull?since=${since}&limit=5000`,
      headers: { authorization: `Bearer ${manager.token}` },
    });
    const page = response.json<{ rows: unknown[]; next: number; more: boolean }>();
    pulled += page.rows.length;
    since = page.next;
    if (!page.more) break;
  }
  console.log(`pull of everything: ${pulled} rows in ${seconds(started)} s`);
  await app.close();
} finally {
  await db.end();
  await cluster.stop();
}
