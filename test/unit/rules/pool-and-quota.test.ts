import { describe, expect, it } from 'vitest';
import { allocatedLicenses, freeLicenses, poolSummary } from '../../../lib/rules/pool';
import { checkPoolSize, checkQuotaChange, isAtQuota, usagePercent } from '../../../lib/rules/quota';

describe('pool', () => {
  it('adds the quotas of all clients and never reports negative free licenses', () => {
    expect(allocatedLicenses([{ quota: 100 }, { quota: 250 }])).toBe(350);
    expect(freeLicenses(1000, 350)).toBe(650);
    expect(freeLicenses(300, 350)).toBe(0);
    expect(poolSummary(1000, 400)).toEqual({ poolSize: 1000, allocated: 400, free: 600 });
  });

  it('refuses a pool smaller than what clients hold', () => {
    expect(checkPoolSize(399, 400)).toEqual({ ok: false, key: 'error_poolBelowAllocated', params: { allocated: 400 } });
    expect(checkPoolSize(400, 400)).toEqual({ ok: true });
  });
});

describe('quota', () => {
  const client = { usedVisitors: 80, quota: 100, status: 'active' as const };

  it('is reached at 100%, not before', () => {
    expect(isAtQuota({ usedVisitors: 99, quota: 100 })).toBe(false);
    expect(isAtQuota({ usedVisitors: 100, quota: 100 })).toBe(true);
    expect(usagePercent({ usedVisitors: 50, quota: 200 })).toBe(25);
    expect(usagePercent({ usedVisitors: 300, quota: 200 })).toBe(100);
  });

  it('grows only from the free pool', () => {
    expect(checkQuotaChange(client, 150, 50)).toEqual({ ok: true });
    expect(checkQuotaChange(client, 151, 50)).toEqual({
      ok: false,
      key: 'error_quotaExceedsFree',
      params: { needed: 51, free: 50 },
    });
  });

  it('shrinks down to usage but not below it', () => {
    expect(checkQuotaChange(client, 80, 0)).toEqual({ ok: true });
    expect(checkQuotaChange(client, 79, 0)).toEqual({ ok: false, key: 'error_quotaBelowUsage', params: { used: 80 } });
  });

  it('refuses to change an inactive client', () => {
    expect(checkQuotaChange({ ...client, status: 'inactive' }, 90, 100)).toMatchObject({
      ok: false,
      key: 'error_clientInactive',
    });
  });
});
