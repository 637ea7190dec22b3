import { describe, expect, it } from 'vitest';
import { needsAttention } from '../../../lib/rules/attention';

describe('needsAttention with warning levels', () => {
  const now = Date.parse('2026-04-03T12:00:00Z');
  const levels = [80, 90];

  it('counts an active client that reached the highest level, exactly at it', () => {
    expect(needsAttention({ status: 'active', usedVisitors: 7199, quota: 8000 }, now, 'UTC', levels)).toBe(false);
    expect(needsAttention({ status: 'active', usedVisitors: 7200, quota: 8000 }, now, 'UTC', levels)).toBe(true);
    // The order in which the levels are given does not matter: the highest counts.
    expect(needsAttention({ status: 'active', usedVisitors: 6400, quota: 8000 }, now, 'UTC', [90, 80])).toBe(false);
  });

  it('does not count usage without levels, or a client with no quota', () => {
    expect(needsAttention({ status: 'active', usedVisitors: 7999, quota: 8000 }, now, 'UTC')).toBe(false);
    expect(needsAttention({ status: 'active', usedVisitors: 7999, quota: 8000 }, now, 'UTC', [])).toBe(false);
    expect(needsAttention({ status: 'active', usedVisitors: 0, quota: 0 }, now, 'UTC', levels)).toBe(false);
    expect(needsAttention({ status: 'active' }, now, 'UTC', levels)).toBe(false);
  });

  it('counts an inactive client only by its purge date, whatever its usage', () => {
    const usage = { usedVisitors: 8000, quota: 8000 };
    expect(needsAttention({ status: 'inactive', ...usage }, now, 'UTC', levels)).toBe(false);
    expect(needsAttention({ status: 'inactive', purgeOn: '2026-04-10', ...usage }, now, 'UTC', levels)).toBe(true);
    expect(needsAttention({ status: 'inactive', purgeOn: '2026-04-11', ...usage }, now, 'UTC', levels)).toBe(false);
  });

  it('counts a paused client as paused, at any usage', () => {
    expect(needsAttention({ status: 'paused', usedVisitors: 0, quota: 8000 }, now, 'UTC', levels)).toBe(true);
  });
});
