// A usage source's answer is used whole or not at all: every bad answer gives one clear message
// (in both languages) and no rows; a good one, JSON or CSV, gives every row with its place.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { t } from '../../../lib/i18n';
import { parseUsageFeed } from '../../../lib/io/usage-feed';
import { clientsToCsv } from '../../../lib/io/clients-csv';
import type { Client } from '../../../lib/model/client';
import { LIMITS } from '../../../lib/model/limits';
import type { FeedFailure, UsageFeedParse } from '../../../lib/model/usage-feed';
import { expectKeyInCatalogues } from '../ops/helpers';

const A = 'ORG-7K2M9QXD';
const B = 'ORG-AAAAAAAA';
const C = 'ORG-0123ABCD';

/** A distinct well-formed Org ID for each number (digits are in the Org ID alphabet). */
const orgIdNumber = (index: number) => `ORG-${String(index).padStart(8, '0')}`;

function json(usage: unknown, generatedAt: unknown = '2026-04-15T09:00:00Z'): string {
  return JSON.stringify({ generated_at: generatedAt, usage });
}

/** The failure of a refused answer, after checking that both catalogues can say it. */
function refused(result: UsageFeedParse): FeedFailure {
  if (result.ok) throw new Error(`expected a refusal, got ${result.rows.length} rows`);
  expectKeyInCatalogues(result.failure.key);
  // A message with a placeholder left unfilled would show $NAME$ to the agency.
  expect(t(result.failure.key, result.failure.params, 'en')).not.toMatch(/\$[A-Z_]+\$/);
  expect(t(result.failure.key, result.failure.params, 'ja')).not.toMatch(/\$[A-Z_]+\$/);
  return result.failure;
}

function accepted(result: UsageFeedParse) {
  if (!result.ok) throw new Error(`expected rows, got ${result.failure.key} ${JSON.stringify(result.failure.params)}`);
  return result;
}

describe('a JSON usage source', () => {
  it('gives every row with its Org ID normalized, its number, its period and its place in the list', () => {
    const result = accepted(
      parseUsageFeed(
        json([
          { org_id: A, visitors_used: 1234 },
          { org_id: ' org-aaaaaaaa ', visitors_used: 0, period_start: '2026-03-01' },
          { org_id: C, visitors_used: 5, period_start: null, note: 'extra keys are ignored' },
        ]),
        'application/json; charset=utf-8',
      ),
    );
    expect(result).toEqual({
      ok: true,
      format: 'json',
      generatedAt: '2026-04-15T09:00:00.000Z',
      rows: [
        { orgId: A, visitorsUsed: 1234, line: 1 },
        { orgId: B, visitorsUsed: 0, periodStart: '2026-03-01', line: 2 },
        { orgId: C, visitorsUsed: 5, line: 3 },
      ],
    });
  });

  it('accepts an empty usage list as zero rows', () => {
    expect(accepted(parseUsageFeed(json([]))).rows).toEqual([]);
  });

  it('keeps generated_at as the UTC time it names, whatever its offset', () => {
    expect(accepted(parseUsageFeed(json([], '2026-04-15T18:00:00.5+09:00'))).generatedAt).toBe(
      '2026-04-15T09:00:00.500Z',
    );
  });

  it('is recognised by its first character without a telling content type, after a byte order mark and spaces', () => {
    for (const type of [undefined, 'text/plain', 'application/octet-stream']) {
      expect(accepted(parseUsageFeed(`\uFEFF \r\n ${json([{ org_id: A, visitors_used: 1 }])}`, type)).format).toBe(
        'json',
      );
    }
    expect(accepted(parseUsageFeed(json([]), 'application/vnd.usage+json')).format).toBe('json');
  });

  it.each([
    [{ org_id: A, visitors_used: -5 }, '-5'],
    [{ org_id: A, visitors_used: 12.5 }, '12.5'],
    [{ org_id: A, visitors_used: '12' }, '"12"'],
    [{ org_id: A, visitors_used: true }, 'true'],
  ])('refuses visitors used of %j, naming the row, the Org ID and the value', (entry, shown) => {
    const failure = refused(parseUsageFeed(json([{ org_id: B, visitors_used: 1 }, entry])));
    expect(failure).toEqual({ key: 'usageFeed_rowVisitorsInvalid', params: { row: 2, orgId: A, value: shown } });
  });

  it('says the row, the Org ID and the value in the message itself', () => {
    const good = Array.from({ length: 11 }, (_, index) => ({ org_id: orgIdNumber(index), visitors_used: 1 }));
    const failure = refused(parseUsageFeed(json([...good, { org_id: A, visitors_used: -5 }])));
    expect(t(failure.key, failure.params, 'en')).toBe(
      `Row 12 of the usage source (${A}): visitors used must be a whole number of 0 or more (got -5). No usage was read.`,
    );
    expect(t(failure.key, failure.params, 'ja')).toContain('12 行目');
  });

  it('refuses a number above the largest count kept', () => {
    const failure = refused(parseUsageFeed(json([{ org_id: A, visitors_used: LIMITS.licenses + 1 }])));
    expect(failure.key).toBe('usageFeed_rowVisitorsTooLarge');
    expect(failure.params).toMatchObject({ row: 1, orgId: A, max: LIMITS.licenses });
    expect(refused(parseUsageFeed(json([{ org_id: A, visitors_used: 1e21 }]))).key).toBe(
      'usageFeed_rowVisitorsTooLarge',
    );
  });

  it('refuses a row without visitors used', () => {
    expect(refused(parseUsageFeed(json([{ org_id: A }])))).toEqual({
      key: 'usageFeed_rowVisitorsMissing',
      params: { row: 1, orgId: A },
    });
  });

  it.each(['ORG-123', 'ORG-7K2M9QXI', 'ORG 7K2M9QXD', '7K2M9QXD'])('refuses the Org ID %j', (orgId) => {
    expect(refused(parseUsageFeed(json([{ org_id: orgId, visitors_used: 1 }])))).toEqual({
      key: 'usageFeed_rowOrgIdInvalid',
      params: { row: 1, value: JSON.stringify(orgId) },
    });
  });

  it('refuses an Org ID that is a number, and a row without one', () => {
    expect(refused(parseUsageFeed(json([{ org_id: 12345678, visitors_used: 1 }]))).key).toBe(
      'usageFeed_rowOrgIdInvalid',
    );
    expect(refused(parseUsageFeed(json([{ org_id: A, visitors_used: 1 }, { visitors_used: 1 }])))).toEqual({
      key: 'usageFeed_rowOrgIdMissing',
      params: { row: 2 },
    });
    expect(refused(parseUsageFeed(json([{ org_id: '  ', visitors_used: 1 }]))).key).toBe('usageFeed_rowOrgIdMissing');
  });

  it('reports the first mistake of the first bad row', () => {
    const failure = refused(
      parseUsageFeed(
        json([
          { org_id: A, visitors_used: 1 },
          { org_id: 'nope', visitors_used: -1 },
          { org_id: B, visitors_used: -1 },
        ]),
      ),
    );
    expect(failure.key).toBe('usageFeed_rowOrgIdInvalid');
    expect(failure.params.row).toBe(2);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-4-1', '01/04/2026', '2026-04-01T00:00:00Z', ''])(
    'refuses the period start %j',
    (periodStart) => {
      expect(refused(parseUsageFeed(json([{ org_id: A, visitors_used: 1, period_start: periodStart }])))).toEqual({
        key: 'usageFeed_rowPeriodStartInvalid',
        params: { row: 1, orgId: A, value: JSON.stringify(periodStart) },
      });
    },
  );

  it('refuses an entry that is not an object', () => {
    expect(refused(parseUsageFeed(json([{ org_id: A, visitors_used: 1 }, 'ORG-AAAAAAAA,3'])))).toEqual({
      key: 'usageFeed_rowNotObject',
      params: { row: 2 },
    });
  });

  it('refuses an Org ID listed twice, naming both rows, even written differently', () => {
    const failure = refused(
      parseUsageFeed(
        json([
          { org_id: B, visitors_used: 1 },
          { org_id: C, visitors_used: 1 },
          { org_id: A, visitors_used: 1 },
          { org_id: 'org-7k2m9qxd', visitors_used: 2 },
        ]),
      ),
    );
    expect(failure).toEqual({ key: 'usageFeed_duplicateOrgId', params: { orgId: A, first: 3, second: 4 } });
    expect(t(failure.key, failure.params, 'en')).toContain(`${A} appears twice in the usage source (rows 3 and 4).`);
  });

  it('accepts one client for two periods, but not twice for the same period', () => {
    const rows = [
      { org_id: A, visitors_used: 10, period_start: '2026-03-01' },
      { org_id: A, visitors_used: 2 },
    ];
    expect(accepted(parseUsageFeed(json(rows))).rows).toHaveLength(2);
    const failure = refused(
      parseUsageFeed(json([...rows, { org_id: A, visitors_used: 11, period_start: '2026-03-01' }])),
    );
    expect(failure.key).toBe('usageFeed_duplicateOrgIdInPeriod');
    expect(failure.params).toMatchObject({ orgId: A, first: 1, second: 3, period: { isoDate: '2026-03-01' } });
    expect(t(failure.key, failure.params, 'en')).toContain('Mar 1, 2026');
  });

  it.each([
    [
      'a prototype key in a row',
      `{"generated_at":"2026-04-15T09:00:00Z","usage":[{"org_id":"${A}","visitors_used":1,"__proto__":{"x":1}}]}`,
      '__proto__',
    ],
    [
      'a constructor key at the top',
      `{"constructor":{},"generated_at":"2026-04-15T09:00:00Z","usage":[]}`,
      'constructor',
    ],
    [
      'a prototype key deep down',
      `{"generated_at":"2026-04-15T09:00:00Z","usage":[],"meta":[[{"a":{"prototype":1}}]]}`,
      'prototype',
    ],
  ])('refuses %s', (_, text, key) => {
    expect(refused(parseUsageFeed(text))).toEqual({ key: 'usageFeed_forbiddenKey', params: { key } });
  });

  it('accepts those words as values', () => {
    expect(accepted(parseUsageFeed(json([{ org_id: A, visitors_used: 1, note: '__proto__' }]))).rows).toHaveLength(1);
  });

  it.each([
    ['missing', undefined, 'usageFeed_generatedAtMissing'],
    ['a date only', '2026-04-15', 'usageFeed_generatedAtInvalid'],
    ['without a time zone', '2026-04-15T09:00:00', 'usageFeed_generatedAtInvalid'],
    ['not a real day', '2026-02-30T09:00:00Z', 'usageFeed_generatedAtInvalid'],
    ['a word', 'yesterday', 'usageFeed_generatedAtInvalid'],
    ['a number', 1776243600000, 'usageFeed_generatedAtInvalid'],
  ])('refuses generated_at %s', (_, value, key) => {
    const text = JSON.stringify({ generated_at: value, usage: [{ org_id: A, visitors_used: 1 }] });
    expect(refused(parseUsageFeed(text)).key).toBe(key);
  });

  it.each([
    ['an array', '[]'],
    ['an object without usage', '{"generated_at":"2026-04-15T09:00:00Z"}'],
    ['usage that is not a list', '{"generated_at":"2026-04-15T09:00:00Z","usage":{}}'],
    ['a number', '42'],
    ['null', 'null'],
  ])('refuses JSON that is %s', (_, text) => {
    expect(refused(parseUsageFeed(text, 'application/json')).key).toBe('usageFeed_jsonNotFeed');
  });

  it.each(['{"generated_at":"2026-04-15T09:00:00Z","usage":[', '{"usage": [1,]}', "{'usage': []}"])(
    'refuses damaged JSON %j',
    (text) => {
      expect(refused(parseUsageFeed(text)).key).toBe('usageFeed_jsonDamaged');
    },
  );

  it('refuses more rows than the limit, and accepts exactly the limit', () => {
    const many = Array.from({ length: LIMITS.usageFeedMaxRows }, (_, index) => ({
      org_id: orgIdNumber(index),
      visitors_used: index,
    }));
    expect(accepted(parseUsageFeed(json(many))).rows).toHaveLength(LIMITS.usageFeedMaxRows);
    expect(refused(parseUsageFeed(json([...many, { org_id: A, visitors_used: 1 }])))).toEqual({
      key: 'usageFeed_tooManyRows',
      params: { count: LIMITS.usageFeedMaxRows + 1, max: LIMITS.usageFeedMaxRows },
    });
    // Two answers of 200,000 rows checked whole: about 2.5 s alone, over 5 s on a busy 2-core machine.
  }, 30_000);
});

describe('an answer that is not usage at all', () => {
  it.each([
    ['an HTML page served as HTML', '<!doctype html><html><body>Sign in</body></html>', 'text/html; charset=utf-8'],
    ['an HTML page served as JSON', '  <html><body>Error</body></html>', 'application/json'],
    ['an HTML page served as CSV', '<html></html>', 'text/csv'],
    ['an HTML page without a type', '\uFEFF<?xml version="1.0"?><html/>', undefined],
    ['XHTML', 'org_id,used_visitors', 'application/xhtml+xml'],
  ])('refuses %s', (_, text, type) => {
    expect(refused(parseUsageFeed(text, type)).key).toBe('usageFeed_html');
  });

  it.each(['', '   \r\n', '\uFEFF'])('refuses the empty answer %j', (text) => {
    expect(refused(parseUsageFeed(text)).key).toBe('usageFeed_empty');
  });

  it('goes by a content type that says CSV, so JSON served as text/csv is refused as a CSV', () => {
    expect(refused(parseUsageFeed(json([]), 'text/csv'))).toEqual({ key: 'usageFeed_csvDamaged', params: { line: 1 } });
  });
});

describe('a CSV usage source', () => {
  it('gives every row with its file line, ignoring other columns, in any column order and header case', () => {
    const text = [
      'Name,USED_VISITORS, Org_ID ,notes',
      `Acme,1234,${A},`,
      `"Beta, Inc.",0, org-aaaaaaaa ,"two`,
      `lines"`,
      `Gamma, 7 ,${C},x`,
    ].join('\r\n');
    expect(accepted(parseUsageFeed(text, 'text/csv'))).toEqual({
      ok: true,
      format: 'csv',
      rows: [
        { orgId: A, visitorsUsed: 1234, line: 2 },
        { orgId: B, visitorsUsed: 0, line: 3 },
        { orgId: C, visitorsUsed: 7, line: 5 },
      ],
    });
  });

  it('reads a byte order mark, LF or CR line breaks, blank lines at the end, and no content type', () => {
    for (const text of [
      `\uFEFForg_id,used_visitors\n${A},5\n\n\n`,
      `org_id,used_visitors\r${A},5\r`,
      `\uFEFForg_id,used_visitors\r\n${A},5`,
    ]) {
      const result = accepted(parseUsageFeed(text));
      expect(result.format).toBe('csv');
      expect(result.rows).toEqual([{ orgId: A, visitorsUsed: 5, line: 2 }]);
    }
  });

  it('reads the optional period_start column; a blank cell means the current period', () => {
    const text = `org_id,used_visitors,period_start\n${A},10,2026-03-01\n${A},3,\n${B},4, 2026-04-01 `;
    expect(accepted(parseUsageFeed(text)).rows).toEqual([
      { orgId: A, visitorsUsed: 10, periodStart: '2026-03-01', line: 2 },
      { orgId: A, visitorsUsed: 3, line: 3 },
      { orgId: B, visitorsUsed: 4, periodStart: '2026-04-01', line: 4 },
    ]);
  });

  it('accepts a header without rows as zero rows', () => {
    expect(accepted(parseUsageFeed('org_id,used_visitors\r\n')).rows).toEqual([]);
  });

  it("reads the app's own clients CSV as it is", () => {
    const client = {
      orgId: A,
      name: 'Acme',
      contact: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com' },
      quota: 5000,
      usedVisitors: 1234,
      status: 'active',
    } as unknown as Client;
    expect(accepted(parseUsageFeed(clientsToCsv([client]), 'text/csv')).rows).toEqual([
      { orgId: A, visitorsUsed: 1234, line: 2 },
    ]);
  });

  it.each([
    ['-5', 'usageFeed_rowVisitorsInvalid'],
    ['12.5', 'usageFeed_rowVisitorsInvalid'],
    ['1,234', 'usageFeed_rowVisitorsInvalid'],
    ['1e3', 'usageFeed_rowVisitorsInvalid'],
    ['lots', 'usageFeed_rowVisitorsInvalid'],
    ['１２', 'usageFeed_rowVisitorsInvalid'],
    ['5000000000', 'usageFeed_rowVisitorsTooLarge'],
  ])('refuses the number %j, naming the file line, the Org ID and the cell as written', (cell, key) => {
    const text = `org_id,used_visitors\n${B},1\n${A},"${cell}"\n`;
    const failure = refused(parseUsageFeed(text));
    expect(failure.key).toBe(key);
    expect(failure.params).toMatchObject({ row: 3, orgId: A, value: cell });
  });

  it('writes a CSV value in the message as it is in the cell', () => {
    const failure = refused(parseUsageFeed(`org_id,used_visitors\n${A},-5\n`));
    expect(t(failure.key, failure.params, 'en')).toBe(
      `Row 2 of the usage source (${A}): visitors used must be a whole number of 0 or more (got -5). No usage was read.`,
    );
  });

  it('refuses a blank number, a blank Org ID and a bad Org ID', () => {
    expect(refused(parseUsageFeed(`org_id,used_visitors\n${A}, \n`))).toEqual({
      key: 'usageFeed_rowVisitorsMissing',
      params: { row: 2, orgId: A },
    });
    expect(refused(parseUsageFeed(`org_id,used_visitors\n,5\n`))).toEqual({
      key: 'usageFeed_rowOrgIdMissing',
      params: { row: 2 },
    });
    expect(refused(parseUsageFeed(`org_id,used_visitors\nORG-123,5\n`))).toEqual({
      key: 'usageFeed_rowOrgIdInvalid',
      params: { row: 2, value: 'ORG-123' },
    });
  });

  it('refuses a period start that is not a real date', () => {
    expect(refused(parseUsageFeed(`org_id,used_visitors,period_start\n${A},5,2026-02-29\n`))).toEqual({
      key: 'usageFeed_rowPeriodStartInvalid',
      params: { row: 2, orgId: A, value: '2026-02-29' },
    });
    expect(accepted(parseUsageFeed(`org_id,used_visitors,period_start\n${A},5,2028-02-29\n`)).rows).toHaveLength(1);
  });

  it('refuses an Org ID twice, naming both file lines', () => {
    const text = `org_id,used_visitors\n${A},1\n${B},1\n${C},2\nORG-7k2m9qxd,4\n`;
    expect(refused(parseUsageFeed(text))).toEqual({
      key: 'usageFeed_duplicateOrgId',
      params: { orgId: A, first: 2, second: 5 },
    });
  });

  it.each([
    ['org_id,visitors', ['used_visitors']],
    ['name,quota', ['org_id', 'used_visitors']],
    ['used_visitors', ['org_id']],
  ])('refuses the header %j, naming the missing columns', (header, columns) => {
    expect(refused(parseUsageFeed(`${header}\n${A},1\n`))).toEqual({
      key: 'usageFeed_csvMissingColumns',
      params: { columns },
    });
  });

  it('refuses a header with a column it reads twice', () => {
    expect(refused(parseUsageFeed(`org_id,used_visitors,Used_Visitors\n${A},1,2\n`))).toEqual({
      key: 'usageFeed_csvRepeatedColumns',
      params: { columns: ['used_visitors'] },
    });
  });

  it('refuses a row with more or fewer values than the header', () => {
    expect(refused(parseUsageFeed(`org_id,used_visitors\n${A},1\n${B},1,extra\n`))).toEqual({
      key: 'usageFeed_csvValueCount',
      params: { row: 3, found: 3, expected: 2 },
    });
    expect(refused(parseUsageFeed(`org_id,used_visitors,note\n${A},1\n`)).key).toBe('usageFeed_csvValueCount');
  });

  it('refuses a damaged CSV, naming the line where the quote opened', () => {
    expect(refused(parseUsageFeed(`org_id,used_visitors\n${A},1\n"${B},2\n`))).toEqual({
      key: 'usageFeed_csvDamaged',
      params: { line: 3 },
    });
  });

  it('refuses more rows than the limit', () => {
    const text = `org_id,used_visitors\n${`${A},1\n`.repeat(LIMITS.usageFeedMaxRows + 1)}`;
    expect(refused(parseUsageFeed(text)).key).toBe('usageFeed_tooManyRows');
  });
});

describe('the examples in docs/USAGE-FEED.md', () => {
  const doc = readFileSync('docs/USAGE-FEED.md', 'utf8');
  const blocks = (language: string) =>
    [...doc.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((match) => match[1]!);

  it('read as the page says', () => {
    const expected = [
      { orgId: A, visitorsUsed: 1234 },
      { orgId: B, visitorsUsed: 0 },
      { orgId: C, visitorsUsed: 5120, periodStart: '2026-03-01' },
      { orgId: C, visitorsUsed: 310 },
    ];
    const [jsonExample] = blocks('json');
    const [csvExample] = blocks('csv');
    expect(accepted(parseUsageFeed(jsonExample ?? '')).rows).toMatchObject(expected);
    expect(accepted(parseUsageFeed(csvExample ?? '')).rows).toMatchObject(expected);
  });
});
