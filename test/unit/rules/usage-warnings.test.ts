import { describe, expect, it } from 'vitest';
import {
  hasReachedLevel,
  highestLevel,
  levelsReached,
  storedUsagePercent,
  warningDecision,
} from '../../../lib/rules/usage-warnings';

describe('hasReachedLevel and levelsReached', () => {
  it('80% of 8,000 is 6,400 exactly: 6,399 has not reached it', () => {
    expect(hasReachedLevel(80, 6399, 8000)).toBe(false);
    expect(hasReachedLevel(80, 6400, 8000)).toBe(true);
    expect(hasReachedLevel(90, 7199, 8000)).toBe(false);
    expect(hasReachedLevel(90, 7200, 8000)).toBe(true);
  });

  it('needs no rounding for quotas that do not divide evenly', () => {
    // 80% of 7 is 5.6: 5 is short, 6 is over.
    expect(hasReachedLevel(80, 5, 7)).toBe(false);
    expect(hasReachedLevel(80, 6, 7)).toBe(true);
    // 1% of 1,000,001 is 10,000.01.
    expect(hasReachedLevel(1, 10_000, 1_000_001)).toBe(false);
    expect(hasReachedLevel(1, 10_001, 1_000_001)).toBe(true);
  });

  it('lists the levels reached smallest first, whatever the order given', () => {
    expect(levelsReached([90, 50, 80], 7199, 8000)).toEqual([50, 80]);
    expect(levelsReached([90, 50, 80], 7200, 8000)).toEqual([50, 80, 90]);
    expect(levelsReached([90, 80], 0, 8000)).toEqual([]);
    expect(levelsReached([], 8000, 8000)).toEqual([]);
  });
});

describe('warningDecision', () => {
  const levels = [80, 90];

  it('sends nothing below the lowest level', () => {
    expect(warningDecision(levels, { usedVisitors: 6399, quota: 8000 }, [])).toEqual({ skip: [] });
  });

  it('sends the level just reached', () => {
    expect(warningDecision(levels, { usedVisitors: 6400, quota: 8000 }, [])).toEqual({ send: 80, skip: [] });
  });

  it('sends only the highest of the levels reached together and skips the rest', () => {
    expect(warningDecision(levels, { usedVisitors: 7600, quota: 8000 }, [])).toEqual({ send: 90, skip: [80] });
    expect(warningDecision([50, 90, 80, 70], { usedVisitors: 7600, quota: 8000 }, [])).toEqual({
      send: 90,
      skip: [50, 70, 80],
    });
  });

  it('skips every level reached together with the quota itself: the pause says more', () => {
    expect(warningDecision(levels, { usedVisitors: 8000, quota: 8000 }, [])).toEqual({ skip: [80, 90] });
    expect(warningDecision(levels, { usedVisitors: 9000, quota: 8000 }, [80])).toEqual({ skip: [90] });
  });

  it('never decides a level already recorded for the period (sent or skipped)', () => {
    expect(warningDecision(levels, { usedVisitors: 6400, quota: 8000 }, [80])).toEqual({ skip: [] });
    expect(warningDecision(levels, { usedVisitors: 7600, quota: 8000 }, [80])).toEqual({ send: 90, skip: [] });
    expect(warningDecision(levels, { usedVisitors: 7600, quota: 8000 }, [80, 90])).toEqual({ skip: [] });
    expect(warningDecision(levels, { usedVisitors: 8000, quota: 8000 }, [80, 90])).toEqual({ skip: [] });
  });

  it('decides nothing with no levels set', () => {
    expect(warningDecision([], { usedVisitors: 7999, quota: 8000 }, [])).toEqual({ skip: [] });
  });
});

describe('storedUsagePercent and highestLevel', () => {
  it('rounds down, so that a level is reached exactly when the stored percent is at least it', () => {
    expect(storedUsagePercent(6399, 8000)).toBe(79);
    expect(storedUsagePercent(6400, 8000)).toBe(80);
    expect(storedUsagePercent(7999, 8000)).toBe(99);
    expect(storedUsagePercent(8000, 8000)).toBe(100);
    expect(storedUsagePercent(5, 7)).toBe(71);
    for (const [used, quota] of [
      [6399, 8000],
      [6400, 8000],
      [5, 7],
      [6, 7],
      [10_000, 1_000_001],
      [10_001, 1_000_001],
    ] as const) {
      for (const level of [1, 71, 80, 85, 99])
        expect(storedUsagePercent(used, quota) >= level, `${used}/${quota} at ${level}%`).toBe(
          hasReachedLevel(level, used, quota),
        );
    }
  });

  it('is at most 100, and 100 for any usage of a zero quota', () => {
    expect(storedUsagePercent(12_000, 8000)).toBe(100);
    expect(storedUsagePercent(0, 0)).toBe(0);
    expect(storedUsagePercent(1, 0)).toBe(100);
    expect(storedUsagePercent(0, 8000)).toBe(0);
  });

  it('highestLevel is the largest level, or none', () => {
    expect(highestLevel([80, 95, 90])).toBe(95);
    expect(highestLevel([])).toBeUndefined();
  });
});
