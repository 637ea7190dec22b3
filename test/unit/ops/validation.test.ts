import { beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../lib/model/errors';
import {
  createClient,
  getClient,
  getSettings,
  listExperiments,
  listMembers,
  listUsageReports,
  markInactive,
  reallocateQuota,
  recordUsage,
  updateClient,
  updateSettings,
} from '../../../lib/ops';
import { clientInput, expectKeyInCatalogues, refusal, resetDb, snapshot, T0 } from './helpers';

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 100, timeZone: 'UTC' }, { now: T0 });
});

/** The problems as [field, key] pairs; every key and label must exist in both catalogues. */
function problemsOf(error: AppError): [string, string][] {
  for (const problem of error.problems) {
    expectKeyInCatalogues(problem.key);
    expectKeyInCatalogues(problem.labelKey);
  }
  expectKeyInCatalogues(error.key);
  return error.problems.map((problem) => [problem.field, problem.key]);
}

async function createRefusal(input: unknown): Promise<AppError> {
  const before = await snapshot();
  const error = await refusal(createClient(input as Parameters<typeof createClient>[0], { now: T0 }));
  expect(await snapshot()).toEqual(before);
  return error;
}

describe('client validation', () => {
  it('names every missing mandatory field, each with its own problem', async () => {
    const error = await createRefusal({ contact: {} });
    expect(error.code).toBe('validation');
    expect(error.key).toBe('error_validation');
    expect(new Map(problemsOf(error))).toEqual(
      new Map([
        ['name', 'error_required'],
        ['contact.firstName', 'error_required'],
        ['contact.lastName', 'error_required'],
        ['contact.email', 'error_required'],
        ['quota', 'error_required'],
      ]),
    );
    expect(error.problems).toHaveLength(5);
    expect(error.params).toEqual({ count: 5 });
    const labels = Object.fromEntries(error.problems.map((p) => [p.field, p.labelKey]));
    expect(labels).toEqual({
      name: 'field_client_name',
      'contact.firstName': 'field_client_contact_firstName',
      'contact.lastName': 'field_client_contact_lastName',
      'contact.email': 'field_client_contact_email',
      quota: 'field_client_quota',
    });
  });

  it('treats whitespace-only text as missing', async () => {
    const error = await createRefusal(
      clientInput({ name: '   ', contact: { firstName: ' ', lastName: 'B', email: 'a@b.co' } }),
    );
    expect(problemsOf(error)).toEqual([
      ['name', 'error_required'],
      ['contact.firstName', 'error_required'],
    ]);
  });

  it('refuses a malformed email', async () => {
    const error = await createRefusal(
      clientInput({ contact: { firstName: 'A', lastName: 'B', email: 'not-an-email' } }),
    );
    expect(problemsOf(error)).toEqual([['contact.email', 'error_emailInvalid']]);
  });

  it('stores the email trimmed and lower-cased', async () => {
    const client = await createClient(
      clientInput({ contact: { firstName: 'A', lastName: 'B', email: '  Ada@Example.COM ' } }),
      { now: T0 },
    );
    expect(client.contact.email).toBe('ada@example.com');
  });

  it.each([
    ['negative', -1, 'error_tooSmall'],
    ['zero', 0, 'error_tooSmall'],
    ['fractional', 2.5, 'error_notWholeNumber'],
    ['not a number', 'ten', 'error_notNumber'],
  ])('refuses a %s quota', async (_label, quota, key) => {
    const error = await createRefusal(clientInput({ quota: quota as number }));
    expect(problemsOf(error)).toEqual([['quota', key]]);
  });

  it('refuses a quota above the free pool as a problem of the quota field', async () => {
    await createClient(clientInput({ quota: 90 }), { now: T0 });
    const error = await createRefusal(clientInput({ quota: 11 }));
    expect(error.key).toBe('error_quotaExceedsFree');
    expect(problemsOf(error)).toEqual([['quota', 'error_quotaExceedsFree']]);
  });

  it('refuses text over its length limit and accepts text at the limit', async () => {
    const error = await createRefusal(clientInput({ name: 'x'.repeat(121) }));
    expect(problemsOf(error)).toEqual([['name', 'error_tooLong']]);
    expect(error.problems[0]?.params).toEqual({ max: 120 });

    const long = await createRefusal(
      clientInput({ contact: { firstName: 'y'.repeat(81), lastName: 'B', email: 'a@b.co' }, company: 'z'.repeat(121) }),
    );
    expect(new Map(problemsOf(long))).toEqual(
      new Map([
        ['contact.firstName', 'error_tooLong'],
        ['company', 'error_tooLong'],
      ]),
    );

    const atLimit = await createClient(clientInput({ name: 'x'.repeat(120) }), { now: T0 });
    expect(atLimit.name).toHaveLength(120);
  });

  it('normalises a pasted domain to its bare lowercase host', async () => {
    const client = await createClient(clientInput({ domain: 'https://Acme.COM/path' }), { now: T0 });
    expect(client.domain).toBe('acme.com');
    expect((await getClient(client.orgId))?.domain).toBe('acme.com');
    const updated = await updateClient(
      client.orgId,
      { name: client.name, contact: client.contact, domain: '  WWW.Example.co.jp/  ' },
      { now: T0 + 1 },
    );
    expect(updated.domain).toBe('www.example.co.jp');
  });

  it.each(['not a domain', 'localhost', 'acme..com'])('refuses the domain %j', async (domain) => {
    const error = await createRefusal(clientInput({ domain }));
    expect(problemsOf(error)).toEqual([['domain', 'error_domainInvalid']]);
  });

  it('refuses a client workspace URL that is not http(s)', async () => {
    const error = await createRefusal(clientInput({ workspaceUrl: 'javascript:alert(1)' }));
    expect(problemsOf(error)).toEqual([['workspaceUrl', 'error_urlNotHttp']]);
  });

  it('validates updateClient input the same way and writes nothing when refused', async () => {
    const client = await createClient(clientInput(), { now: T0 });
    const before = await snapshot();
    const error = await refusal(
      updateClient(client.orgId, { name: '', contact: { firstName: 'A', lastName: 'B', email: 'x' } }, { now: T0 + 1 }),
    );
    expect(problemsOf(error)).toEqual([
      ['name', 'error_required'],
      ['contact.email', 'error_emailInvalid'],
    ]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('settings validation', () => {
  it.each([
    ['without {orgId}', 'https://app.example.com/workspace', 'error_templateMissingOrgId'],
    ['javascript:', 'javascript:alert(1)/{orgId}', 'error_templateNotHttp'],
    ['ftp:', 'ftp://x/{orgId}', 'error_templateNotHttp'],
  ])('refuses a workspace template %s', async (_label, template, key) => {
    const before = await snapshot();
    const error = await refusal(updateSettings({ workspaceUrlTemplate: template }, { now: T0 }));
    expect(error.code).toBe('validation');
    expect(problemsOf(error)).toEqual([['workspaceUrlTemplate', key]]);
    expect(error.problems[0]?.labelKey).toBe('field_settings_workspaceUrlTemplate');
    expect(await snapshot()).toEqual(before);
  });

  it('accepts an https template with {orgId}', async () => {
    await updateSettings({ workspaceUrlTemplate: 'https://app.example.com/o/{orgId}' }, { now: T0 });
    expect((await getSettings()).workspaceUrlTemplate).toBe('https://app.example.com/o/{orgId}');
  });

  it('refuses a negative or fractional pool size and an unknown time zone', async () => {
    expect(problemsOf(await refusal(updateSettings({ poolSize: -1 }, { now: T0 })))).toEqual([
      ['poolSize', 'error_tooSmall'],
    ]);
    expect(problemsOf(await refusal(updateSettings({ poolSize: 1.5 }, { now: T0 })))).toEqual([
      ['poolSize', 'error_notWholeNumber'],
    ]);
    expect(problemsOf(await refusal(updateSettings({ timeZone: 'Mars/Olympus' }, { now: T0 })))).toEqual([
      ['timeZone', 'error_timeZoneInvalid'],
    ]);
  });
});

describe('quota and usage arguments', () => {
  it('refuses a quota or a usage count that is not a whole number of at least one', async () => {
    const client = await createClient(clientInput(), { now: T0 });
    const before = await snapshot();
    const checks: [Promise<unknown>, string, string][] = [
      [reallocateQuota(client.orgId, 0, { now: T0 }), 'field_quota_value', 'error_tooSmall'],
      [reallocateQuota(client.orgId, 3.5, { now: T0 }), 'field_quota_value', 'error_notWholeNumber'],
      [recordUsage(client.orgId, -2, { now: T0 }), 'field_usage_value', 'error_tooSmall'],
      [recordUsage(client.orgId, 0.5, { now: T0 }), 'field_usage_value', 'error_notWholeNumber'],
    ];
    for (const [promise, labelKey, key] of checks) {
      const error = await refusal(promise);
      expect(error.code).toBe('validation');
      expect(problemsOf(error)).toEqual([['', key]]);
      expect(error.problems[0]?.labelKey).toBe(labelKey);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('unknown Org ID', () => {
  it('is refused as not found by every operation on a client', async () => {
    const unknown = 'ORG-ZZZZZZZZ';
    const before = await snapshot();
    const attempts: Promise<unknown>[] = [
      updateClient(unknown, { name: 'X', contact: { firstName: 'A', lastName: 'B', email: 'a@b.co' } }, { now: T0 }),
      reallocateQuota(unknown, 5, { now: T0 }),
      recordUsage(unknown, 5, { now: T0 }),
      markInactive(unknown, { now: T0 }),
      listExperiments(unknown),
      listMembers(unknown),
      listUsageReports(unknown),
    ];
    for (const attempt of attempts) {
      const error = await refusal(attempt);
      expect(error.code).toBe('not_found');
      expect(error.key).toBe('error_clientNotFound');
    }
    expectKeyInCatalogues('error_clientNotFound');
    expect(await snapshot()).toEqual(before);
  });

  it('accepts an Org ID typed in lower case with spaces around it', async () => {
    const client = await createClient(clientInput(), { now: T0 });
    const updated = await recordUsage(`  ${client.orgId.toLowerCase()} `, 1, { now: T0 });
    expect(updated.orgId).toBe(client.orgId);
    expect(updated.usedVisitors).toBe(1);
  });
});
