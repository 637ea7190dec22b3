import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import type { AppError } from '../../../lib/model/errors';
import { FEED_FAILURES_BEFORE_NOTICE } from '../../../lib/model/usage-source';
import {
  getSettings,
  getUsageSourceView,
  listActivity,
  removeUsageSource,
  saveUsageSource,
  updateSettings,
} from '../../../lib/ops';
import type { FeedApplyResult } from '../../../lib/ops/usage-feed';
import { feedFailingNow, recordUsageFeedRead, usageSourceForRead } from '../../../lib/ops/usage-source';
import { expectKeyInCatalogues, refusal, resetDb, snapshot, T0 } from './helpers';

const URL_A = 'https://usage.example.com/feed.csv';
const URL_B = 'https://usage.example.org/v2/feed.json';
const TOKEN = 'sEcReT-t0ken.abc~123';

beforeEach(async () => {
  await resetDb();
  await updateSettings({ timeZone: 'UTC' }, { now: T0 });
});

const source = (url = URL_A, intervalMinutes = 60, acceptCorrections = false) => ({
  url,
  intervalMinutes,
  acceptCorrections,
});

const APPLIED: FeedApplyResult = { updated: 3, filed: 1, unchanged: 2, problems: [], problemCount: 0 };
const FAILURE = { failure: { key: 'usageFeed_timeout' as const, params: {} } };

/** The problems as [field, key]; every key must be in both catalogues. */
function problemsOf(error: AppError): [string, string][] {
  expect(error.code).toBe('validation');
  for (const problem of error.problems) expectKeyInCatalogues(problem.key);
  return error.problems.map((problem) => [problem.field, problem.key]);
}

describe('saveUsageSource, getUsageSourceView and removeUsageSource', () => {
  it('saves the source in the settings and the token apart, and shows only that a token is saved', async () => {
    const saved = await saveUsageSource({ ...source(), token: TOKEN }, { now: T0 + 1 });
    expect(saved).toEqual(source());
    const view = await getUsageSourceView();
    expect(view).toEqual({ source: source(), tokenSaved: true, status: undefined });
    expect(JSON.stringify(view)).not.toContain(TOKEN);
    expect((await getSettings()).usageSource).toEqual(source());
    expect(JSON.stringify(await getSettings())).not.toContain(TOKEN);
    // The log names the field, never the token.
    const log = await listActivity();
    expect(JSON.stringify(log)).not.toContain(TOKEN);
    expect(log.map((entry) => entry.details?.fields)).toContain('usageSourceToken');
    // The background gets it to read the source.
    expect(await usageSourceForRead()).toEqual({ source: source(), token: TOKEN, lastReadAt: undefined });
  });

  it('keeps the token when none is given, and removes it with an empty one', async () => {
    await saveUsageSource({ ...source(), token: TOKEN }, { now: T0 });
    await saveUsageSource(source(URL_A, 120, true), { now: T0 + 1 });
    expect(await getUsageSourceView()).toMatchObject({ source: source(URL_A, 120, true), tokenSaved: true });
    expect((await usageSourceForRead())?.token).toBe(TOKEN);
    await saveUsageSource({ ...source(), token: '' }, { now: T0 + 2 });
    expect((await getUsageSourceView()).tokenSaved).toBe(false);
    expect((await usageSourceForRead())?.token).toBeUndefined();
  });

  it('logs a token change only when the token changed', async () => {
    const tokenLines = async () =>
      (await listActivity()).filter((entry) => entry.details?.fields === 'usageSourceToken').length;
    // No token saved, none given or an empty one: nothing changed.
    await saveUsageSource({ ...source(), token: '' }, { now: T0 });
    await saveUsageSource(source(), { now: T0 + 1 });
    expect(await tokenLines()).toBe(0);
    await saveUsageSource({ ...source(), token: TOKEN }, { now: T0 + 2 });
    await saveUsageSource({ ...source(), token: TOKEN }, { now: T0 + 3 });
    expect(await tokenLines()).toBe(1);
    await saveUsageSource({ ...source(), token: '' }, { now: T0 + 4 });
    await saveUsageSource({ ...source(), token: '' }, { now: T0 + 5 });
    expect(await tokenLines()).toBe(2);
  });

  it('trims a pasted token', async () => {
    await saveUsageSource({ ...source(), token: `  ${TOKEN}\n` }, { now: T0 });
    expect((await usageSourceForRead())?.token).toBe(TOKEN);
  });

  it('refuses an address that is not https (or http on this computer), writing nothing', async () => {
    const before = await snapshot();
    for (const url of [
      'http://usage.example.com/feed',
      'ftp://usage.example.com/feed',
      'https://me:pw@usage.example.com/',
      'usage',
    ]) {
      const error = await refusal(saveUsageSource(source(url), { now: T0 }));
      expect(problemsOf(error)).toEqual([['url', 'error_usageSourceNotHttps']]);
    }
    expect(await snapshot()).toEqual(before);
    await saveUsageSource(source('http://127.0.0.1:8787/usage'), { now: T0 });
    await saveUsageSource(source('http://localhost/usage'), { now: T0 });
  });

  it('refuses an interval that is not one of the list', async () => {
    for (const minutes of [0, 10, 45, 90, 2880]) {
      const error = await refusal(saveUsageSource(source(URL_A, minutes), { now: T0 }));
      expect(problemsOf(error)).toEqual([['intervalMinutes', 'error_usageSourceInterval']]);
    }
    for (const minutes of [15, 30, 60, 120, 240, 360, 720, 1440])
      await saveUsageSource(source(URL_A, minutes), { now: T0 });
  });

  it('refuses a token that cannot go into a header, naming it as the token problem', async () => {
    const before = await snapshot();
    for (const token of ['two words', 'Bearer abc', 'tøken']) {
      const error = await refusal(saveUsageSource({ ...source(), token }, { now: T0 }));
      expect(problemsOf(error)).toEqual([['token', 'usageFeed_tokenInvalid']]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('starts the status afresh when the address changes, and keeps it otherwise', async () => {
    await saveUsageSource(source(), { now: T0 });
    await recordUsageFeedRead({ applied: APPLIED }, T0 + 1, URL_A);
    await saveUsageSource(source(URL_A, 30, true), { now: T0 + 2 });
    expect((await getUsageSourceView()).status?.at).toBe(T0 + 1);
    await saveUsageSource(source(URL_B), { now: T0 + 3 });
    expect((await getUsageSourceView()).status).toBeUndefined();
  });

  it('removes the source, its token and its status, and leaves usage alone', async () => {
    await saveUsageSource({ ...source(), token: TOKEN }, { now: T0 });
    await recordUsageFeedRead({ applied: APPLIED }, T0 + 1, URL_A);
    await removeUsageSource({ now: T0 + 2 });
    expect(await getUsageSourceView()).toEqual({ source: undefined, tokenSaved: false, status: undefined });
    expect(await usageSourceForRead()).toBeUndefined();
    expect(await db.meta.get('usageSourceToken')).toBeUndefined();
    // Removing it again changes nothing.
    const before = await snapshot();
    await removeUsageSource({ now: T0 + 3 });
    expect(await snapshot()).toEqual(before);
  });
});

describe('recordUsageFeedRead and feedFailingNow', () => {
  beforeEach(async () => {
    await saveUsageSource(source(), { now: T0 });
  });

  it('records an applied read with its counts and no failures in a row', async () => {
    const status = await recordUsageFeedRead({ applied: APPLIED }, T0 + 1, URL_A);
    expect(status).toEqual({ at: T0 + 1, ...APPLIED, failuresInRow: 0, lastSuccessAt: T0 + 1 });
    expect((await getUsageSourceView()).status).toEqual(status);
    expect((await usageSourceForRead())?.lastReadAt).toBe(T0 + 1);
  });

  it('counts failures in a row, keeps the last success, and starts again from 0 on a success', async () => {
    await recordUsageFeedRead({ applied: APPLIED }, T0 + 1, URL_A);
    const statuses = [];
    for (let read = 2; read <= 5; read += 1) statuses.push(await recordUsageFeedRead(FAILURE, T0 + read, URL_A));
    expect(statuses.map((status) => status.failuresInRow)).toEqual([1, 2, 3, 4]);
    expect(statuses.map((status) => feedFailingNow(status))).toEqual([false, false, true, false]);
    expect(statuses[3]).toEqual({
      at: T0 + 5,
      failure: FAILURE.failure,
      updated: 0,
      filed: 0,
      unchanged: 0,
      problems: [],
      problemCount: 0,
      failuresInRow: 4,
      lastSuccessAt: T0 + 1,
    });
    const ok = await recordUsageFeedRead({ applied: APPLIED }, T0 + 6, URL_A);
    expect(ok.failuresInRow).toBe(0);
    expect(ok.failure).toBeUndefined();
    const next = await recordUsageFeedRead(FAILURE, T0 + 7, URL_A);
    expect(next.failuresInRow).toBe(1);
  });

  it('says the source is failing exactly once, at the third failure in a row', () => {
    const at = (failuresInRow: number) => ({
      at: 0,
      updated: 0,
      filed: 0,
      unchanged: 0,
      problems: [],
      problemCount: 0,
      failuresInRow,
    });
    expect(FEED_FAILURES_BEFORE_NOTICE).toBe(3);
    expect([0, 1, 2, 3, 4, 5, 6].map((count) => feedFailingNow(at(count)))).toEqual([
      false,
      false,
      false,
      true,
      false,
      false,
      false,
    ]);
  });

  it('has no last success before the first one', async () => {
    const status = await recordUsageFeedRead(FAILURE, T0 + 1, URL_A);
    expect(status.lastSuccessAt).toBeUndefined();
    expect(status.failuresInRow).toBe(1);
  });

  it('refuses a status for a source that changed or was removed while it was read', async () => {
    await recordUsageFeedRead({ applied: APPLIED }, T0 + 1, URL_A);
    await saveUsageSource(source(URL_B), { now: T0 + 2 });
    const before = await snapshot();
    const error = await refusal(recordUsageFeedRead(FAILURE, T0 + 3, URL_A));
    expect([error.code, error.key]).toEqual(['conflict', 'usageFeed_sourceChanged']);
    expectKeyInCatalogues(error.key);
    await removeUsageSource({ now: T0 + 4 });
    expect((await refusal(recordUsageFeedRead(FAILURE, T0 + 5, URL_B))).key).toBe('usageFeed_sourceChanged');
    expect((await getUsageSourceView()).status).toBeUndefined();
    expect(before.meta).toBeDefined();
  });
});
