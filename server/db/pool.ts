import pg from 'pg';

/**
 * Versions are bigint in PostgreSQL and plain numbers in the protocol: an agency would need
 * more than 2^53 changes before they differ. Counts (bigint sums) are read the same way.
 */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : (pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown)) as typeof pg.types.getTypeParser,
};

export type Db = pg.Pool;
export type Tx = pg.PoolClient;

export function createPool(connectionString: string, max = 10): Db {
  return new pg.Pool({ connectionString, max, types, application_name: 'agency-desk-sync' });
}
