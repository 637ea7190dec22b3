import type { Env } from '../config';

/** Where a command writes: process.stdout/stderr from main.ts, collectors in tests. */
export interface CliOutput {
  write(text: string): unknown;
}

export interface CliIo {
  env: Env;
  stdout: CliOutput;
  stderr: CliOutput;
  /** Ends `serve` and `dev` when aborted; without one they stop on SIGINT or SIGTERM. */
  signal?: AbortSignal;
}

export const EXIT_OK = 0;
/** The command could not do its work: the database is unreachable, the agency does not exist … */
export const EXIT_FAILURE = 1;
/** The command was given wrong arguments or settings: nothing was done. */
export const EXIT_USAGE = 2;

/** Wrong arguments or settings: printed with the usage hint, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command ran but found nothing to work on (no such agency, no such member): exit code 1. */
export class CommandFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandFailure';
  }
}

export function line(output: CliOutput, text = ''): void {
  output.write(`${text}\n`);
}
