// Full card numbers in a real Chromium with the built extension: typed in every text field of
// every form (the client's domain and workspace URL, the workspace URL template and the reminder
// webhook included) and imported from a CSV, in many spellings, each is refused next to its
// field with the same message. Afterwards nothing in any IndexedDB store or in chrome.storage
// holds a Luhn-valid run of 13 to 19 digits, however it is spelled.

import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_HEADER, chooseImportFile } from './dashboard-backup-helpers';
import { openOverview } from './dashboard-form-helpers';
import { dashboardWithSample } from './dashboard-list-helpers';
import { allowSiteAccess, type ExtensionHarness, launchExtension } from './harness';

// Test numbers published by card networks (Luhn-valid, never real accounts), as people type and paste them.
const SPELLINGS = [
  '4111111111111111',
  '4111 1111 1111 1111',
  '4111  1111  1111  1111',
  '4111 - 1111 - 1111 - 1111',
  '4111.1111.1111.1111',
  '4111/1111/1111/1111',
  '4111_1111_1111_1111',
  '4111\u20131111\u20131111\u20131111',
  '4111\u20141111\u20141111\u20141111',
  '\uff14\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11 \uff11\uff11\uff11\uff11',
  '\u0664\u0661\u0661\u0661 \u0661\u0661\u0661\u0661 \u0661\u0661\u0661\u0661 \u0661\u0661\u0661\u0661',
  '\u096a\u0967\u0967\u0967-\u0967\u0967\u0967\u0967-\u0967\u0967\u0967\u0967-\u0967\u0967\u0967\u0967',
  '5555 5555 5555 4444',
  '3782 822463 10005',
];
const MULTILINE = 'Card on file:\n4111 1111\n1111 1111';

const refused = (label: string) =>
  `${label} contains what looks like a full card number. Card numbers are never stored; remove it.`;

// --- A detector of its own (e2e tests do not import the extension's code) ---------------------

/** Every decimal digit of Unicode with its value: each script's digits are ten code points in a row, 0 to 9. */
const DIGIT_VALUES = (() => {
  const values = new Map<number, number>();
  const isDigit = /^\p{Nd}$/u;
  let inRow = 0;
  for (let code = 0; code <= 0x10ffff; code += 1) {
    if (code >= 0xd800 && code <= 0xdfff) {
      inRow = 0;
      continue;
    }
    if (isDigit.test(String.fromCodePoint(code))) {
      values.set(code, inRow % 10);
      inRow += 1;
    } else {
      inRow = 0;
    }
  }
  return values;
})();
const isSeparator = (char: string) => /^[\s\p{Pd}\u2212._/]$/u.test(char);

function luhn(digits: number[]): boolean {
  let sum = 0;
  digits
    .slice()
    .reverse()
    .forEach((digit, index) => {
      const doubled = index % 2 === 1 ? digit * 2 : digit;
      sum += doubled > 9 ? doubled - 9 : doubled;
    });
  return sum % 10 === 0;
}

/** The card numbers in a text: groups of digits joined by runs of separators, 13 to 19 digits, Luhn-valid. */
function cardNumbersIn(text: string): string[] {
  const found: string[] = [];
  // Groups of one stretch of digits and separators: [[4,1,1,1],[1,1,1,1],…].
  let stretch: number[][] = [];
  let group: number[] = [];
  let pendingSeparator = false;
  const close = () => {
    if (group.length > 0) stretch.push(group);
    group = [];
    for (let first = 0; first < stretch.length; first += 1) {
      let digits: number[] = [];
      for (let last = first; last < stretch.length && digits.length <= 19; last += 1) {
        digits = [...digits, ...stretch[last]!];
        if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) found.push(digits.join(''));
      }
    }
    stretch = [];
  };
  for (const char of [...text.normalize('NFKC')]) {
    const value = DIGIT_VALUES.get(char.codePointAt(0)!);
    if (value !== undefined) {
      if (pendingSeparator && group.length > 0) {
        stretch.push(group);
        group = [];
      }
      pendingSeparator = false;
      group.push(value);
    } else if (isSeparator(char) && (group.length > 0 || stretch.length > 0)) {
      pendingSeparator = true;
    } else {
      close();
      pendingSeparator = false;
    }
  }
  close();
  return found;
}

/** Every string (keys and values) in every IndexedDB database of the page's origin and in chrome.storage. */
async function everythingStored(page: Page): Promise<{ where: string; text: string }[]> {
  return page.evaluate(async () => {
    const texts: { where: string; text: string }[] = [];
    const walk = (where: string, value: unknown) => {
      if (typeof value === 'string') texts.push({ where, text: value });
      else if (Array.isArray(value)) value.forEach((item, index) => walk(`${where}[${index}]`, item));
      else if (value && typeof value === 'object')
        for (const [key, item] of Object.entries(value)) {
          texts.push({ where: `${where} (key)`, text: key });
          walk(`${where}.${key}`, item);
        }
    };
    const request = <T>(call: IDBRequest<T>) =>
      new Promise<T>((done, fail) => {
        call.onsuccess = () => done(call.result);
        call.onerror = () => fail(call.error);
      });
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await request(indexedDB.open(name));
      for (const store of [...db.objectStoreNames]) {
        const transaction = db.transaction(store);
        const [keys, values] = await Promise.all([
          request(transaction.objectStore(store).getAllKeys()),
          request(transaction.objectStore(store).getAll()),
        ]);
        walk(`${name}/${store} keys`, keys);
        walk(`${name}/${store}`, values);
      }
      db.close();
    }
    const chromeStorage = (
      globalThis as { chrome?: { storage?: Record<string, { get(keys: null): Promise<unknown> } | undefined> } }
    ).chrome?.storage;
    for (const area of ['local', 'sync', 'session'])
      if (chromeStorage?.[area]) walk(`chrome.storage.${area}`, await chromeStorage[area].get(null));
    return texts;
  });
}

// --- Helpers for the forms ---------------------------------------------------------------------

/** The message shown under a field (FieldFrame: `<control id>-error`), read in one round trip. */
async function errorUnder(field: Locator): Promise<string | null> {
  return field.evaluate((control) => document.getElementById(`${control.id}-error`)?.textContent ?? null);
}

/**
 * Types each text into a field, leaves it, and expects the card refusal under it. The field is
 * found by its label once and then by its id: a hundred and more texts a test, each found anew
 * by its label and its message in three round trips, made the first test take half a minute.
 */
async function refusedOnLeaving(page: Page, field: Locator, label: string, texts: string[]): Promise<void> {
  const control = page.locator(`[id="${await field.getAttribute('id')}"]`);
  for (const text of texts) {
    await control.fill(text);
    await control.blur();
    await expect.poll(() => errorUnder(control), { message: `${label}: ${JSON.stringify(text)}` }).toBe(refused(label));
  }
}

const inDomain = (spelling: string) => `${spelling}.example.com`;
const inUrl = (spelling: string) => `https://acme.test/pay?card=${spelling}`;
const inEmail = (spelling: string) => `${spelling}@example.com`;
const inText = (spelling: string) => `Note ${spelling}`;

let harness: ExtensionHarness;
let page: Page;

beforeAll(async () => {
  harness = await launchExtension();
  page = await dashboardWithSample(harness, '#/clients');
});

afterAll(async () => {
  await harness?.close();
});

describe('a full card number is refused in every field', () => {
  it('checks its own detector on the spellings it tries and on ordinary numbers', () => {
    for (const spelling of [...SPELLINGS, MULTILINE, inDomain(SPELLINGS[4]!), inUrl(SPELLINGS[6]!)])
      expect(cardNumbersIn(spelling), JSON.stringify(spelling)).not.toEqual([]);
    for (const ordinary of [
      '+81 90-1234-5678',
      '123456789012',
      '4111 1111 1111 1112',
      '2026-04-01',
      '1,000,000',
      'ORG-7K2M9QXD',
    ])
      expect(cardNumbersIn(ordinary), ordinary).toEqual([]);
  });

  it('in the new client form, the domain and workspace URL included, and Save creates nothing', async () => {
    await page.getByRole('link', { name: 'Create New Client' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'New client' }).count()).toBe(1);

    // Everything else valid: only the card numbers in the domain and the workspace URL stop the save.
    await page.getByLabel('Client name').fill('Card Test Co');
    await page.getByLabel('First name').fill('Ada');
    await page.getByLabel('Last name').fill('Lovelace');
    await page.getByLabel('Contact email').fill('ada@card-test.example');
    await page.getByLabel('Domain').fill('4111111111111111.example.com');
    await page.getByLabel('Workspace URL').fill('https://acme.test/pay?card=4111-1111-1111-1111');
    await page.getByLabel('Visitor licenses').fill('10');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Some fields need attention. See the message next to each one.');
    expect(await errorUnder(page.getByLabel('Domain'))).toBe(refused('Domain'));
    expect(await errorUnder(page.getByLabel('Workspace URL'))).toBe(refused('Workspace URL'));
    expect(await page.getByTestId('created-notice').count()).toBe(0);

    const textFields: [label: string, wrap: (spelling: string) => string][] = [
      ['Client name', inText],
      ['First name', inText],
      ['Last name', inText],
      ['Contact email', inEmail],
      ['Company', inText],
      ['Industry', inText],
      ['Domain', inDomain],
      ['Workspace URL', inUrl],
      ['Street address', inText],
      ['City', inText],
      ['State, province or prefecture', inText],
      ['Postal code', inText],
      ['Country', inText],
    ];
    for (const [label, wrap] of textFields)
      await refusedOnLeaving(page, page.getByLabel(label), label, SPELLINGS.map(wrap));
  });

  it("in a client's overview: its details, a member, an experiment, the revocation note and the plan", async () => {
    await page.goto(page.url().replace(/#.*$/, '#/clients'));
    await openOverview(page, 'Initech Software');

    await page.getByLabel('Domain').fill('pay-4111.1111.1111.1111.initech.example');
    await page.getByLabel('Workspace URL').fill('https://acme.test/cards/4111_1111_1111_1111/');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => errorUnder(page.getByLabel('Domain'))).toBe(refused('Domain'));
    expect(await errorUnder(page.getByLabel('Workspace URL'))).toBe(refused('Workspace URL'));
    await refusedOnLeaving(page, page.getByLabel('Domain'), 'Domain', SPELLINGS.map(inDomain));
    await refusedOnLeaving(page, page.getByLabel('Workspace URL'), 'Workspace URL', SPELLINGS.map(inUrl));

    await refusedOnLeaving(page, page.getByLabel('Member name'), 'Member name', SPELLINGS.map(inText));
    await refusedOnLeaving(page, page.getByLabel('Member email'), 'Member email', SPELLINGS.map(inEmail));
    await page.getByRole('button', { name: 'Add member' }).click();
    await expect.poll(() => errorUnder(page.getByLabel('Member email'))).toBe(refused('Member email'));

    await refusedOnLeaving(page, page.getByLabel('Experiment name'), 'Experiment name', SPELLINGS.map(inText));
    await page.getByRole('button', { name: 'Add experiment' }).click();
    await expect.poll(() => errorUnder(page.getByLabel('Experiment name'))).toBe(refused('Experiment name'));

    await page.getByRole('button', { name: 'Change plan' }).click();
    const planDialog = page.getByRole('dialog', { name: 'Change the plan of Initech Software' });
    await planDialog.waitFor();
    await refusedOnLeaving(page, planDialog.getByLabel('Plan'), 'Plan', SPELLINGS.map(inText));
    await planDialog.getByLabel('Renewal date').fill('2027-09-01');
    await planDialog.getByRole('button', { name: 'Save plan' }).click();
    await expect.poll(() => errorUnder(planDialog.getByLabel('Plan'))).toBe(refused('Plan'));
    await page.keyboard.press('Escape');
    await expect.poll(() => planDialog.count()).toBe(0);

    await page.getByRole('button', { name: 'Record revoked access' }).click();
    const revokeDialog = page.getByRole('dialog', { name: 'Record that Initech Software revoked your access' });
    await revokeDialog.waitFor();
    const note = revokeDialog.getByLabel('Note');
    for (const text of [MULTILINE, ...SPELLINGS.map(inText)]) {
      await note.fill(text);
      await revokeDialog.getByRole('button', { name: 'Record revoked access' }).click();
      await expect.poll(() => errorUnder(note), { message: JSON.stringify(text) }).toBe(refused('Note'));
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => revokeDialog.count()).toBe(0);
  });

  it('in the settings: the agency name, the workspace URL template and the reminder webhook', async () => {
    await page.goto(page.url().replace(/#.*$/, '#/settings'));
    const agencyName = page.getByLabel('Agency name');
    const template = page.getByLabel('Workspace URL template');
    await template.fill('https://app.test/org/{orgId}?card=4111.1111.1111.1111');
    // Left first: the message it brings moves the Save button, which a click must not chase.
    await template.blur();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(() => page.getByTestId('settings-notice').textContent())
      .toBe('The settings were not saved. Correct the fields marked below and save again.');
    expect(await errorUnder(template)).toBe(refused('Workspace URL template'));
    await refusedOnLeaving(
      page,
      template,
      'Workspace URL template',
      SPELLINGS.map((spelling) => `https://app.test/org/{orgId}?card=${spelling}`),
    );
    await refusedOnLeaving(page, agencyName, 'Agency name', SPELLINGS.map(inText));

    // Refused before the browser is asked for access to the webhook's host…
    const webhook = page.getByRole('textbox', { name: 'Reminder webhook' });
    const tryWebhooks = async () => {
      for (const spelling of SPELLINGS) {
        await webhook.fill(`https://relay.test/hook/${spelling}`);
        await page.getByRole('button', { name: 'Save webhook' }).click();
        await expect.poll(() => errorUnder(webhook), { message: spelling }).toBe(refused('Reminder webhook'));
      }
      expect(await page.getByTestId('webhook-notice').count()).toBe(0);
    };
    await tryWebhooks();
    // …and when the browser already grants that access (as a person can in its extension
    // settings), so that only the card number can stop the save.
    await allowSiteAccess(harness, 'https://relay.test/*');
    await tryWebhooks();
  });

  it('in a CSV import, every column named on its line, and nothing can be imported', async () => {
    await page.goto(page.url().replace(/#.*$/, '#/backup'));
    const columns = CSV_HEADER.split(',');
    const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;
    const row = (cells: Record<string, string>) => {
      const values: Record<string, string> = {
        name: 'Card Import Co',
        contact_first_name: 'Ada',
        contact_last_name: 'Lovelace',
        contact_email: 'ada@card-import.example',
        quota: '10',
        ...cells,
      };
      return columns.map((column) => quoted(values[column] ?? '')).join(',');
    };
    const tried: [column: string, label: string, text: string][] = [
      ['name', 'Client name', inText(SPELLINGS[2]!)],
      ['contact_first_name', 'First name', SPELLINGS[3]!],
      ['contact_last_name', 'Last name', SPELLINGS[9]!],
      ['contact_email', 'Contact email', inEmail(SPELLINGS[4]!)],
      ['company', 'Company', inText(SPELLINGS[5]!)],
      ['industry', 'Industry', inText(SPELLINGS[6]!)],
      ['domain', 'Domain', inDomain(SPELLINGS[0]!)],
      ['street', 'Street address', MULTILINE],
      ['city', 'City', inText(SPELLINGS[7]!)],
      ['region', 'State, province or prefecture', inText(SPELLINGS[8]!)],
      ['postal_code', 'Postal code', SPELLINGS[10]!],
      ['country', 'Country', inText(SPELLINGS[11]!)],
      ['workspace_url', 'Workspace URL', inUrl(SPELLINGS[3]!)],
    ];
    const text = `${[CSV_HEADER, ...tried.map(([column, , value]) => row({ [column]: value }))].join('\r\n')}\r\n`;
    await chooseImportFile(page, 'clients.csv', text);
    await page.getByTestId('import-preview').waitFor();
    const problems = await page
      .getByTestId('import-problems')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    // The street's line break makes its record two lines long: the records after it start a line later.
    let line = 2;
    const expected = tried.map(([column, label, value]) => {
      const at = line;
      line += value.split('\n').length;
      return [`Line ${at}`, column, refused(label)];
    });
    expect(problems).toEqual(expected);
    expect(await page.getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
  });

  it('leaves no card number in any IndexedDB store or in chrome.storage, however it is spelled', async () => {
    const stored = await everythingStored(page);
    // The scan reads the real stores: the sample clients and the settings are there.
    expect(stored.some(({ where, text }) => where.includes('/clients') && text === 'Initech Software')).toBe(true);
    expect(stored.some(({ where }) => where.includes('/meta'))).toBe(true);
    const withCards = stored.flatMap(({ where, text }) =>
      cardNumbersIn(text).map((digits) => ({ where, text, digits })),
    );
    expect(withCards).toEqual([]);
  });
});
