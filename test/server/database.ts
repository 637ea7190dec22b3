import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPool, type Db } from '../../server/db/pool';

import { TEMPLATE } from './template';

/** A database of its own for one test file, copied from the migrated template; dropped with `close`. */
export async function freshDatabase(): Promise<{ db: Db; url: string; close(): Promise<void> }> {
  const server = inject('pgServer');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${server}postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  await admin.end();
  const url = `${server}${name}`;
  const db = createPool(url, 20);
  return {
    db,
    url,
    async close() {
      await db.end();
    },
  };
}

/** An empty database on the test cluster (for the migration tests). */
export async function emptyDatabase(): Promise<string> {
  const server = inject('pgServer');
  const name = `empty_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${server}postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return `${server}${name}`;
}
