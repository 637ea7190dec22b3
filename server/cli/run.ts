/**
 * The server's command line (`npm run server -- <command>`), callable in-process: tests run
 * it with their own environment and output collectors, main.ts with the process's.
 */
import { isAppError } from '../../lib/model/errors';
import { ConfigError, loadDatabaseUrl, loadServeConfig } from '../config';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';
import { dev } from './dev';
import { type CliIo, CommandFailure, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, line, UsageError } from './io';
import { serve } from './serve';
import { type DatabaseWork, initCommand, MEMBER_SUBCOMMANDS, type MemberSubcommand } from './team-commands';

export const USAGE = `Agency Desk sync server

Usage: npm run server -- <command> [options]

  serve (the default)   migrate, then serve /v1/push, /v1/pull and /v1/me
  dev                   a PostgreSQL of its own in .output/pg, a demo agency, the server on 127.0.0.1:8787
  migrate               bring the database up to the newest migration, then exit
  init --agency NAME --pool N --owner-name NAME --owner-email EMAIL [--time-zone ZONE]
                        create an agency and its owner; prints the owner's token once
  member add --agency ID --name NAME --email EMAIL --role owner|manager|viewer
                        add a member; prints their token once
  member list --agency ID
                        the agency's members (ids, roles, whether their token works)
  member revoke --agency ID --member ID
                        revoke a member's token at once

Settings come from the environment: DATABASE_URL (required but for dev), HOST (127.0.0.1),
PORT (8787), TLS_CERT and TLS_KEY (serve https), TRUST_PROXY=1 (behind a TLS proxy), BODY_LIMIT
(bytes, 16777216), RATE_LIMIT_PER_MINUTE (per token, 600), LOG_LEVEL (info). See docs/SYNC.md.
`;

/** Commands that work on the database and end: arguments checked first, then a small pool, closed when done. */
async function withDatabase(io: CliIo, work: DatabaseWork): Promise<number> {
  const db = createPool(loadDatabaseUrl(io.env), 2);
  try {
    await work(db, io.stdout);
    return EXIT_OK;
  } finally {
    await db.end();
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h' || rest.includes('--help')) {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  switch (command) {
    case 'serve':
      if (rest.length > 0)
        throw new UsageError(
          `serve takes no arguments (it has ${rest.join(' ')}); settings come from the environment.`,
        );
      return serve(loadServeConfig(io.env), io);
    case 'dev':
      if (rest.length > 0) throw new UsageError('dev takes no arguments.');
      return dev(io);
    case 'migrate': {
      if (rest.length > 0) throw new UsageError('migrate takes no arguments.');
      const ran = await migrate(loadDatabaseUrl(io.env));
      line(
        io.stdout,
        ran.length > 0 ? `Ran ${ran.length} migrations: ${ran.join(', ')}.` : 'The database is up to date.',
      );
      return EXIT_OK;
    }
    case 'init':
      return withDatabase(io, initCommand(rest));
    case 'member': {
      const [sub, ...args] = rest;
      if (sub === undefined || !(sub in MEMBER_SUBCOMMANDS))
        throw new UsageError(
          `member needs one of ${Object.keys(MEMBER_SUBCOMMANDS).join(', ')}${sub ? ` (not "${sub}")` : ''}.`,
        );
      return withDatabase(io, MEMBER_SUBCOMMANDS[sub as MemberSubcommand](args));
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

/** What went wrong, in words for the person at the terminal, and the exit code it gets. */
function report(error: unknown, io: CliIo): number {
  if (error instanceof UsageError || error instanceof ConfigError) {
    line(io.stderr, `error: ${error.message}`);
    line(io.stderr, 'Run "npm run server -- help" for the commands and their options.');
    return EXIT_USAGE;
  }
  if (error instanceof CommandFailure) {
    line(io.stderr, `error: ${error.message}`);
    return EXIT_FAILURE;
  }
  const pgError = error as { code?: string; message?: string };
  if (pgError.code === '42P01') {
    line(io.stderr, 'error: the database has no tables yet: run "npm run server -- migrate" first.');
    return EXIT_FAILURE;
  }
  if (isAppError(error)) {
    const fields = error.problems.map((problem) => problem.field).join(', ');
    line(io.stderr, `error: refused (${error.key}${fields ? `: ${fields}` : ''}).`);
    return EXIT_FAILURE;
  }
  if (
    pgError.code === 'ECONNREFUSED' ||
    pgError.code === 'ENOTFOUND' ||
    pgError.code === '28P01' ||
    pgError.code === '3D000'
  ) {
    line(io.stderr, `error: cannot use the database DATABASE_URL names: ${pgError.message ?? pgError.code}.`);
    return EXIT_FAILURE;
  }
  line(io.stderr, `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return EXIT_FAILURE;
}

/** Runs one command line; resolves with its exit code (serve and dev once they have stopped). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return report(error, io);
  }
}
