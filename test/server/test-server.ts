/** A database of the test's own and the app in front of it, started and closed by the file's hooks. */
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Db } from '../../server/db/pool';
import { freshDatabase } from './database';
import { testApp } from './team';

export interface TestServerOptions {
  /** The app's clock; NOW when not given. */
  clock?: () => number;
  /** A new database and app for each test (beforeEach/afterEach) instead of one for the file. */
  perTest?: boolean;
  /** Builds the app some other way than testApp (e.g. with buildApp's own defaults). */
  build?: (db: Db) => Promise<FastifyInstance>;
}

/** What a test reaches; each property throws outside the hooks' lifetime rather than hand back a closed pool. */
export interface TestServer {
  readonly db: Db;
  /** The database's connection string (for a second pool, a child process, the CLI). */
  readonly url: string;
  readonly app: FastifyInstance;
}

/**
 * Registers the hooks that start and close the server. Call it at the top of the file, before
 * the file's own hooks: those then run after it is started and, as Vitest runs "after" hooks in
 * reverse, before it is closed.
 */
export function testServer(options: TestServerOptions = {}): TestServer {
  let current: { database: Awaited<ReturnType<typeof freshDatabase>>; app: FastifyInstance } | undefined;
  const build = options.build ?? ((db: Db) => testApp(db, options.clock));

  async function start() {
    const database = await freshDatabase();
    current = { database, app: await build(database.db) };
  }
  async function stop() {
    const started = current;
    current = undefined;
    await started?.app.close();
    await started?.database.close();
  }
  if (options.perTest) {
    beforeEach(start);
    afterEach(stop);
  } else {
    beforeAll(start);
    afterAll(stop);
  }

  const started = () => {
    if (!current) throw new Error('testServer: the server is only there inside its hooks and tests');
    return current;
  };
  return {
    get db() {
      return started().database.db;
    },
    get url() {
      return started().database.url;
    },
    get app() {
      return started().app;
    },
  };
}
