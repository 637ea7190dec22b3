import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPostgresBin, POSTGRES_INSTALL_HINT } from '../../server/dev/pg-cluster';

function folderWith(...programs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'pg-bin-'));
  for (const program of programs) {
    writeFileSync(join(dir, program), '#!/bin/sh\n');
    chmodSync(join(dir, program), 0o755);
  }
  return dir;
}

describe('finding PostgreSQL', () => {
  it('fails with how to install it when no initdb and pg_ctl are anywhere', () => {
    const nowhere = folderWith();
    expect(() => findPostgresBin({ PATH: folderWith('initdb') }, nowhere)).toThrow(POSTGRES_INSTALL_HINT);
    expect(POSTGRES_INSTALL_HINT).toContain('apt-get install postgresql');
  });

  it("takes PG_BIN first, then Debian's newest version, then the PATH", () => {
    const debian = folderWith();
    for (const version of ['13', '15']) {
      mkdirSync(join(debian, version, 'bin'), { recursive: true });
      for (const program of ['initdb', 'pg_ctl']) writeFileSync(join(debian, version, 'bin', program), '');
    }
    const own = folderWith('initdb', 'pg_ctl');
    const onPath = folderWith('initdb', 'pg_ctl');
    expect(findPostgresBin({ PG_BIN: own, PATH: onPath }, debian)).toBe(own);
    expect(findPostgresBin({ PATH: onPath }, debian)).toBe(join(debian, '15', 'bin'));
    expect(findPostgresBin({ PATH: onPath }, folderWith())).toBe(onPath);
  });
});
