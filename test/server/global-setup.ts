import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../server/db/migrate';
import { type PgCluster, startPgCluster } from '../../server/dev/pg-cluster';
import { TEMPLATE } from './template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://…/ of the cluster, without a database name. */
    pgServer: string;
  }
}

let cluster: PgCluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  // No PostgreSQL: startPgCluster throws PostgresMissingError, whose message says how to install it.
  cluster = await startPgCluster({ dir: await mkdtemp(join(tmpdir(), 'agency-desk-pg-')) });
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  await admin.end();
  await migrate(cluster.urlOf(TEMPLATE));
  project.provide('pgServer', cluster.urlOf(''));
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}
