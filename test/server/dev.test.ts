/** `npm run server:dev` in-process: its own cluster, a demo agency the first time, the same data the next. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCli, TOKEN_PATTERN } from './cli-io';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('npm run server:dev', () => {
  it('creates a demo agency whose token works, and finds it again on the next run', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agency-desk-dev-'));
    dirs.push(dir);
    // The folder itself: as root, the cluster runs as `postgres`, which must reach it (mkdtemp's parent is root's only).
    const env = { DEV_PG_DIR: dir, PORT: '0' };

    const first = startCli(['dev'], env);
    const firstUrl = await first.listening(90_000);
    expect(first.stdout.text).toContain('Demo agency created');
    const token = TOKEN_PATTERN.exec(first.stdout.text)?.[0] ?? '';
    expect((await fetch(`${firstUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect(await first.stop()).toBe(0);

    const second = startCli(['dev'], env);
    const url = await second.listening(90_000);
    expect(second.stdout.text).toContain('is there from an earlier run');
    expect(second.stdout.text).toContain('npm run server -- member add --agency');
    expect(second.stdout.text).not.toMatch(TOKEN_PATTERN);
    const me = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ agency: { name: 'Demo Agency' }, member: { role: 'owner' } });
    expect(await second.stop()).toBe(0);
  });
});
