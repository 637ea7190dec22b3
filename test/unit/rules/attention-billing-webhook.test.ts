import { describe, expect, it } from 'vitest';
import { isWebhookUrl } from '../../../lib/model/webhook';
import { BADGE_COUNT_LIMIT, badgeText, needsAttention } from '../../../lib/rules/attention';
import { billingRollover } from '../../../lib/rules/billing-rollover';
import { afterWebhookAttempt, isRetryable, originPatternFor, WEBHOOK_MAX_ATTEMPTS } from '../../../lib/rules/webhook';

const at = (iso: string) => Date.parse(iso);
const MINUTE = 60_000;

describe('needsAttention', () => {
  const now = at('2026-04-03T12:00:00Z');

  it('counts paused clients and inactive ones to be purged within seven days', () => {
    expect(needsAttention({ status: 'paused' }, now, 'UTC')).toBe(true);
    expect(needsAttention({ status: 'active' }, now, 'UTC')).toBe(false);
    expect(needsAttention({ status: 'inactive', purgeOn: '2026-04-10' }, now, 'UTC')).toBe(true);
    expect(needsAttention({ status: 'inactive', purgeOn: '2026-04-11' }, now, 'UTC')).toBe(false);
    // Past its purge date and waiting for the last reminder's 24 hours: still needs attention.
    expect(needsAttention({ status: 'inactive', purgeOn: '2026-03-01' }, now, 'UTC')).toBe(true);
  });

  it('counts the seven days in the agency time zone', () => {
    const lateEvening = at('2026-04-03T20:00:00Z'); // already 4 April in Tokyo
    expect(needsAttention({ status: 'inactive', purgeOn: '2026-04-11' }, lateEvening, 'UTC')).toBe(false);
    expect(needsAttention({ status: 'inactive', purgeOn: '2026-04-11' }, lateEvening, 'Asia/Tokyo')).toBe(true);
  });

  it('shows the count on the badge, or nothing', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(1234)).toBe('999+');
  });

  it('shows every count from BADGE_COUNT_LIMIT on alike, so the badge need not count further', () => {
    expect(badgeText(BADGE_COUNT_LIMIT - 1)).toBe(String(BADGE_COUNT_LIMIT - 1));
    expect(badgeText(BADGE_COUNT_LIMIT)).toBe(badgeText(BADGE_COUNT_LIMIT + 5_000));
  });
});

describe('billingRollover', () => {
  it('resets usage and lifts a quota pause when a new period starts', () => {
    expect(
      billingRollover({ status: 'paused', quota: 10, usedVisitors: 12, usagePeriod: '2026-03-01' }, '2026-04-01'),
    ).toEqual({
      usedBefore: 12,
      unpause: true,
      licensesReturned: 0,
      next: { usedVisitors: 0, status: 'active', quota: 10, usagePeriod: '2026-04-01' },
    });
  });

  it('gives an inactive client’s licenses back to the pool: it used none of the new period', () => {
    expect(
      billingRollover({ status: 'inactive', quota: 8, usedVisitors: 8, usagePeriod: '2026-03-01' }, '2026-04-01'),
    ).toMatchObject({
      unpause: false,
      licensesReturned: 8,
      next: { usedVisitors: 0, status: 'inactive', quota: 0 },
    });
  });

  it('leaves a client alone in its period, and never moves a period back', () => {
    expect(
      billingRollover({ status: 'active', quota: 5, usedVisitors: 3, usagePeriod: '2026-04-01' }, '2026-04-01'),
    ).toBeUndefined();
    expect(
      billingRollover({ status: 'active', quota: 5, usedVisitors: 3, usagePeriod: '2026-04-01' }, '2026-03-01'),
    ).toBeUndefined();
  });

  it('starts the current period straight away after several missed ones', () => {
    expect(
      billingRollover({ status: 'active', quota: 5, usedVisitors: 3, usagePeriod: '2025-12-15' }, '2026-04-15')?.next
        .usagePeriod,
    ).toBe('2026-04-15');
  });
});

describe('webhook rules', () => {
  it('accepts https anywhere and http on 127.0.0.1 only', () => {
    expect(isWebhookUrl('https://hooks.example.com/services/T000/B000/XXX')).toBe(true);
    expect(isWebhookUrl('http://127.0.0.1:8080/relay')).toBe(true);
    for (const bad of [
      'http://hooks.example.com/x',
      'http://localhost/x',
      'ftp://example.com',
      'javascript:alert(1)',
      'https://user:pw@example.com/',
      'hooks.example.com',
      '',
    ])
      expect(isWebhookUrl(bad), bad).toBe(false);
  });

  it('asks for the permission of the webhook host only', () => {
    expect(originPatternFor('https://hooks.example.com:8443/services/x?y=1')).toBe('https://hooks.example.com/*');
    expect(originPatternFor('http://127.0.0.1:5000/relay')).toBe('http://127.0.0.1/*');
  });

  it('retries what may pass, and not what will not', () => {
    for (const result of ['network', 'timeout', 'no_permission', 'http_500', 'http_503', 'http_429', 'http_408'])
      expect(isRetryable(result), result).toBe(true);
    for (const result of ['http_400', 'http_404', 'http_410', 'no_webhook'])
      expect(isRetryable(result), result).toBe(false);
  });

  it('backs off exponentially and gives up after the last attempt', () => {
    const now = at('2026-04-03T12:00:00Z');
    const tries = (n: number, result = 'http_503') =>
      Array.from({ length: n }, (_, index) => ({ at: now - index, result }));
    expect(afterWebhookAttempt(tries(1), now)).toEqual({ status: 'pending', nextAttemptAt: now + MINUTE });
    expect(afterWebhookAttempt(tries(2), now)).toEqual({ status: 'pending', nextAttemptAt: now + 2 * MINUTE });
    expect(afterWebhookAttempt(tries(5), now)).toEqual({ status: 'pending', nextAttemptAt: now + 16 * MINUTE });
    expect(afterWebhookAttempt(tries(WEBHOOK_MAX_ATTEMPTS), now)).toEqual({ status: 'failed' });
    expect(afterWebhookAttempt([...tries(2), { at: now, result: 'http_204' }], now)).toEqual({ status: 'delivered' });
    expect(afterWebhookAttempt(tries(1, 'http_404'), now)).toEqual({ status: 'failed' });
  });
});
