import { describe, expect, it } from 'vitest';
import en from '../../../public/_locales/en/messages.json';
import ja from '../../../public/_locales/ja/messages.json';
import { newClientSchema } from '../../../lib/model/client-schema';
import { AppError } from '../../../lib/model/errors';
import { requiredText } from '../../../lib/model/fields';
import { defaultSettings } from '../../../lib/model/settings';
import { settingsSchema } from '../../../lib/model/settings-schema';
import { parseOrThrow } from '../../../lib/model/validate';
import { z } from '../../../lib/model/zod';
import { fieldMessage } from '../../../lib/i18n';

const valid = {
  name: 'Acme',
  contact: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@acme.test' },
  quota: 100,
};

function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).problems.map(({ field, key }) => ({ field, key }));
  }
  throw new Error('expected a validation error');
}

describe('client validation', () => {
  it('accepts a minimal client and drops empty optional fields', () => {
    const parsed = parseOrThrow(newClientSchema, { ...valid, company: '  ', domain: '' }, 'client');
    expect(parsed.company).toBeUndefined();
    expect(parsed.domain).toBeUndefined();
    expect(parsed.name).toBe('Acme');
  });

  it('names every missing mandatory field', () => {
    expect(problemsOf(() => parseOrThrow(newClientSchema, { contact: {} }, 'client'))).toEqual(
      expect.arrayContaining([
        { field: 'name', key: 'error_required' },
        { field: 'contact.firstName', key: 'error_required' },
        { field: 'contact.lastName', key: 'error_required' },
        { field: 'contact.email', key: 'error_required' },
        { field: 'quota', key: 'error_required' },
      ]),
    );
  });

  it('treats whitespace-only text as missing', () => {
    expect(problemsOf(() => parseOrThrow(newClientSchema, { ...valid, name: '   ' }, 'client'))).toEqual([
      { field: 'name', key: 'error_required' },
    ]);
  });

  it.each([
    [{ contact: { ...valid.contact, email: 'not-an-email' } }, 'contact.email', 'error_emailInvalid'],
    [{ quota: -5 }, 'quota', 'error_tooSmall'],
    [{ quota: 0 }, 'quota', 'error_tooSmall'],
    [{ quota: 2.5 }, 'quota', 'error_notWholeNumber'],
    [{ quota: '12' }, 'quota', 'error_notNumber'],
    [{ quota: 2_000_000_000 }, 'quota', 'error_tooLarge'],
    [{ name: 'x'.repeat(121) }, 'name', 'error_tooLong'],
    [{ domain: 'not a domain' }, 'domain', 'error_domainInvalid'],
    [{ workspaceUrl: 'javascript:alert(1)' }, 'workspaceUrl', 'error_urlNotHttp'],
    [{ address: { postalCode: '1'.repeat(21) } }, 'address.postalCode', 'error_tooLong'],
  ])('refuses %j with a message for its field', (patch, field, key) => {
    expect(problemsOf(() => parseOrThrow(newClientSchema, { ...valid, ...patch }, 'client'))).toEqual([{ field, key }]);
  });

  it('normalises what people paste as a domain', () => {
    expect(
      parseOrThrow(newClientSchema, { ...valid, domain: ' https://WWW.Acme.COM/pricing?x=1 ' }, 'client').domain,
    ).toBe('www.acme.com');
    expect(parseOrThrow(newClientSchema, { ...valid, domain: '例え.jp' }, 'client').domain).toBe('xn--r8jz45g.jp');
  });

  it('lowercases the contact email', () => {
    expect(
      parseOrThrow(newClientSchema, { ...valid, contact: { ...valid.contact, email: ' Ada@Acme.TEST ' } }, 'client')
        .contact.email,
    ).toBe('ada@acme.test');
  });
});

describe('settings validation', () => {
  const base = defaultSettings();

  it.each([
    ['https://app.example.com/org', 'error_templateMissingOrgId'],
    ['javascript:alert(1)//{orgId}', 'error_templateNotHttp'],
    ['ftp://files.example.com/{orgId}', 'error_templateNotHttp'],
    ['app.example.com/{orgId}', 'error_templateNotHttp'],
  ])('refuses the workspace template %s', (template, key) => {
    expect(
      problemsOf(() => parseOrThrow(settingsSchema, { ...base, workspaceUrlTemplate: template }, 'settings')),
    ).toEqual([{ field: 'workspaceUrlTemplate', key }]);
  });

  it('accepts an https template and sorts the reminder days', () => {
    const parsed = parseOrThrow(
      settingsSchema,
      { ...base, workspaceUrlTemplate: 'https://app.example.com/org/{orgId}/home', reminderDays: [1, 30, 7] },
      'settings',
    );
    expect(parsed.reminderDays).toEqual([30, 7, 1]);
  });

  it.each([
    [{ reminderDays: [7, 7] }, 'reminderDays', 'error_reminderDaysDuplicate'],
    [{ reminderDays: [0] }, 'reminderDays', 'error_tooSmall'],
    [{ billingDay: 29 }, 'billingDay', 'error_tooLarge'],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone', 'error_timeZoneInvalid'],
    [{ poolSize: -1 }, 'poolSize', 'error_tooSmall'],
    [{ language: 'fr' }, 'language', 'error_invalidChoice'],
  ])('refuses %j', (patch, field, key) => {
    expect(problemsOf(() => parseOrThrow(settingsSchema, { ...base, ...patch }, 'settings'))).toEqual([{ field, key }]);
  });
});

describe('field messages', () => {
  const inputs: [Parameters<typeof parseOrThrow>[0], unknown, 'client' | 'settings'][] = [
    [
      newClientSchema,
      { contact: { email: 'x' }, quota: -1, domain: '%%', workspaceUrl: 'data:x', address: { city: 'x'.repeat(500) } },
      'client',
    ],
    [newClientSchema, 'not an object', 'client'],
    [
      settingsSchema,
      {
        agencyName: '',
        poolSize: 1.5,
        reminderDays: [1, 1],
        billingDay: 0,
        timeZone: '',
        language: 'x',
        workspaceUrlTemplate: 'x',
      },
      'settings',
    ],
  ];

  it('exist in both languages for every problem, naming the field', () => {
    for (const [schema, input, scope] of inputs) {
      const problems = (() => {
        try {
          parseOrThrow(schema, input, scope);
        } catch (error) {
          return (error as AppError).problems;
        }
        throw new Error('expected problems');
      })();
      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) {
        expect(Object.keys(en)).toContain(problem.key);
        expect(Object.keys(en)).toContain(problem.labelKey);
        expect(Object.keys(ja)).toContain(problem.labelKey);
        const label = (en as Record<string, { message: string }>)[problem.labelKey]?.message ?? '';
        expect(fieldMessage(problem, 'en')).toContain(label);
        expect(fieldMessage(problem, 'ja')).not.toMatch(/\$[A-Z]+\$/);
      }
    }
  });
});

describe('text no store can keep', () => {
  it('refuses a NUL character and half of a surrogate pair, and keeps whole emoji', () => {
    const schema = requiredText(100);
    for (const bad of ['a\u0000b', 'x\ud83d', '\ude00y'])
      expect(z.safeParse(schema, bad).error?.issues[0]?.message).toBe('error_textUnstorable');
    expect(z.safeParse(schema, 'Sakura Travel 🌸').success).toBe(true);
  });
});
