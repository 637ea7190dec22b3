/**
 * Reads the answer of a usage source (docs/USAGE-FEED.md): JSON in Agency Desk's own shape, or
 * a CSV with the clients CSV's org_id and used_visitors columns. Everything is checked before
 * anything is used: one bad row refuses the whole answer, with a message that names the row, so
 * that a reading applies all of a source's numbers or none of them.
 */
import { LIMITS } from '../model/limits';
import { asDate } from '../model/messages';
import type { FeedFailure, UsageFeedParse, UsageFeedRow } from '../model/usage-feed';
import { usageFeedEntrySchema, usageFeedSchema } from '../model/usage-feed-schema';
import { z } from '../model/zod';
import { parseCsv } from './csv';

/** Keys that could reach an object's prototype if any code ever merged the answer into an object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A value quoted in a message is cut short: a row's mistake is recognisable by its start. */
const SHOWN_VALUE_LENGTH = 40;

const CSV_ORG_ID = 'org_id';
const CSV_VISITORS = 'used_visitors';
const CSV_PERIOD = 'period_start';

/** CSV numbers are digits only (spaces around them allowed): "1,234" or "1.5e3" is refused, not guessed at. */
const CSV_WHOLE_NUMBER = /^\s*\d+\s*$/;

type Format = 'json' | 'csv' | 'html';

function fail(key: FeedFailure['key'], params: FeedFailure['params'] = {}): UsageFeedParse {
  return { ok: false, failure: { key, params } };
}

function mediaType(contentType: string | undefined): string {
  return (contentType?.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * What the answer is. A page (a sign-in screen, a sharing page) is recognised first whatever
 * the server calls it; then the content type decides; without a telling one, the first character.
 */
function formatOf(text: string, contentType: string | undefined): Format {
  const type = mediaType(contentType);
  const start = text.trimStart();
  if (type === 'text/html' || type === 'application/xhtml+xml' || start.startsWith('<')) return 'html';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'text/csv') return 'csv';
  return start.startsWith('{') || start.startsWith('[') ? 'json' : 'csv';
}

function cut(text: string): string {
  return text.length > SHOWN_VALUE_LENGTH ? `${text.slice(0, SHOWN_VALUE_LENGTH)}…` : text;
}

/** A JSON value as a message quotes it: numbers as written, anything else as JSON (a string in quotes). */
function shown(value: unknown): string {
  return cut(typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value)));
}

/** The first forbidden key anywhere in parsed JSON; walked with a stack, as the nesting may be deep. */
function forbiddenKeyIn(data: unknown): string | undefined {
  const pending: unknown[] = [data];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
      continue;
    }
    for (const [key, inner] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      pending.push(inner);
    }
  }
  return undefined;
}

/** A row's values as its messages quote them; undefined where the value is missing. */
interface ShownRow {
  orgId: string | undefined;
  visitors: string | undefined;
  period: string | undefined;
}

/** The message for the first problem of one row, as zod found it (the issue's path ends at the entry's key). */
function rowFailure(issue: z.core.$ZodIssue | undefined, row: number, values: ShownRow, orgId: string): FeedFailure {
  switch (issue?.path[issue.path.length - 1]) {
    case 'org_id':
      return values.orgId === undefined
        ? { key: 'usageFeed_rowOrgIdMissing', params: { row } }
        : { key: 'usageFeed_rowOrgIdInvalid', params: { row, value: values.orgId } };
    case 'visitors_used':
      if (values.visitors === undefined) return { key: 'usageFeed_rowVisitorsMissing', params: { row, orgId } };
      // Too big is a whole number above the limit (or beyond what a number holds exactly); anything else is not a count.
      return issue?.code === 'too_big'
        ? { key: 'usageFeed_rowVisitorsTooLarge', params: { row, orgId, value: values.visitors, max: LIMITS.licenses } }
        : { key: 'usageFeed_rowVisitorsInvalid', params: { row, orgId, value: values.visitors } };
    case 'period_start':
      return { key: 'usageFeed_rowPeriodStartInvalid', params: { row, orgId, value: values.period ?? '' } };
    default:
      return { key: 'usageFeed_rowNotObject', params: { row } };
  }
}

/** The Org ID a row's later messages name: the one it has, normalized, once that is known to be good. */
function orgIdOf(raw: unknown): string {
  const parsed = z.safeParse(usageFeedEntrySchema.shape.org_id, raw);
  return parsed.success ? parsed.data : '';
}

/**
 * The first Org ID listed twice for the same period. Two rows of one client for different
 * periods are fine (last period's final number beside this period's); whether a row without a
 * period and one naming the current period are the same, only the billing settings can say.
 */
function duplicateIn(rows: readonly UsageFeedRow[]): FeedFailure | undefined {
  const rowOf = new Map<string, number>();
  for (const row of rows) {
    const key = `${row.orgId}|${row.periodStart ?? ''}`;
    const first = rowOf.get(key);
    if (first === undefined) {
      rowOf.set(key, row.line);
      continue;
    }
    return row.periodStart === undefined
      ? { key: 'usageFeed_duplicateOrgId', params: { orgId: row.orgId, first, second: row.line } }
      : {
          key: 'usageFeed_duplicateOrgIdInPeriod',
          params: { orgId: row.orgId, period: asDate(row.periodStart), first, second: row.line },
        };
  }
  return undefined;
}

function done(format: 'json' | 'csv', rows: UsageFeedRow[], generatedAt?: string): UsageFeedParse {
  const duplicate = duplicateIn(rows);
  if (duplicate) return { ok: false, failure: duplicate };
  return generatedAt === undefined ? { ok: true, format, rows } : { ok: true, format, generatedAt, rows };
}

/** A JSON value that stands for "not given": absent, null, or only spaces. */
function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): UsageFeedParse {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail('usageFeed_jsonDamaged');
  }
  const forbidden = forbiddenKeyIn(data);
  if (forbidden !== undefined) return fail('usageFeed_forbiddenKey', { key: forbidden });
  if (!isObject(data) || !Array.isArray(data.usage)) return fail('usageFeed_jsonNotFeed');
  // Counted before the rows are checked: an answer far too long is refused without checking each row.
  if (data.usage.length > LIMITS.usageFeedMaxRows)
    return fail('usageFeed_tooManyRows', { count: data.usage.length, max: LIMITS.usageFeedMaxRows });

  const result = z.safeParse(usageFeedSchema, data);
  if (!result.success) {
    // Zod reports in the order of the schema and the list: the first issue is the first mistake.
    const [issue] = result.error.issues;
    const [top, index, field] = issue?.path ?? [];
    if (top === 'generated_at') {
      return data.generated_at === undefined
        ? fail('usageFeed_generatedAtMissing')
        : fail('usageFeed_generatedAtInvalid', { value: shown(data.generated_at) });
    }
    if (top !== 'usage' || typeof index !== 'number') return fail('usageFeed_jsonNotFeed');
    const entry: unknown = data.usage[index];
    if (!isObject(entry) || field === undefined) return fail('usageFeed_rowNotObject', { row: index + 1 });
    const values = {
      orgId: isBlank(entry.org_id) ? undefined : shown(entry.org_id),
      visitors: isBlank(entry.visitors_used) ? undefined : shown(entry.visitors_used),
      period: shown(entry.period_start),
    };
    return { ok: false, failure: rowFailure(issue, index + 1, values, orgIdOf(entry.org_id)) };
  }
  const rows = result.data.usage.map((entry, index): UsageFeedRow => {
    const row: UsageFeedRow = { orgId: entry.org_id, visitorsUsed: entry.visitors_used, line: index + 1 };
    if (entry.period_start !== undefined) row.periodStart = entry.period_start;
    return row;
  });
  return done('json', rows, result.data.generated_at);
}

/** Where the columns Agency Desk reads are in the header; the header may have any others too. */
function csvColumns(header: readonly string[]): { org: number; visitors: number; period: number } | FeedFailure {
  const names = header.map((name) => name.trim().toLowerCase());
  const missing = [CSV_ORG_ID, CSV_VISITORS].filter((column) => !names.includes(column));
  if (missing.length > 0) return { key: 'usageFeed_csvMissingColumns', params: { columns: missing } };
  const repeated = [CSV_ORG_ID, CSV_VISITORS, CSV_PERIOD].filter(
    (column) => names.indexOf(column) !== names.lastIndexOf(column),
  );
  if (repeated.length > 0) return { key: 'usageFeed_csvRepeatedColumns', params: { columns: repeated } };
  return { org: names.indexOf(CSV_ORG_ID), visitors: names.indexOf(CSV_VISITORS), period: names.indexOf(CSV_PERIOD) };
}

function parseCsvFeed(text: string): UsageFeedParse {
  const parsed = parseCsv(text);
  if (!parsed.ok) return fail('usageFeed_csvDamaged', { line: parsed.line });
  const [header, ...records] = parsed.records;
  if (!header) return fail('usageFeed_empty');
  const columns = csvColumns(header.fields);
  if ('key' in columns) return { ok: false, failure: columns };
  if (records.length > LIMITS.usageFeedMaxRows)
    return fail('usageFeed_tooManyRows', { count: records.length, max: LIMITS.usageFeedMaxRows });

  const rows: UsageFeedRow[] = [];
  for (const { line, fields } of records) {
    // A row with more or fewer values than the header has its numbers under the wrong columns.
    if (fields.length !== header.fields.length)
      return fail('usageFeed_csvValueCount', { row: line, found: fields.length, expected: header.fields.length });
    const orgId = fields[columns.org] ?? '';
    const visitors = fields[columns.visitors] ?? '';
    const period = columns.period === -1 ? '' : (fields[columns.period] ?? '').trim();
    const entry = {
      org_id: orgId,
      // Blank is missing; anything but digits becomes NaN, which the schema refuses like any non-number.
      visitors_used: visitors.trim() === '' ? undefined : CSV_WHOLE_NUMBER.test(visitors) ? Number(visitors) : NaN,
      period_start: period === '' ? undefined : period,
    };
    const result = z.safeParse(usageFeedEntrySchema, entry);
    if (!result.success) {
      const values = {
        orgId: orgId.trim() === '' ? undefined : cut(orgId.trim()),
        visitors: visitors.trim() === '' ? undefined : cut(visitors.trim()),
        period: cut(period),
      };
      return { ok: false, failure: rowFailure(result.error.issues[0], line, values, orgIdOf(orgId)) };
    }
    const row: UsageFeedRow = { orgId: result.data.org_id, visitorsUsed: result.data.visitors_used, line };
    if (result.data.period_start !== undefined) row.periodStart = result.data.period_start;
    rows.push(row);
  }
  return done('csv', rows);
}

/**
 * Reads a usage source's answer. `contentType` is the answer's Content-Type header, when it
 * had one: application/json (or any +json type) is read as JSON, text/csv as CSV, a page as
 * the HTML failure; with any other type the text decides (JSON starts with `{`, or `[`, which
 * is then refused as not a usage feed rather than as a CSV without its columns).
 */
export function parseUsageFeed(text: string, contentType?: string): UsageFeedParse {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') return fail('usageFeed_empty');
  switch (formatOf(body, contentType)) {
    case 'html':
      return fail('usageFeed_html');
    case 'json':
      return parseJson(body);
    case 'csv':
      return parseCsvFeed(body);
  }
}
