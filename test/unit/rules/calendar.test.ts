import { afterEach, describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isIsoDate, localDate } from '../../../lib/rules/calendar';

describe('addMonths', () => {
  it.each([
    ['2026-11-30', 3, '2027-02-28'],
    ['2027-11-30', 3, '2028-02-29'],
    ['2026-11-29', 3, '2027-02-28'],
    ['2027-11-29', 3, '2028-02-29'],
    ['2026-08-31', 3, '2026-11-30'],
    ['2026-10-31', 3, '2027-01-31'],
    ['2026-01-15', 3, '2026-04-15'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2024-02-29', 12, '2025-02-28'],
  ])('%s plus %i months is %s', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });
});

describe('calendar arithmetic in any host time zone', () => {
  const hostZone = process.env.TZ;
  afterEach(() => {
    if (hostZone === undefined) delete process.env.TZ;
    else process.env.TZ = hostZone;
  });

  // A calendar date is the same day wherever the computer is: west of UTC, a UTC midnight is
  // the day before on the local clock, east of it a local midnight is the day before in UTC.
  it.each(['America/Los_Angeles', 'America/Sao_Paulo', 'Asia/Tokyo', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'])(
    'gives the same dates in %s',
    (zone) => {
      process.env.TZ = zone;
      expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
      expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
      expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
      expect(addMonths('2026-03-01', -1)).toBe('2026-02-01');
      expect(addMonths('2026-03-08', 1)).toBe('2026-04-08');
      expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
      expect(daysBetween('2026-03-07', '2026-11-02')).toBe(240);
    },
  );
});

describe('localDate', () => {
  it('reads the wall-clock date in the given time zone', () => {
    const instant = Date.UTC(2026, 10, 30, 20, 0); // 30 Nov 20:00 UTC
    expect(localDate(instant, 'UTC')).toBe('2026-11-30');
    expect(localDate(instant, 'Asia/Tokyo')).toBe('2026-12-01');
    expect(localDate(instant, 'America/Los_Angeles')).toBe('2026-11-30');
  });

  it('is unaffected by a daylight-saving change on the day', () => {
    // 8 March 2026: US clocks jump from 02:00 to 03:00.
    expect(localDate(Date.UTC(2026, 2, 8, 7, 30), 'America/New_York')).toBe('2026-03-08');
    expect(localDate(Date.UTC(2026, 2, 9, 3, 59), 'America/New_York')).toBe('2026-03-08');
    expect(localDate(Date.UTC(2026, 2, 9, 4, 0), 'America/New_York')).toBe('2026-03-09');
  });
});

describe('daysBetween and addDays', () => {
  it('count calendar days across month ends, leap days and DST changes', () => {
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(daysBetween('2028-02-27', '2028-03-01')).toBe(3);
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-03-09', '2026-03-07')).toBe(-2);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  });
});

describe('isIsoDate', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-13-01')).toBe(false);
    expect(isIsoDate('27-1-1')).toBe(false);
  });
});
