/**
 * `npm run server` (serve): migrate, build the app, start the time rules (server/time-rules:
 * billing periods, auto-pause, reminders, purges, the reminder webhook), listen; on SIGINT
 * or SIGTERM stop taking requests, let those under way finish, stop the time rules and close
 * the database pool. Logs are pino's JSON lines on stdout (Fastify's logger), one per request
 * and one per push with its counts: never a token, an e-mail or a record's contents.
 */
import type { ServeConfig } from '../config';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';
import { buildApp } from '../http/app';
import { startTimeRules } from '../time-rules';
import { type CliIo, EXIT_OK } from './io';
import { aborted, signalOnShutdown } from './shutdown';

/** Connections per server process: one per change being pushed at once, and a few for pulls. */
export const POOL_SIZE = 20;

export async function serve(config: ServeConfig, io: CliIo): Promise<number> {
  const shutdown = io.signal ? { signal: io.signal, dispose: () => {} } : signalOnShutdown();
  const db = createPool(config.databaseUrl, POOL_SIZE);
  const app = await buildApp({
    db,
    bodyLimit: config.bodyLimit,
    rateLimitPerMinute: config.rateLimitPerMinute,
    trustProxy: config.trustProxy,
    ...(config.tls ? { https: config.tls } : {}),
    logger: { level: config.logLevel, stream: io.stdout },
  });
  try {
    const ran = await migrate(config.databaseUrl);
    app.log.info({ migrations: ran }, ran.length > 0 ? 'migrations ran' : 'database schema up to date');
    // A pass now and each minute; of several server processes, one runs each pass (an advisory lock).
    const timeRules = startTimeRules(db, { log: app.log, privateWebhookHosts: config.privateWebhookHosts });
    try {
      await app.listen({
        host: config.host,
        port: config.port,
        // Fastify names the scheme from its own `https` option; this app makes its https server itself.
        listenTextResolver: (address) =>
          `Server listening at ${config.tls ? address.replace(/^http:/, 'https:') : address}`,
      });
      await aborted(shutdown.signal);
      app.log.info({ signal: String(shutdown.signal.reason) }, 'shutting down');
    } finally {
      // In-flight requests finish (Fastify answers 503 to new ones meanwhile), the time rules finish their run.
      await Promise.all([app.close(), timeRules.stop()]);
    }
    app.log.info('stopped');
    return EXIT_OK;
  } finally {
    shutdown.dispose();
    await app.close();
    await db.end();
  }
}
