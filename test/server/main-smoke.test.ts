/** The one test that runs the server as `npm run server` does: `tsx server/main.ts` in a process of its own. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freshDatabase } from './database';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let database: Awaited<ReturnType<typeof freshDatabase>>;

beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database.close();
});

it('starts with tsx, answers, and exits 0 on SIGTERM', { timeout: 60_000 }, async () => {
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['server/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, DATABASE_URL: database.url, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const killer = setTimeout(() => child.kill('SIGKILL'), 50_000);
  try {
    let address: string | undefined;
    for (let waited = 0; !address && waited < 40_000; waited += 100) {
      address = /Server listening at (http:\/\/[^"\s]+)/.exec(output)?.[1];
      if (!address) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(address, output).toBeDefined();
    const health = await fetch(`${address}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"stopped"');
  } finally {
    clearTimeout(killer);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
