import { describe, expect, it } from 'vitest';
import { looksLikeCardNumber, passesLuhn } from '../../../lib/model/card-number';
import { clientDetailsSchema, revokeAccessSchema } from '../../../lib/model/client-schema';
import { readClientsCsv } from '../../../lib/io/clients-csv';
import { isAppError } from '../../../lib/model/errors';
import { CLIENT_CSV_COLUMNS } from '../../../lib/model/import';
import { memberInputSchema } from '../../../lib/model/org-records';
import { defaultSettings } from '../../../lib/model/settings';
import { settingsSchema } from '../../../lib/model/settings-schema';
import { parseOrThrow } from '../../../lib/model/validate';
import { fieldMessage } from '../../../lib/i18n';

// Test numbers published by card networks for testing: Luhn-valid, never real accounts.
const VISA = '4242424242424242';
const AMEX = '378282246310005';

describe('looksLikeCardNumber', () => {
  it.each([
    VISA,
    '4242 4242 4242 4242',
    '4242-4242-4242-4242',
    AMEX,
    '3782 822463 10005',
    '４２４２ ４２４２ ４２４２ ４２４２',
    `card ${VISA} exp 04/28`,
    '4242 4242 4242 4242 04/28',
    'Paid with 4242 4242 4242 4242 12',
    '6011111111111117',
    // Any run of spaces, dashes, dots, slashes or underscores between the groups, as pasted.
    '4111  1111  1111  1111',
    '4111 - 1111 - 1111 - 1111',
    '4111.1111.1111.1111',
    '4111/1111/1111/1111',
    '4111_1111_1111_1111',
    '4111\u20131111\u20131111\u20131111',
    '4111\u20141111\u20141111\u20141111',
    '4111\u00a01111\u00a01111\u00a01111',
    '4111\t1111\t1111\t1111',
    'Card on file:\n4111 1111\n1111 1111',
    '4111\r\n1111\r\n1111\r\n1111',
    '4111 -- 1111 // 1111 .. 1111',
    // Decimal digits of any script, not only full-width ones.
    '\u0664\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661',
    '\u096a\u0967\u0967\u0967 \u0967\u0967\u0967\u0967 \u0967\u0967\u0967\u0967 \u0967\u0967\u0967\u0967',
    '\u0e54\u0e51\u0e51\u0e51-1111-\u0e51\u0e51\u0e51\u0e51-1111',
    '\u{1d7dc}\u{1d7d9}\u{1d7d9}\u{1d7d9}\u{1d7d9}\u{1d7d9}\u{1d7d9}\u{1d7d9}\u{1d7d9}\u{1d7d9}\u{1d7d9}\u{1d7d9}\u{1d7d9}\u{1d7d9}\u{1d7d9}\u{1d7d9}',
    // Inside addresses and host names.
    '4111111111111111.example.com',
    'https://acme.test/pay?card=4111-1111-1111-1111',
    'https://acme.test/cards/4111_1111_1111_1111/',
  ])('finds a full card number in %j', (text) => {
    expect(looksLikeCardNumber(text)).toBe(true);
  });

  it.each([
    '',
    'Acme Outdoor',
    '4242',
    '**** **** **** 4242',
    '4242424242424241',
    '+81 90-1234-5678',
    '2026-04-01',
    'Order 12345678901234567890123',
    'Postal code 150-0001, phone 03-1234-5678',
    // Ordinary numbers, however they are written.
    '+1 (415) 555-0132',
    '090-1234-5678',
    '123456789012',
    '1234 5678 9012',
    '4242 4242 4242 4241',
    '4242.4242.4242.4241',
    '4242\n4242\n4242\n4241',
    '2026/04/01',
    '2026.04.01',
    '1,000,000 visitors',
    '1,000,000,000,000,000',
    '192.168.100.200',
    'https://acme.test/ORG-12345678/dashboard',
    '\u0664\u0662\u0664\u0662',
  ])('leaves %j alone', (text) => {
    expect(looksLikeCardNumber(text)).toBe(false);
  });

  it('checks the Luhn sum', () => {
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
  });
});

function refusalOf(run: () => unknown): { field: string; message: string }[] {
  try {
    run();
  } catch (error) {
    if (isAppError(error))
      return error.problems.map((problem) => ({ field: problem.field, message: fieldMessage(problem, 'en') }));
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('every text field of the model refuses a full card number', () => {
  const client = {
    name: 'Acme',
    contact: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
  };

  it('in a client name, company, address and contact', () => {
    expect(refusalOf(() => parseOrThrow(clientDetailsSchema, { ...client, name: `Acme ${VISA}` }, 'client'))).toEqual([
      {
        field: 'name',
        message: 'Client name contains what looks like a full card number. Card numbers are never stored; remove it.',
      },
    ]);
    expect(
      refusalOf(() => parseOrThrow(clientDetailsSchema, { ...client, company: '4242 4242 4242 4242' }, 'client'))[0]
        ?.field,
    ).toBe('company');
    expect(
      refusalOf(() => parseOrThrow(clientDetailsSchema, { ...client, address: { street: AMEX } }, 'client'))[0]?.field,
    ).toBe('address.street');
    expect(
      refusalOf(() =>
        parseOrThrow(
          clientDetailsSchema,
          { ...client, contact: { ...client.contact, email: `${VISA}@example.com` } },
          'client',
        ),
      )[0]?.field,
    ).toBe('contact.email');
  });

  it('in a member name, the agency name and the note about revoked access', () => {
    expect(
      refusalOf(() =>
        parseOrThrow(memberInputSchema, { name: VISA, email: 'm@example.com', role: 'user' }, 'member'),
      )[0]?.field,
    ).toBe('name');
    expect(
      refusalOf(() =>
        parseOrThrow(settingsSchema, { ...defaultSettings(), agencyName: `Agency ${VISA}` }, 'settings'),
      )[0]?.field,
    ).toBe('agencyName');
    expect(
      refusalOf(() => parseOrThrow(revokeAccessSchema, { note: `Customer read out ${AMEX} on the phone` }, 'revoke')),
    ).toEqual([
      {
        field: 'note',
        message: 'Note contains what looks like a full card number. Card numbers are never stored; remove it.',
      },
    ]);
  });

  it('accepts the same fields without one', () => {
    expect(parseOrThrow(clientDetailsSchema, { ...client, company: 'Acme 4242' }, 'client').company).toBe('Acme 4242');
    expect(parseOrThrow(revokeAccessSchema, { note: 'Card ending 4242 was declined' }, 'revoke').note).toBe(
      'Card ending 4242 was declined',
    );
  });
});

describe('addresses and host names refuse a full card number too', () => {
  const client = {
    name: 'Acme',
    contact: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
  };
  const refused = (label: string) =>
    `${label} contains what looks like a full card number. Card numbers are never stored; remove it.`;

  it.each([
    '4111111111111111.example.com',
    'https://4111-1111-1111-1111.example.com/',
    'cards-4111.1111.1111.1111.example.com',
    // Digits of another script would become punycode letters in the stored host name.
    '\u0664\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661\u0661.example.com',
  ])('in a client domain: %j', (domain) => {
    expect(refusalOf(() => parseOrThrow(clientDetailsSchema, { ...client, domain }, 'client'))).toEqual([
      { field: 'domain', message: refused('Domain') },
    ]);
  });

  it.each([
    'https://acme.test/pay?card=4111-1111-1111-1111',
    'https://acme.test/cards/4111_1111_1111_1111/',
    'https://acme.test/#4111.1111.1111.1111',
  ])('in a client workspace URL: %j', (workspaceUrl) => {
    expect(refusalOf(() => parseOrThrow(clientDetailsSchema, { ...client, workspaceUrl }, 'client'))).toEqual([
      { field: 'workspaceUrl', message: refused('Workspace URL') },
    ]);
  });

  it('in the workspace URL template and the reminder webhook', () => {
    expect(
      refusalOf(() =>
        parseOrThrow(
          settingsSchema,
          { ...defaultSettings(), workspaceUrlTemplate: 'https://app.test/{orgId}?card=4111 1111 1111 1111' },
          'settings',
        ),
      ),
    ).toEqual([{ field: 'workspaceUrlTemplate', message: refused('Workspace URL template') }]);
    expect(
      refusalOf(() =>
        parseOrThrow(
          settingsSchema,
          { ...defaultSettings(), reminderWebhookUrl: 'https://relay.test/hook/4111111111111111' },
          'settings',
        ),
      ),
    ).toEqual([{ field: 'reminderWebhookUrl', message: refused('Reminder webhook') }]);
  });

  it('names the card number first when the address is also malformed', () => {
    expect(
      refusalOf(() =>
        parseOrThrow(
          settingsSchema,
          { ...defaultSettings(), reminderWebhookUrl: 'http://relay.test/4111111111111111' },
          'settings',
        ),
      ),
    ).toEqual([{ field: 'reminderWebhookUrl', message: refused('Reminder webhook') }]);
  });

  it('in a CSV row, which names the line and the column', () => {
    const header = CLIENT_CSV_COLUMNS.join(',');
    const row = (cells: Record<string, string>) => {
      const values: Record<string, string> = {
        name: 'Acme',
        contact_first_name: 'Ada',
        contact_last_name: 'Lovelace',
        contact_email: 'ada@example.com',
        quota: '10',
        ...cells,
      };
      return CLIENT_CSV_COLUMNS.map((column) => values[column] ?? '').join(',');
    };
    const read = readClientsCsv(
      [
        header,
        row({ domain: '4111111111111111.example.com' }),
        row({ workspace_url: 'https://acme.test/pay?card=4111-1111-1111-1111' }),
        row({ name: 'Fine' }),
      ].join('\n'),
    );
    expect(read.rows.map((kept) => kept.details.name)).toEqual(['Fine']);
    expect(
      read.problems.map((problem) => ({
        line: problem.where.kind === 'line' ? problem.where.line : 0,
        field: problem.field,
        key: problem.key,
      })),
    ).toEqual([
      { line: 2, field: 'domain', key: 'error_cardNumberRefused' },
      { line: 3, field: 'workspace_url', key: 'error_cardNumberRefused' },
    ]);
  });

  it('keeps ordinary addresses', () => {
    const parsed = parseOrThrow(
      clientDetailsSchema,
      {
        ...client,
        domain: 'https://WWW.Acme-1234.co.jp/',
        workspaceUrl: 'https://acme.test/ORG-12345678/reports?from=2026-04-01&visitors=1000000',
      },
      'client',
    );
    expect(parsed.domain).toBe('www.acme-1234.co.jp');
    expect(parsed.workspaceUrl).toBe('https://acme.test/ORG-12345678/reports?from=2026-04-01&visitors=1000000');
    const settings = parseOrThrow(
      settingsSchema,
      {
        ...defaultSettings(),
        workspaceUrlTemplate: 'https://app.test/{orgId}/home',
        reminderWebhookUrl: 'https://relay.test/hook/1234-5678',
      },
      'settings',
    );
    expect(settings.reminderWebhookUrl).toBe('https://relay.test/hook/1234-5678');
  });
});
