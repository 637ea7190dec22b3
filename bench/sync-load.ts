// The sync server under load (`npm run bench -- --suites sync`): a throwaway PostgreSQL cluster
// with fsync on, one server process listening on 127.0.0.1 (buildApp, as `npm run server`
// builds it), and simulated managers pushing named changes over real HTTP (fetch), each push
// waiting for the previous one as a browser's outbox does. Three runs:
//
//   1. one agency, 20 managers, 500 changes each (client.create, update, reallocate, and
//      setVisitorsUsed when the server has its handler), in pushes of 10;
//   2. one agency, 50 managers, the same changes each as run 3;
//   3. 50 agencies of one manager each, pushing at the same time as run 2's managers.
//
// Runs 2 and 3 send the same number of changes from the same number of writers: the ratio of
// their throughputs shows how much of run 2's time is agencies' writers waiting for each other
// (one agency's changes go one at a time under its row lock), which agencies never do.
// Every run ends with the database's own account: no pool over-allocated, the allocated column
// equal to the quotas it sums, one version per accepted change. A break stops the bench.

import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ChangeResult } from '../lib/model/sync-outcome';
import type { ChangeName } from '../lib/model/team';
import { generateOrgId } from '../lib/rules/org-id';
import { addMember, createAgency } from '../server/admin/team';
import { CHANGE_HANDLERS } from '../server/changes/registry';
import { POOL_SIZE } from '../server/cli/serve';
import { migrate } from '../server/db/migrate';
import { createPool, type Db } from '../server/db/pool';
import { startPgCluster } from '../server/dev/pg-cluster';
import { buildApp } from '../server/http/app';
import { loadAverage } from './machine';
import { percentile, round } from './stats';

export interface SyncLoadOptions {
  /** Managers of the one agency in run 1, and changes each. */
  managers: number;
  changesEach: number;
  pushSize: number;
  /** Agencies in run 3 (and managers of the one agency in run 2), and changes each. */
  agencies: number;
  parallelChangesEach: number;
  log: (message: string) => void;
}

export const DEFAULT_SYNC_LOAD: Omit<SyncLoadOptions, 'log'> = {
  managers: 20,
  changesEach: 500,
  pushSize: 10,
  agencies: 50,
  parallelChangesEach: 40,
};

export interface SyncRunFigures {
  label: string;
  agencies: number;
  writers: number;
  changes: number;
  accepted: number;
  refused: number;
  retry: number;
  seconds: number;
  acceptedPerSecond: number;
  changesPerSecond: number;
  pushP50Ms: number;
  pushP95Ms: number;
  /** Agencies whose rows break an invariant at the end; anything but 0 stops the bench. */
  invariantBreaks: number;
  mix: Partial<Record<ChangeName, number>>;
}

export interface SyncLoadResults {
  machine: { cpu: string; cores: number; node: string; postgres: string; date: string; loadAverage: number[] };
  options: Omit<SyncLoadOptions, 'log'>;
  runs: SyncRunFigures[];
  /** Run 3's throughput over run 2's. */
  agenciesRatio: number;
}

interface Writer {
  agencyId: string;
  token: string;
  /** The agency's clients this bench knows were created (shared by the agency's writers). */
  clients: string[];
}

/** A small seeded generator, so that each run sends the same mix. */
function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const contact = { firstName: 'Ana', lastName: 'Silva', email: 'ana@example.com' };

function changeId(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * The next change of one writer: a create while its agency has few clients, then a mix of
 * edits, reallocations and (when the server runs them) usage numbers on any of the agency's
 * clients, with a create now and then.
 */
function nextChange(writer: Writer, random: () => number, withVisitors: boolean) {
  const pick = random();
  const target = writer.clients[Math.floor(random() * writer.clients.length)];
  const id = changeId();
  if (target === undefined || writer.clients.length < 5 || pick < 0.3) {
    const quota = 1 + Math.floor(random() * 40);
    return {
      id,
      name: 'client.create' as const,
      args: { orgId: generateOrgId(), client: { name: `Client ${id.slice(0, 6)}`, quota, contact } },
    };
  }
  if (pick < 0.55)
    return {
      id,
      name: 'client.update' as const,
      args: { orgId: target, details: { name: `Client ${id.slice(0, 6)}`, contact, industry: 'retail' } },
    };
  if (pick < 0.8 || !withVisitors)
    return { id, name: 'client.reallocate' as const, args: { orgId: target, quota: 1 + Math.floor(random() * 60) } };
  return {
    id,
    name: 'client.setVisitorsUsed' as const,
    args: { orgId: target, visitors: Math.floor(random() * 20), reason: 'Corrected from the usage report' },
  };
}

interface Tally {
  accepted: number;
  refused: number;
  retry: number;
  latencies: number[];
  acceptedByAgency: Map<string, number>;
  createsByAgency: Map<string, number>;
  mix: Partial<Record<ChangeName, number>>;
}

async function pushAll(
  base: string,
  writer: Writer,
  changes: number,
  options: SyncLoadOptions,
  seed: number,
  tally: Tally,
) {
  const random = seeded(seed);
  const withVisitors = CHANGE_HANDLERS['client.setVisitorsUsed'] !== undefined;
  const deviceId = `bench-${changeId()}`;
  for (let sent = 0; sent < changes; sent += options.pushSize) {
    const batch = Array.from({ length: Math.min(options.pushSize, changes - sent) }, () =>
      nextChange(writer, random, withVisitors),
    );
    const started = performance.now();
    const response = await fetch(`${base}/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${writer.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId, changes: batch }),
    });
    const text = await response.text();
    tally.latencies.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`push answered ${response.status}: ${text}`);
    const { results } = JSON.parse(text) as { results: ChangeResult[] };
    results.forEach((result, index) => {
      const change = batch[index];
      if (!change) return;
      tally.mix[change.name] = (tally.mix[change.name] ?? 0) + 1;
      if (result.status === 'accepted') {
        tally.accepted += 1;
        tally.acceptedByAgency.set(writer.agencyId, (tally.acceptedByAgency.get(writer.agencyId) ?? 0) + 1);
        if (change.name === 'client.create') {
          writer.clients.push((change.args as { orgId: string }).orgId);
          tally.createsByAgency.set(writer.agencyId, (tally.createsByAgency.get(writer.agencyId) ?? 0) + 1);
        }
      } else if (result.status === 'refused') tally.refused += 1;
      else tally.retry += 1;
    });
  }
}

/** Agencies whose rows break the pool rule or the bookkeeping of the run. */
async function invariantBreaks(db: Db, tally: Tally, agencyIds: string[]): Promise<number> {
  const { rows } = await db.query<{
    id: string;
    pool_size: number;
    allocated: number;
    version: number;
    held: number;
    clients: number;
  }>(
    `SELECT a.id, a.pool_size, a.allocated, a.version,
            COALESCE(sum(c.quota), 0)::bigint AS held, count(c.org_id)::bigint AS clients
     FROM agencies a LEFT JOIN clients c ON c.agency_id = a.id
     WHERE a.id = ANY($1::uuid[]) GROUP BY a.id`,
    [agencyIds],
  );
  let breaks = 0;
  for (const row of rows) {
    const accepted = tally.acceptedByAgency.get(row.id) ?? 0;
    const creates = tally.createsByAgency.get(row.id) ?? 0;
    // createAgency takes version 1; each accepted change the next one.
    const broken =
      row.held > row.pool_size || row.allocated !== row.held || row.version !== 1 + accepted || row.clients !== creates;
    if (broken) breaks += 1;
  }
  return breaks + (agencyIds.length - rows.length);
}

async function setUpAgencies(db: Db, agencies: number, managersEach: number, poolSize: number): Promise<Writer[]> {
  const writers: Writer[] = [];
  for (let a = 0; a < agencies; a += 1) {
    const owner = await createAgency(db, {
      agencyName: `Bench Agency ${a + 1}`,
      poolSize,
      timeZone: 'UTC',
      ownerName: 'Bench Owner',
      ownerEmail: 'owner@example.com',
    });
    const clients: string[] = [];
    for (let m = 0; m < managersEach; m += 1) {
      const manager = await addMember(db, owner.agencyId, {
        name: `Manager ${m + 1}`,
        email: `manager${m + 1}@example.com`,
        role: 'manager',
      });
      writers.push({ agencyId: owner.agencyId, token: manager.token, clients });
    }
  }
  return writers;
}

async function run(
  base: string,
  db: Db,
  label: string,
  agencies: number,
  managersEach: number,
  changesEach: number,
  options: SyncLoadOptions,
): Promise<SyncRunFigures> {
  // About a third of the changes create clients of 1–40 licences (20 on average), and reallocations
  // ask for up to 60: a pool of 6 licences per change fills up during the run, so the pool rule
  // refuses some creates and increases, as it would in an agency near its limit.
  const poolSize = Math.round(managersEach * changesEach * 6);
  const writers = await setUpAgencies(db, agencies, managersEach, poolSize);
  const tally: Tally = {
    accepted: 0,
    refused: 0,
    retry: 0,
    latencies: [],
    acceptedByAgency: new Map(),
    createsByAgency: new Map(),
    mix: {},
  };
  options.log(`${label}: ${writers.length} writers × ${changesEach} changes`);
  const started = performance.now();
  await Promise.all(writers.map((writer, index) => pushAll(base, writer, changesEach, options, index + 1, tally)));
  const seconds = (performance.now() - started) / 1000;
  const agencyIds = [...new Set(writers.map((writer) => writer.agencyId))];
  const breaks = await invariantBreaks(db, tally, agencyIds);
  const changes = writers.length * changesEach;
  const figures: SyncRunFigures = {
    label,
    agencies,
    writers: writers.length,
    changes,
    accepted: tally.accepted,
    refused: tally.refused,
    retry: tally.retry,
    seconds: round(seconds, 2),
    acceptedPerSecond: round(tally.accepted / seconds, 0),
    changesPerSecond: round(changes / seconds, 0),
    pushP50Ms: round(percentile(tally.latencies, 0.5), 1),
    pushP95Ms: round(percentile(tally.latencies, 0.95), 1),
    invariantBreaks: breaks,
    mix: tally.mix,
  };
  options.log(`${label}: ${JSON.stringify(figures)}`);
  if (breaks > 0) throw new Error(`${label}: ${breaks} agencies break the pool or version invariants`);
  return figures;
}

async function postgresVersion(db: Db): Promise<string> {
  const { rows } = await db.query<{ server_version: string }>('SHOW server_version');
  return rows[0]?.server_version ?? 'unknown';
}

export async function runSyncLoad(options: SyncLoadOptions): Promise<SyncLoadResults> {
  const loadAtStart = loadAverage();
  const cluster = await startPgCluster({ dir: await mkdtemp(join(tmpdir(), 'agency-desk-bench-pg-')), durable: true });
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE bench');
    await admin.end();
    const url = cluster.urlOf('bench');
    await migrate(url);
    // The pool `npm run server` opens, so that the figures are one server process's.
    const db = createPool(url, POOL_SIZE);
    const app = await buildApp({ db, rateLimitPerMinute: 1_000_000 });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const runs = [
        await run(base, db, 'one agency', 1, options.managers, options.changesEach, options),
        await run(base, db, 'one agency, many writers', 1, options.agencies, options.parallelChangesEach, options),
        await run(base, db, 'many agencies', options.agencies, 1, options.parallelChangesEach, options),
      ];
      const [, crowded, spread] = runs;
      return {
        machine: {
          cpu: cpus()[0]?.model ?? 'unknown',
          cores: cpus().length,
          node: process.version,
          postgres: await postgresVersion(db),
          date: new Date().toISOString(),
          loadAverage: [loadAtStart, loadAverage()],
        },
        options: {
          managers: options.managers,
          changesEach: options.changesEach,
          pushSize: options.pushSize,
          agencies: options.agencies,
          parallelChangesEach: options.parallelChangesEach,
        },
        runs,
        agenciesRatio: round((spread?.acceptedPerSecond ?? 0) / Math.max(1, crowded?.acceptedPerSecond ?? 1), 2),
      };
    } finally {
      await app.close();
      await db.end();
    }
  } finally {
    await cluster.stop();
  }
}

function describeRun(figures: SyncRunFigures): string {
  return figures.agencies === 1
    ? `1 agency, ${figures.writers} managers`
    : `${figures.agencies} agencies, 1 manager each`;
}

export function markdownSync(results: SyncLoadResults): string {
  const lines = [
    '| run | changes | accepted/s | all changes/s | push p50 | push p95 | accepted | refused | retry | invariant breaks | time |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const figures of results.runs) {
    lines.push(
      `| ${describeRun(figures)} | ${figures.changes.toLocaleString('en-US')} | ${figures.acceptedPerSecond} | ${figures.changesPerSecond} | ${figures.pushP50Ms} ms | ${figures.pushP95Ms} ms | ${figures.accepted.toLocaleString('en-US')} | ${figures.refused.toLocaleString('en-US')} | ${figures.retry} | ${figures.invariantBreaks} | ${figures.seconds} s |`,
    );
  }
  const { machine, options } = results;
  const mix = Object.entries(results.runs[0]?.mix ?? {})
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
  return [
    ...lines,
    '',
    `- ${results.agenciesRatio}× the throughput when the same writers belong to ${options.agencies} agencies instead of one.`,
    `- Pushes of ${options.pushSize} changes; the first run's mix: ${mix}.`,
    `- ${machine.cpu}, ${machine.cores} cores; PostgreSQL ${machine.postgres} (fsync on, one server process, a pool of ${POOL_SIZE} connections); Node ${machine.node}; measured ${machine.date.slice(0, 16).replace('T', ' ')} UTC; load average ${machine.loadAverage[0]} at the start, ${machine.loadAverage[1]} at the end.`,
  ].join('\n');
}
