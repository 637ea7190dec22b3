import { beforeAll, describe, expect, it } from 'vitest';
import { change, createChange, newClient, pull, push, setUpAgency, type TestAgency } from './team';
import { testServer } from './test-server';

const server = testServer();
let northwind: TestAgency;
let contoso: TestAgency;
let contosoOrgId: string;

beforeAll(async () => {
  northwind = await setUpAgency(server.db, 100, 'Northwind Digital');
  contoso = await setUpAgency(server.db, 100, 'Contoso Partners');
  const create = createChange('Contoso Client', 10);
  contosoOrgId = (create.args as { orgId: string }).orgId;
  await push(server.app, contoso.manager, [create]);
});

async function post(body: string | object, token = northwind.manager, contentType = 'application/json') {
  return server.app.inject({
    method: 'POST',
    url: '/v1/push',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function rowCounts() {
  const { rows } = await server.db.query<{ clients: number; activity: number; changes: number }>(
    `SELECT (SELECT count(*) FROM clients) AS clients, (SELECT count(*) FROM activity) AS activity,
            (SELECT count(*) FROM processed_changes) AS changes`,
  );
  return rows[0];
}

describe('bad input is refused, clearly, with nothing written', () => {
  it.each([
    ['malformed JSON', '{"deviceId": "device-1234", "changes": ['],
    ['a __proto__ key', '{"deviceId":"device-1234","changes":[],"__proto__":{"admin":true}}'],
    ['no changes', { deviceId: 'device-1234', changes: [] }],
    [
      'an unknown change name',
      { deviceId: 'device-1234', changes: [{ id: 'change-0001', name: 'client.hack', args: {} }] },
    ],
    ['a bad change id', { deviceId: 'device-1234', changes: [{ id: "1'; DROP", name: 'client.delete', args: {} }] }],
    ['an extra top-level field', { deviceId: 'device-1234', changes: [createChange('Extra', 1)], agencyId: 'contoso' }],
    ['too many changes', { deviceId: 'device-1234', changes: Array.from({ length: 101 }, () => createChange('X', 1)) }],
  ])('%s → 400 sync_error_badRequest', async (_label, body) => {
    const before = await rowCounts();
    const response = await post(body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: { key: 'sync_error_badRequest', params: {} } });
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['no token', undefined],
    ['a malformed token', 'Bearer not-a-token'],
    ['an unknown token', `Bearer adt_${'A'.repeat(43)}`],
  ])('%s → 401 sync_error_unauthorized', async (_label, authorization) => {
    const response = await server.app.inject({
      method: 'GET',
      url: '/v1/pull',
      headers: authorization ? { authorization } : {},
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: { key: 'sync_error_unauthorized', params: {} } });
  });

  it.each([['since=abc'], ['since=-1'], ['limit=0'], ['limit=5001'], ['since=1&agency=x']])(
    'pull with %s → 400',
    async (query) => {
      const response = await server.app.inject({
        method: 'GET',
        url: `/v1/pull?${query}`,
        headers: { authorization: `Bearer ${northwind.viewer}` },
      });
      expect(response.statusCode).toBe(400);
    },
  );

  it("a token sees only its own agency: another agency's clients are never pulled", async () => {
    const rows = (await pull(server.app, northwind.owner)).rows;
    expect(rows.some((row) => row.orgId === contosoOrgId)).toBe(false);
    expect(JSON.stringify(rows)).not.toContain('Contoso');
  });

  it("a change naming another agency's Org ID is refused as unknown, and nothing is written there", async () => {
    const before = await pull(server.app, contoso.owner);
    const results = await push(server.app, northwind.owner, [
      change('client.reallocate', { orgId: contosoOrgId, quota: 50 }),
      change('client.update', { orgId: contosoOrgId, details: newClient('Taken over', 1) }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['refused', 'refused']);
    expect(results[0]).toMatchObject({ key: 'error_clientNotFound', params: { orgId: contosoOrgId } });
    // Creating a client with it says only that it is taken, not by whom.
    const [taken] = await push(server.app, northwind.owner, [
      change('client.create', { orgId: contosoOrgId, client: newClient('Copy', 1) }),
    ]);
    expect(taken).toMatchObject({ status: 'refused', key: 'error_orgIdTaken', params: { orgId: contosoOrgId } });
    expect(JSON.stringify(taken)).not.toContain(contoso.agencyId);
    const after = await pull(server.app, contoso.owner);
    expect(after.version).toBe(before.version);
    expect(after.rows.find((row) => row.entity === 'client' && row.orgId === contosoOrgId)?.data).toMatchObject({
      quota: 10,
      name: 'Contoso Client',
    });
  });

  it('SQL-looking text in every field is kept as text', async () => {
    const sql = "'); DROP TABLE clients; --";
    const create = change('client.create', {
      orgId: 'ORG-5QR1NJ3C',
      client: {
        name: sql,
        quota: 1,
        company: sql,
        industry: sql,
        contact: { firstName: sql, lastName: `${sql}"`, email: 'robert@example.com' },
        address: { street: sql, city: sql, region: sql, postalCode: "1'); --", country: sql },
      },
    });
    const [result] = await push(server.app, northwind.manager, [create]);
    expect(result, JSON.stringify(result)).toMatchObject({ status: 'accepted' });
    const row = (await pull(server.app, northwind.viewer)).rows.find(
      (r) => r.entity === 'client' && r.orgId === 'ORG-5QR1NJ3C',
    );
    expect(row?.data).toMatchObject({ name: sql, company: sql, contact: { firstName: sql }, address: { city: sql } });
    const { rows } = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM clients');
    expect(rows[0]?.n).toBeGreaterThan(0);
  });

  it('an Org ID in the wrong form is a field problem, before any write', async () => {
    const before = await rowCounts();
    const [result] = await push(server.app, northwind.manager, [
      change('client.create', { orgId: "ORG-1' OR '1'='1", client: newClient('Bad Id', 1) }),
    ]);
    expect(result).toMatchObject({ status: 'refused', code: 'validation' });
    expect((result as unknown as { problems: { field: string; key: string }[] }).problems).toEqual([
      expect.objectContaining({ field: 'orgId', key: 'error_orgIdInvalid' }),
    ]);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('text the database cannot keep', () => {
  it.each([
    ['a NUL character', 'Acme\u0000Outdoor'],
    ['a lone surrogate', 'Acme \ud800 Outdoor'],
  ])('%s is a field problem, not a push answered retry for ever', async (_label, name) => {
    const before = await rowCounts();
    const [result] = await push(server.app, northwind.manager, [
      change('client.create', { orgId: 'ORG-7N011111', client: newClient(name, 1) }),
    ]);
    expect(result).toMatchObject({
      status: 'refused',
      code: 'validation',
      problems: [expect.objectContaining({ field: 'name', key: 'error_textUnstorable' })],
    });
    expect(await rowCounts()).toEqual(before);
  });
});
