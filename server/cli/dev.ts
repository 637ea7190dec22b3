/**
 * `npm run server:dev`: one command to try the server. A PostgreSQL cluster of its own in
 * .output/pg (kept between runs, so the demo agency and its data stay), migrated, a demo
 * agency with its owner the first time, and the server on 127.0.0.1:8787.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createAgency } from '../admin/team';
import {
  DEFAULT_BODY_LIMIT,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  type Env,
  loadLogLevel,
  loadPort,
  type LogLevel,
} from '../config';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';
import { type PgCluster, PostgresMissingError, startPgCluster } from '../dev/pg-cluster';
import { type CliIo, CommandFailure, line } from './io';
import { serve } from './serve';
import { signalOnShutdown } from './shutdown';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DATABASE = 'agency_desk';

/** DEV_PG_DIR moves the cluster (tests use a temporary folder); PORT moves the server. */
function devSettings(env: Env): { dir: string; port: number; logLevel: LogLevel } {
  return { dir: env.DEV_PG_DIR || join(ROOT, '.output', 'pg'), port: loadPort(env), logLevel: loadLogLevel(env) };
}

async function ensureDatabase(serverUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    // A name, not a value: CREATE DATABASE takes no parameters; DATABASE is this file's constant.
    if (rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
}

function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

async function demoAgency(databaseUrl: string, io: CliIo, port: number): Promise<void> {
  const out = io.stdout;
  const db = createPool(databaseUrl, 2);
  try {
    const { rows } = await db.query<{ id: string; name: string }>(
      "SELECT id, settings->>'agencyName' AS name FROM agencies ORDER BY created_at LIMIT 1",
    );
    const existing = rows[0];
    if (existing) {
      line(out, `Agency "${existing.name}" (id ${existing.id}) is there from an earlier run.`);
      line(out, 'Its tokens were shown once, when they were made. For a new one, while this runs:');
      line(
        out,
        `  DATABASE_URL=${databaseUrl} npm run server -- member add --agency ${existing.id} ` +
          '--name "Your Name" --email you@example.com --role owner',
      );
      return;
    }
    const issued = await createAgency(db, {
      agencyName: 'Demo Agency',
      poolSize: 1000,
      timeZone: localTimeZone(),
      ownerName: 'Demo Owner',
      ownerEmail: 'owner@example.com',
    });
    line(out, `Demo agency created (id ${issued.agencyId}), a pool of 1000 licenses, owner "Demo Owner".`);
    line(out, "The owner's token, shown this once (the server keeps only its hash):");
    line(out, `  ${issued.token}`);
    line(out, `Try: curl -H "Authorization: Bearer ${issued.token}" http://127.0.0.1:${port}/v1/me`);
  } finally {
    await db.end();
  }
}

async function startCluster(dir: string): Promise<PgCluster> {
  try {
    // Durable: the data is kept, so a crash of the machine must not leave it torn.
    return await startPgCluster({ dir, keep: true, durable: true });
  } catch (error) {
    if (error instanceof PostgresMissingError) throw new CommandFailure(error.message);
    if (String(error).includes('Permission denied'))
      throw new CommandFailure(
        `PostgreSQL cannot reach ${dir}: as root, the cluster runs as the "postgres" user, which needs to ` +
          'reach the folder through every parent. Set DEV_PG_DIR to a folder it can reach, e.g. ' +
          `DEV_PG_DIR=/tmp/agency-desk-pg npm run server:dev. (${String(error).trim()})`,
      );
    throw error;
  }
}

export async function dev(io: CliIo): Promise<number> {
  const { dir, port, logLevel } = devSettings(io.env);
  // Ctrl-C during the cluster's start still ends the run through the finally below, which stops it.
  const shutdown = io.signal ? { signal: io.signal, dispose: () => {} } : signalOnShutdown();
  line(io.stdout, `Starting PostgreSQL in ${dir} (kept between runs; remove the folder to start over).`);
  const cluster = await startCluster(dir);
  try {
    await ensureDatabase(cluster.url);
    const databaseUrl = cluster.urlOf(DATABASE);
    await migrate(databaseUrl);
    await demoAgency(databaseUrl, io, port);
    line(io.stdout, `Serving on http://127.0.0.1:${port} (Ctrl-C stops the server and the cluster).`);
    return await serve(
      {
        databaseUrl,
        host: '127.0.0.1',
        port,
        trustProxy: false,
        bodyLimit: DEFAULT_BODY_LIMIT,
        rateLimitPerMinute: DEFAULT_RATE_LIMIT_PER_MINUTE,
        logLevel,
        // Trying it out on one machine: a webhook relay on the same machine is the usual case.
        privateWebhookHosts: true,
      },
      { ...io, signal: shutdown.signal },
    );
  } finally {
    shutdown.dispose();
    await cluster.stop();
  }
}
