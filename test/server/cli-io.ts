/** Output collectors and helpers for running the server's CLI in-process (runCli). */
import type { CliIo } from '../../server/cli/io';
import { runCli } from '../../server/cli/run';

export const TOKEN_PATTERN = /adt_[A-Za-z0-9_-]{43}/;
export const UUID_PATTERN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

export interface Collector {
  write(text: string): boolean;
  readonly text: string;
}

export function collector(): Collector {
  let text = '';
  return {
    write(chunk: string) {
      text += chunk;
      return true;
    },
    get text() {
      return text;
    },
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(argv: string[], env: CliIo['env']): Promise<CliRun> {
  const stdout = collector();
  const stderr = collector();
  const code = await runCli(argv, { env, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The first value `pattern` finds after `label` in `text`. */
export function after(text: string, label: string, pattern: RegExp): string {
  const rest = text.slice(text.indexOf(label) + label.length);
  const found = pattern.exec(rest)?.[0];
  if (!found) throw new Error(`no ${String(pattern)} after "${label}" in:\n${text}`);
  return found;
}

/** A long-running command (serve, dev) started in-process, stopped by aborting its signal. */
export function startCli(argv: string[], env: CliIo['env']) {
  const stdout = collector();
  const stderr = collector();
  const controller = new AbortController();
  const done = runCli(argv, { env, stdout, stderr, signal: controller.signal });
  return {
    stdout,
    stderr,
    done,
    /** Resolves with the address Fastify logs once it listens. */
    async listening(timeoutMs = 20_000): Promise<string> {
      const started = Date.now();
      for (;;) {
        const address = /Server listening at (https?:\/\/[^"\s]+)/.exec(stdout.text)?.[1];
        if (address) return address;
        const finished = await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 50, 'waiting'))]);
        if (finished !== 'waiting')
          throw new Error(`ended (${String(finished)}) before listening:\n${stdout.text}${stderr.text}`);
        if (Date.now() - started > timeoutMs) throw new Error(`not listening after ${timeoutMs} ms:\n${stdout.text}`);
      }
    },
    async stop(): Promise<number> {
      controller.abort('test');
      return done;
    },
  };
}
