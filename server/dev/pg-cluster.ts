/**
 * A throwaway PostgreSQL cluster on 127.0.0.1, from the machine's own PostgreSQL binaries
 * (Debian's `postgresql` package): initdb in a folder, pg_ctl start on a free port, stop and
 * remove. The tests, the benchmark and `npm run server:dev` start theirs with it.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const POSTGRES_INSTALL_HINT =
  'PostgreSQL is not installed. On Debian or Ubuntu: sudo apt-get install postgresql ' +
  '(or set PG_BIN to the folder that holds initdb and pg_ctl).';

export class PostgresMissingError extends Error {
  constructor() {
    super(POSTGRES_INSTALL_HINT);
    this.name = 'PostgresMissingError';
  }
}

/**
 * The folder with initdb and pg_ctl: PG_BIN, else Debian's newest /usr/lib/postgresql/<n>/bin
 * (Debian keeps them off the PATH), else the first folder on the PATH that has both.
 */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env, debian = '/usr/lib/postgresql'): string {
  const candidates: string[] = [];
  if (env.PG_BIN) candidates.push(env.PG_BIN);
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => join(debian, version, 'bin')));
  }
  candidates.push(...(env.PATH ?? '').split(delimiter).filter(Boolean));
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found) throw new PostgresMissingError();
  return found;
}

/** A port nobody listens on now (the cluster takes it a moment later; start retries on a clash). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface PgClusterOptions {
  /** Where the cluster lives; it is created if missing and kept when `keep` is set. */
  dir: string;
  /** fsync and synchronous commit on (the benchmark's honest figures) or off (tests: faster). */
  durable?: boolean;
  /** Leave the folder behind on stop, so that the next start finds the same data (server:dev). */
  keep?: boolean;
  maxConnections?: number;
}

export interface PgCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  dir: string;
  /** The connection string of another database on the same cluster. */
  urlOf(database: string): string;
  stop(): Promise<void>;
}

/**
 * initdb refuses to run as root: as root, the cluster's programs run as Debian's `postgres`
 * user, which then owns the folder.
 */
function asOwner(): { prefix: string[]; user?: string } {
  if (userInfo().uid !== 0) return { prefix: [] };
  return { prefix: ['runuser', '-u', 'postgres', '--'], user: 'postgres' };
}

async function ownerIds(user: string): Promise<{ uid: number; gid: number }> {
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run('id', ['-u', user]), run('id', ['-g', user])]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

async function runAs(owner: ReturnType<typeof asOwner>, command: string, args: string[]): Promise<string> {
  const [file, ...rest] = [...owner.prefix, command, ...args];
  if (file === undefined) throw new Error('no command');
  try {
    const { stdout } = await run(file, rest, { maxBuffer: 4 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const output = error as { stderr?: string; stdout?: string };
    throw new Error(`${command} failed: ${output.stderr || output.stdout || String(error)}`, { cause: error });
  }
}

export async function startPgCluster(options: PgClusterOptions): Promise<PgCluster> {
  const bin = findPostgresBin();
  const owner = asOwner();
  const data = join(options.dir, 'data');
  await mkdir(options.dir, { recursive: true });
  if (owner.user) {
    const { uid, gid } = await ownerIds(owner.user).catch(() => {
      throw new Error('Running as root needs the "postgres" user that Debian\'s postgresql package creates.');
    });
    await chown(options.dir, uid, gid);
  }
  if (!existsSync(join(data, 'PG_VERSION'))) {
    await runAs(owner, join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
  }
  const durable = options.durable ?? false;
  const settings = [
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${options.dir}`,
    `-c max_connections=${options.maxConnections ?? 100}`,
    ...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ];
  let port = 0;
  for (let attempt = 1; ; attempt += 1) {
    port = await freePort();
    try {
      await runAs(owner, join(bin, 'pg_ctl'), [
        '-D',
        data,
        '-l',
        join(options.dir, 'server.log'),
        '-o',
        `-p ${port} ${settings.join(' ')}`,
        '-w',
        '-t',
        '60',
        'start',
      ]);
      break;
    } catch (error) {
      // Another process may have taken the port between the probe and the start.
      if (attempt >= 3) throw error;
    }
  }
  const urlOf = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    url: urlOf('postgres'),
    port,
    dir: options.dir,
    urlOf,
    async stop() {
      await runAs(owner, join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
      if (!options.keep) await rm(options.dir, { recursive: true, force: true });
    },
  };
}
