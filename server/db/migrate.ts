import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';

/** The numbered migrations, oldest first (server/migrations/NNNN_<what-it-does>.sql). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * Brings the database up to the newest migration, or to the first `count` of them. Runs under
 * node-pg-migrate's advisory lock, so that two servers starting at once migrate once.
 */
export async function migrate(databaseUrl: string, count?: number): Promise<string[]> {
  const ran = await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    ...(count === undefined ? {} : { count }),
    checkOrder: true,
    log: () => {},
  });
  return ran.map((migration) => migration.name);
}
