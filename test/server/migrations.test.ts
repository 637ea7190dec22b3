import { readdirSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS_DIR } from '../../server/db/migrate';
import { emptyDatabase } from './database';

const MIGRATIONS = readdirSync(MIGRATIONS_DIR)
  .filter((name) => name.endsWith('.sql'))
  .sort();

/** The schema as PostgreSQL describes it: tables and columns, constraints, triggers, views. */
async function describeSchema(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ line: string }>(
      `SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' ||
              COALESCE(column_default, '') AS line
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'pgmigrations'`,
    );
    const constraints = await client.query<{ line: string }>(
      `SELECT conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) AS line FROM pg_constraint
       WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'pgmigrations'`,
    );
    const triggers = await client.query<{ line: string }>(
      `SELECT tgrelid::regclass::text || ' ' || pg_get_triggerdef(oid) AS line FROM pg_trigger WHERE NOT tgisinternal`,
    );
    const indexes = await client.query<{ line: string }>(
      `SELECT indexdef AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'pgmigrations'`,
    );
    return [...columns.rows, ...constraints.rows, ...triggers.rows, ...indexes.rows].map((row) => row.line).sort();
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  it('are numbered in order, one file each', () => {
    expect(MIGRATIONS.length).toBeGreaterThanOrEqual(4);
    MIGRATIONS.forEach((name, index) => expect(name).toMatch(new RegExp(`^${String(index + 1).padStart(4, '0')}_`)));
  });

  it('bring an empty database, and one made by each earlier migration, to the same schema', async () => {
    const fresh = await emptyDatabase();
    expect(await migrate(fresh)).toEqual(MIGRATIONS.map((name) => name.replace(/\.sql$/, '')));
    const expected = await describeSchema(fresh);
    expect(expected.length).toBeGreaterThan(20);
    for (let applied = 1; applied < MIGRATIONS.length; applied += 1) {
      const url = await emptyDatabase();
      await migrate(url, applied);
      const rest = await migrate(url);
      expect(rest).toHaveLength(MIGRATIONS.length - applied);
      expect(await describeSchema(url)).toEqual(expected);
    }
    // Run again, nothing is left to do.
    expect(await migrate(fresh)).toEqual([]);
  });

  it('keep the pool count right when they run on a database that already has clients', async () => {
    const url = await emptyDatabase();
    await migrate(url, 2);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO agencies (settings, pool_size) VALUES ('{}', 50) RETURNING id`,
      );
      const agencyId = rows[0]?.id;
      await client.query(`INSERT INTO org_ids (org_id, agency_id) VALUES ('ORG-AAAAAAAA', $1), ('ORG-BBBBBBBB', $1)`, [
        agencyId,
      ]);
      await client.query(
        `INSERT INTO clients (agency_id, org_id, status, quota, used_visitors, data, version)
         VALUES ($1, 'ORG-AAAAAAAA', 'active', 20, 0, '{}', 1), ($1, 'ORG-BBBBBBBB', 'active', 15, 0, '{}', 1)`,
        [agencyId],
      );
      await migrate(url);
      const after = await client.query<{ allocated: number }>('SELECT allocated FROM agencies WHERE id = $1', [
        agencyId,
      ]);
      expect(Number(after.rows[0]?.allocated)).toBe(35);
    } finally {
      await client.end();
    }
  });
});
