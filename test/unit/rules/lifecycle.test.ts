import { describe, expect, it } from 'vitest';
import { canReactivate, daysUntilPurge, isPurgeDue, purgeDateFor } from '../../../lib/rules/lifecycle';

const at = (iso: string) => Date.parse(iso);

describe('purgeDateFor', () => {
  it('is three calendar months after the day the client went inactive', () => {
    expect(purgeDateFor(at('2026-11-30T10:00:00Z'), 'UTC')).toBe('2027-02-28');
    expect(purgeDateFor(at('2027-11-30T10:00:00Z'), 'UTC')).toBe('2028-02-29');
    expect(purgeDateFor(at('2026-05-15T23:59:59Z'), 'UTC')).toBe('2026-08-15');
  });

  it('counts the day in the agency time zone', () => {
    const lateEvening = at('2026-11-30T20:00:00Z');
    expect(purgeDateFor(lateEvening, 'Asia/Tokyo')).toBe('2027-03-01');
    expect(purgeDateFor(lateEvening, 'America/Los_Angeles')).toBe('2027-02-28');
  });
});

describe('isPurgeDue and canReactivate', () => {
  const client = { status: 'inactive' as const, purgeOn: '2027-02-28' };

  it('allow reactivation up to the day before the purge date, not on it', () => {
    expect(canReactivate(client, at('2027-02-27T23:59:00Z'), 'UTC')).toBe(true);
    expect(canReactivate(client, at('2027-02-28T00:00:00Z'), 'UTC')).toBe(false);
    expect(isPurgeDue('2027-02-28', at('2027-02-27T23:59:00Z'), 'UTC')).toBe(false);
    expect(isPurgeDue('2027-02-28', at('2027-02-28T00:00:00Z'), 'UTC')).toBe(true);
  });

  it('does not let an active client be reactivated', () => {
    expect(canReactivate({ status: 'active', purgeOn: undefined }, at('2027-01-01T00:00:00Z'), 'UTC')).toBe(false);
  });

  it('stays due after the browser slept for months', () => {
    expect(isPurgeDue('2027-02-28', at('2027-07-01T00:00:00Z'), 'UTC')).toBe(true);
  });

  it('is not due when the clock goes backwards', () => {
    expect(isPurgeDue('2027-02-28', at('2026-12-01T00:00:00Z'), 'UTC')).toBe(false);
  });
});

describe('daysUntilPurge', () => {
  it('counts calendar days and never goes negative', () => {
    expect(daysUntilPurge('2027-02-28', at('2027-01-29T12:00:00Z'), 'UTC')).toBe(30);
    expect(daysUntilPurge('2027-02-28', at('2027-02-28T12:00:00Z'), 'UTC')).toBe(0);
    expect(daysUntilPurge('2027-02-28', at('2027-03-10T12:00:00Z'), 'UTC')).toBe(0);
  });

  it('is not thrown off by a daylight-saving change', () => {
    // Europe/Berlin moves to summer time on 29 March 2026.
    expect(daysUntilPurge('2026-03-30', at('2026-03-28T23:30:00Z'), 'Europe/Berlin')).toBe(1);
    expect(daysUntilPurge('2026-03-30', at('2026-03-29T22:30:00Z'), 'Europe/Berlin')).toBe(0);
  });
});
