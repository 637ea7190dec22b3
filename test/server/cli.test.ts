import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/http/app';
import { after, cli, TOKEN_PATTERN, UUID_PATTERN } from './cli-io';
import { emptyDatabase } from './database';
import { testServer } from './test-server';

const server = testServer({ build: (db) => buildApp({ db }) });
let env: { DATABASE_URL: string };

beforeAll(async () => {
  env = { DATABASE_URL: server.url };
});

async function me(token: string) {
  return server.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${token}` } });
}

async function init(agency = 'Northwind Digital') {
  const run = await cli(
    [
      'init',
      '--agency',
      agency,
      '--pool',
      '1000',
      '--owner-name',
      'Olivia Owner',
      '--owner-email',
      'olivia@example.com',
    ],
    env,
  );
  expect(run).toMatchObject({ code: 0, stderr: '' });
  return {
    run,
    agencyId: after(run.stdout, 'agency id:', UUID_PATTERN),
    token: after(run.stdout, 'Token:', TOKEN_PATTERN),
  };
}

describe('npm run server -- init', () => {
  it("prints the owner's token once, with the warning, and the token signs in on /v1/me", async () => {
    const { run, agencyId, token } = await init();
    expect(run.stdout).toContain('shown only now');
    expect(run.stdout.match(new RegExp(TOKEN_PATTERN, 'g'))).toHaveLength(1);
    const response = await me(token);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      agency: { id: agencyId, name: 'Northwind Digital' },
      member: { name: 'Olivia Owner', role: 'owner' },
    });
  });

  it('sets the time zone it is given, and refuses one that does not exist', async () => {
    const good = await cli(
      [
        'init',
        '--agency',
        'Tokyo Team',
        '--pool',
        '5',
        '--owner-name',
        'Aki',
        '--owner-email',
        'aki@example.com',
        '--time-zone',
        'Asia/Tokyo',
      ],
      env,
    );
    expect(good.code).toBe(0);
    const agencyId = after(good.stdout, 'agency id:', UUID_PATTERN);
    const { rows } = await server.db.query("SELECT settings->>'timeZone' AS zone FROM agencies WHERE id = $1", [
      agencyId,
    ]);
    expect(rows[0]).toEqual({ zone: 'Asia/Tokyo' });
    const bad = await cli(
      [
        'init',
        '--agency',
        'X',
        '--pool',
        '5',
        '--owner-name',
        'A',
        '--owner-email',
        'a@example.com',
        '--time-zone',
        'Mars/Olympus',
      ],
      env,
    );
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toContain('--time-zone must be an IANA time zone');
  });
});

describe('npm run server -- member', () => {
  it('adds a member with a token of their own, lists the team without any token, and revokes one', async () => {
    const { agencyId } = await init('Member Co');
    const add = await cli(
      [
        'member',
        'add',
        '--agency',
        agencyId,
        '--name',
        'Max Manager',
        '--email',
        'Max@Example.com',
        '--role',
        'manager',
      ],
      env,
    );
    expect(add.code).toBe(0);
    const memberId = after(add.stdout, 'member id:', UUID_PATTERN);
    const token = after(add.stdout, 'Token:', TOKEN_PATTERN);
    expect((await me(token)).json()).toMatchObject({ member: { id: memberId, role: 'manager' } });

    const list = await cli(['member', 'list', '--agency', agencyId], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Olivia Owner');
    expect(list.stdout).toMatch(new RegExp(`${memberId}\\s+manager\\s+active`));
    // The e-mail is stored as the dashboard stores it: lower case.
    expect(list.stdout).toContain('max@example.com');
    expect(list.stdout).not.toMatch(/adt_/);
    const { rows } = await server.db.query<{ hash: string }>(
      "SELECT encode(token_hash, 'hex') AS hash, encode(token_hash, 'base64') AS b64 FROM members WHERE agency_id = $1",
      [agencyId],
    );
    for (const row of rows) for (const encoded of Object.values(row)) expect(list.stdout).not.toContain(encoded);

    const revoke = await cli(['member', 'revoke', '--agency', agencyId, '--member', memberId], env);
    expect(revoke.code).toBe(0);
    const refused = await me(token);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toEqual({ error: { key: 'sync_error_unauthorized', params: {} } });
    expect((await cli(['member', 'list', '--agency', agencyId], env)).stdout).toMatch(
      new RegExp(`${memberId}\\s+manager\\s+revoked`),
    );
    // A second revoke finds no token to revoke.
    const again = await cli(['member', 'revoke', '--agency', agencyId, '--member', memberId], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('whose token still works');
  });

  it("keeps the agency's last owner: another owner first, then the first can go", async () => {
    const { agencyId, token } = await init('Owner Co');
    const ownerId = (await me(token)).json<{ member: { id: string } }>().member.id;
    const alone = await cli(['member', 'revoke', '--agency', agencyId, '--member', ownerId], env);
    expect(alone).toMatchObject({ code: 1 });
    expect(alone.stderr).toContain("the agency's only owner");
    expect((await me(token)).statusCode).toBe(200);
    const second = await cli(
      ['member', 'add', '--agency', agencyId, '--name', 'Nina Owner', '--email', 'nina@example.com', '--role', 'owner'],
      env,
    );
    expect(second.code).toBe(0);
    expect((await cli(['member', 'revoke', '--agency', agencyId, '--member', ownerId], env)).code).toBe(0);
    expect((await me(token)).statusCode).toBe(401);
  });

  it('says so when the agency does not exist', async () => {
    const run = await cli(['member', 'list', '--agency', '00000000-0000-4000-8000-000000000000'], env);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toContain('no agency with the id 00000000-0000-4000-8000-000000000000');
  });
});

describe('wrong arguments', () => {
  const agency = '3f2b8c1e-5d4a-4b7e-9c21-0a6f1e2d3b4c';
  const cases: [string, string[], string][] = [
    ['an agency id that is no id', ['member', 'list', '--agency', 'northwind'], '--agency must be an id'],
    ['a member id that is no id', ['member', 'revoke', '--agency', agency, '--member', '42'], '--member must be an id'],
    [
      'a role the team has not',
      ['member', 'add', '--agency', agency, '--name', 'A', '--email', 'a@example.com', '--role', 'admin'],
      '--role must be one of owner, manager, viewer',
    ],
    [
      'an e-mail that is none',
      ['member', 'add', '--agency', agency, '--name', 'A', '--email', 'not-an-email', '--role', 'viewer'],
      '--email must be an e-mail address',
    ],
    [
      'a missing option',
      ['member', 'add', '--agency', agency, '--name', 'A', '--role', 'viewer'],
      '--email is required.',
    ],
    ['an unknown option', ['member', 'list', '--agency', agency, '--verbose'], 'Unknown option --verbose.'],
    ['an option without its value', ['member', 'list', '--agency'], '--agency needs a value.'],
    [
      'a pool that is not a whole number',
      ['init', '--agency', 'A', '--pool', '12.5', '--owner-name', 'O', '--owner-email', 'o@example.com'],
      '--pool must be the number of licenses',
    ],
    ['an unknown member command', ['member', 'delete'], 'member needs one of add, list, revoke (not "delete")'],
    ['an unknown command', ['launch'], 'Unknown command "launch".'],
  ];

  it.each(cases)('%s: exit 2 with the message, nothing written', async (_, argv, message) => {
    const before = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM members');
    const run = await cli(argv, env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('npm run server -- help');
    expect((await server.db.query('SELECT count(*)::int AS n FROM members')).rows).toEqual(before.rows);
  });

  it('checks the arguments before asking for DATABASE_URL', async () => {
    const run = await cli(['member', 'list', '--agency', 'x'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--agency must be an id');
  });

  it('says DATABASE_URL is missing, and how to set it', async () => {
    const run = await cli(['member', 'list', '--agency', agency], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('DATABASE_URL is not set');
    expect(run.stderr).toContain('npm run server:dev');
  });

  it('prints the commands for help', async () => {
    const run = await cli(['help'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('member revoke --agency ID --member ID');
  });
});

describe('npm run server -- migrate', () => {
  it('brings an empty database to the newest migration, and says when there is nothing to do', async () => {
    const url = await emptyDatabase();
    const first = await cli(['migrate'], { DATABASE_URL: url });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Ran \d+ migrations: 0001_agencies-and-members/);
    const second = await cli(['migrate'], { DATABASE_URL: url });
    expect(second).toMatchObject({ code: 0, stdout: 'The database is up to date.\n' });
  });

  it('tells an admin command on an unmigrated database to migrate first', async () => {
    const url = await emptyDatabase();
    const run = await cli(['member', 'list', '--agency', '3f2b8c1e-5d4a-4b7e-9c21-0a6f1e2d3b4c'], {
      DATABASE_URL: url,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('npm run server -- migrate');
  });
});
