import { noTeamHandlers } from '../team/no-team-handlers';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerRequests } from '../../../lib/background/register-requests';
import { dispatchRequest } from '../../../lib/messages/dispatch-request';
import type { RequestHandlers } from '../../../lib/messages/protocol-schema';
import { sendRequest } from '../../../lib/messages/send-request';
import { AppError, isAppError } from '../../../lib/model/errors';
import { asDate } from '../../../lib/model/messages';

const SUMMARY = {
  usagePeriodsStarted: 1,
  clientsPaused: 2,
  remindersDecided: 3,
  notificationsShown: 0,
  usageWarningsShown: 0,
  webhookTries: 0,
  clientsPurged: 0,
  needingAttention: 4,
  failedSteps: [],
};

function handlers(overrides: Partial<RequestHandlers> = {}): RequestHandlers {
  return {
    'rules/run': async () => SUMMARY,
    'banner/lookup': async () => ({}),
    'banner/sync': async () => ({ needsAccess: false }),
    'usageFeed/read': async () => ({ read: false }),
    ...noTeamHandlers(),
    ...overrides,
  };
}

/** The worker's one listener, as start.ts registers it, and what it was handed. */
function backgroundWith(overrides: Partial<RequestHandlers> = {}) {
  registerRequests(handlers(overrides));
}

describe('the message channel', () => {
  it('answers a request with its handler’s response', async () => {
    backgroundWith({ 'banner/sync': async () => ({ registeredFor: 'https://app.example.com/*', needsAccess: false }) });
    expect(await sendRequest('rules/run')).toEqual(SUMMARY);
    expect(await sendRequest('banner/sync')).toEqual({
      registeredFor: 'https://app.example.com/*',
      needsAccess: false,
    });
  });

  it('hands the handler the sender’s address as the browser reports it', async () => {
    const seen: (string | undefined)[] = [];
    const reply = dispatchRequest(
      handlers({
        'banner/lookup': async (_payload, sender) => {
          seen.push(sender.url);
          return {};
        },
      }),
      { type: 'banner/lookup' },
      { url: 'https://app.example.com/org/ORG-7K2M9QXD' },
    );
    expect(await reply).toEqual({ ok: true, value: {} });
    expect(seen).toEqual(['https://app.example.com/org/ORG-7K2M9QXD']);
  });

  it('rethrows a refusal on the sender’s side as the AppError, with its key, parameters and problems', async () => {
    const problem = {
      field: 'poolSize',
      labelKey: 'field_settings_poolSize',
      key: 'error_poolBelowAllocated',
      params: { allocated: 12 },
    } as const;
    backgroundWith({
      'banner/sync': () =>
        Promise.reject(new AppError('rule', 'error_reactivateTooLate', { purgeDate: asDate('2026-04-10') }, [problem])),
    });
    const refusal: unknown = await sendRequest('banner/sync').catch((error: unknown) => error);
    expect(isAppError(refusal)).toBe(true);
    expect(refusal).toMatchObject({
      code: 'rule',
      key: 'error_reactivateTooLate',
      params: { purgeDate: { isoDate: '2026-04-10' } },
      problems: [problem],
    });
  });

  it('refuses what a handler throws that is not an AppError as unexpected, naming the error', async () => {
    backgroundWith({ 'rules/run': () => Promise.reject(new TypeError('boom')) });
    const refusal: unknown = await sendRequest('rules/run').catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'unexpected', key: 'error_unexpected', params: { detail: 'TypeError' } });
    expect(refusal).toBeInstanceOf(AppError);
  });

  it('leaves a message of an unknown type, or no request at all, to other listeners', () => {
    const all = handlers();
    expect(dispatchRequest(all, { type: 'rules/unknown' }, { url: undefined })).toBeUndefined();
    expect(dispatchRequest(all, { type: 'toString' }, { url: undefined })).toBeUndefined();
    expect(dispatchRequest(all, 'rules/run', { url: undefined })).toBeUndefined();
    expect(dispatchRequest(all, null, { url: undefined })).toBeUndefined();
  });

  it('refuses a malformed payload without calling the handler', async () => {
    let calls = 0;
    const all = handlers({
      'rules/run': async () => {
        calls += 1;
        return SUMMARY;
      },
    });
    expect(await dispatchRequest(all, { type: 'rules/run', payload: 'now' }, { url: undefined })).toEqual({
      ok: false,
      error: {
        code: 'validation',
        key: 'error_unexpected',
        params: { detail: 'MalformedRequest rules/run' },
        problems: [],
      },
    });
    expect(calls).toBe(0);
  });

  it('refuses a handler’s answer that is not what its type promises', async () => {
    // A handler typed loosely (as a test can) answers the wrong shape: the page never gets it.
    backgroundWith({
      'banner/sync': (async () => ({ needsAccess: 'yes' })) as unknown as RequestHandlers['banner/sync'],
    });
    await expect(sendRequest('banner/sync')).rejects.toMatchObject({
      code: 'unexpected',
      params: { detail: 'MalformedResponse banner/sync' },
    });
  });

  it('fails as unanswered, not as a refusal, when another listener answers a request with something else', async () => {
    fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve('hello'));
    const failure: unknown = await sendRequest('rules/run').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(isAppError(failure)).toBe(false);
  });
});
