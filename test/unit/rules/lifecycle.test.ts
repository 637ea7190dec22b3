import { describe, expect, it } from 'vitest';
import {
  canReactivate,
  checkMarkInactive,
  checkReactivation,
  daysUntilPurge,
  inactiveFields,
  isPurgeDue,
  lifecycleBreaches,
  purgeDateFor,
  reactivation,
} from '../../../lib/rules/lifecycle';
import { asDate } from '../../../lib/model/messages';

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

describe('lifecycleBreaches', () => {
  const now = at('2026-12-15T12:00:00Z');
  const base = { orgId: 'ORG-00000001', name: 'Acme', status: 'active' as const, quota: 20, usedVisitors: 5 };
  const fields = (breaches: ReturnType<typeof lifecycleBreaches>) =>
    breaches.map((breach) => [breach.field, breach.key]);

  it('finds nothing wrong with what going inactive makes of a client, in any time zone', () => {
    for (const timeZone of ['UTC', 'Asia/Tokyo', 'Pacific/Kiritimati', 'Etc/GMT+12', 'America/Los_Angeles']) {
      const inactive = { ...base, ...inactiveFields(base, at('2026-11-30T20:00:00Z'), timeZone) };
      expect(inactive).toMatchObject({
        status: 'inactive',
        quota: 5,
        quotaBeforeInactive: 20,
        inactiveSince: at('2026-11-30T20:00:00Z'),
      });
      // Read later under another time zone (the agency moved), the record still keeps the rules.
      expect(lifecycleBreaches(inactive, now, 'UTC'), timeZone).toEqual([]);
    }
    expect(lifecycleBreaches(base, now, 'UTC')).toEqual([]);
  });

  it('allows the inactivity fields on an inactive client only, and all of them there', () => {
    expect(
      fields(lifecycleBreaches({ ...base, status: 'paused', purgeOn: '2026-12-01', inactiveSince: now }, now, 'UTC')),
    ).toEqual([
      ['purgeOn', 'import_onlyInactiveHas'],
      ['inactiveSince', 'import_onlyInactiveHas'],
    ]);
    expect(fields(lifecycleBreaches({ ...base, status: 'inactive', quota: 5 }, now, 'UTC'))).toEqual([
      ['purgeOn', 'import_inactiveLacks'],
      ['inactiveSince', 'import_inactiveLacks'],
      ['quotaBeforeInactive', 'import_inactiveLacks'],
    ]);
  });

  it('wants the purge date three months after a day that has come, and no unused license kept', () => {
    const inactive = { ...base, ...inactiveFields(base, at('2026-11-30T10:00:00Z'), 'UTC') };
    expect(fields(lifecycleBreaches({ ...inactive, purgeOn: '2027-03-01' }, now, 'UTC'))).toEqual([]); // the day in Kiritimati
    expect(lifecycleBreaches({ ...inactive, purgeOn: '2027-03-02' }, now, 'UTC')).toMatchObject([
      {
        field: 'purgeOn',
        key: 'import_purgeDateNotGrace',
        params: {
          name: 'Acme',
          orgId: 'ORG-00000001',
          since: asDate('2026-11-30'),
          expected: asDate('2027-02-28'),
          purgeOn: asDate('2027-03-02'),
        },
      },
    ]);
    expect(fields(lifecycleBreaches({ ...inactive, purgeOn: 'soon' }, now, 'UTC'))).toEqual([
      ['purgeOn', 'import_purgeDateNotGrace'],
    ]);
    expect(fields(lifecycleBreaches(inactive, at('2026-11-30T09:59:59Z'), 'UTC'))).toEqual([
      ['inactiveSince', 'import_inactiveSinceLater'],
    ]);
    expect(lifecycleBreaches({ ...inactive, quota: 6 }, now, 'UTC')).toMatchObject([
      { field: 'quota', key: 'import_inactiveHoldsUnused', params: { used: 5, most: 5, quota: 6 } },
    ]);
  });
});

describe('checkMarkInactive, checkReactivation and reactivation', () => {
  const wentInactive = at('2026-11-30T10:00:00Z');
  // Went inactive holding 20 and having used 5: it keeps 5.
  const inactive = { usedVisitors: 5, ...inactiveFields({ quota: 20, usedVisitors: 5 }, wentInactive, 'UTC') };

  it('lets a client go inactive once', () => {
    expect(checkMarkInactive({ status: 'paused' })).toEqual({ ok: true });
    expect(checkMarkInactive({ status: 'inactive' })).toEqual({
      ok: false,
      key: 'error_clientAlreadyInactive',
      params: {},
    });
  });

  it('refuses, in order: not inactive, too late, below usage, more than the pool has free', () => {
    const before = at('2027-02-27T12:00:00Z');
    expect(checkReactivation({ ...inactive, status: 'active' }, 1, 0, before, 'UTC')).toMatchObject({
      key: 'error_clientNotInactive',
    });
    expect(checkReactivation(inactive, 4, 0, at('2027-02-28T00:00:00Z'), 'UTC')).toEqual({
      ok: false,
      key: 'error_reactivateTooLate',
      params: { date: asDate('2027-02-28') },
    });
    expect(checkReactivation(inactive, 4, 100, before, 'UTC')).toEqual({
      ok: false,
      key: 'error_quotaBelowUsage',
      params: { used: 5 },
    });
    // Holding 5, it asks the pool only for the other 10.
    expect(checkReactivation(inactive, 15, 9, before, 'UTC')).toEqual({
      ok: false,
      key: 'error_quotaExceedsFree',
      params: { needed: 10, free: 9 },
    });
    expect(checkReactivation(inactive, 15, 10, before, 'UTC')).toEqual({ ok: true });
  });

  it('drops the inactivity fields and comes back paused when the quota equals usage', () => {
    expect(reactivation(inactive, 15)).toEqual({
      client: { status: 'active', quota: 15, usedVisitors: 5 },
      delta: 10,
      paused: false,
    });
    expect(reactivation(inactive, 5)).toMatchObject({ client: { status: 'paused', quota: 5 }, delta: 0, paused: true });
  });
});
