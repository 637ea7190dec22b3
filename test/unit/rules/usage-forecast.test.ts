import { describe, expect, it } from 'vitest';
import { billingPeriodOf, billingPeriodStart, nextPeriodStart } from '../../../lib/rules/billing';
import { addDays, daysBetween, localDate } from '../../../lib/rules/calendar';
import {
  runOutDay,
  runOutSoon,
  runOutWarningDue,
  type UsageSample,
  usageTrend,
} from '../../../lib/rules/usage-forecast';

/** `count` consecutive calendar days from `first`. */
function days(first: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => addDays(first, index));
}

/** Samples on consecutive days from `first`, one value each. */
function daily(first: string, values: number[]): UsageSample[] {
  return values.map((used, index) => ({ day: addDays(first, index), used }));
}

const client = (usedVisitors: number, quota: number, usagePeriod: string) => ({ usedVisitors, quota, usagePeriod });

describe('usageTrend', () => {
  it('fits +100 a day exactly, and the run-out day follows from the visitors left', () => {
    const samples = daily('2026-03-05', [500, 600, 700, 800, 900]);
    const trend = usageTrend(samples, '2026-03-01', '2026-03-09');
    expect(trend).toEqual({ period: '2026-03-01', perDay: 100, day: '2026-03-09' });
    // 900 of 1,000: one more day.
    expect(runOutDay(trend, client(900, 1000, '2026-03-01'), '2026-03-09')).toBe('2026-03-10');
    // 900 of 2,000: 1,100 left at 100 a day is 11 days.
    expect(runOutDay(trend, client(900, 2000, '2026-03-01'), '2026-03-09')).toBe('2026-03-20');
  });

  it('is a least-squares line, not the first-to-last or the last step', () => {
    // 0, 300, 300, 300: first-to-last gives 100 a day, the last step 0; least squares gives 90.
    const trend = usageTrend(daily('2026-03-02', [0, 300, 300, 300]), '2026-03-01', '2026-03-05');
    expect(trend?.perDay).toBeCloseTo(90, 10);
    // 700 left at 90 a day: 7.8 days, rounded up to 8.
    expect(runOutDay(trend, client(300, 1000, '2026-03-01'), '2026-03-05')).toBe('2026-03-13');
  });

  it('counts the days between samples when some days have none', () => {
    const samples = [
      { day: '2026-03-03', used: 0 },
      { day: '2026-03-05', used: 200 },
      { day: '2026-03-09', used: 600 },
    ];
    expect(usageTrend(samples, '2026-03-01', '2026-03-09')?.perDay).toBeCloseTo(100, 10);
  });

  it('makes no trend from fewer than three samples', () => {
    expect(usageTrend([], '2026-03-01', '2026-03-09')).toBeUndefined();
    expect(usageTrend(daily('2026-03-08', [100, 200]), '2026-03-01', '2026-03-09')).toBeUndefined();
    expect(usageTrend(daily('2026-03-07', [100, 200, 300]), '2026-03-01', '2026-03-09')).toBeDefined();
  });

  it('leaves out samples older than the 7-day window and after today', () => {
    // Window ending 2026-03-10 starts on 2026-03-04; 03-03 and 03-11 do not count.
    const samples = [
      { day: '2026-03-03', used: 90_000 },
      ...daily('2026-03-04', [100, 200, 300]),
      { day: '2026-03-11', used: 0 },
    ];
    expect(usageTrend(samples, '2026-03-01', '2026-03-10')).toEqual({
      period: '2026-03-01',
      perDay: 100,
      day: '2026-03-06',
    });
    // The window ending 2026-03-12 starts on 2026-03-06: two samples, no trend.
    expect(usageTrend(samples, '2026-03-01', '2026-03-12')).toBeUndefined();
  });

  it("leaves out the last period's samples even when they are within the window", () => {
    const samples = [...daily('2026-02-26', [7000, 7500, 8000]), ...daily('2026-03-01', [100, 200])];
    expect(usageTrend(samples, '2026-03-01', '2026-03-02')).toBeUndefined();
    const third = [...samples, { day: '2026-03-03', used: 300 }];
    expect(usageTrend(third, '2026-03-01', '2026-03-03')).toEqual({
      period: '2026-03-01',
      perDay: 100,
      day: '2026-03-03',
    });
  });
});

describe('runOutDay', () => {
  const period = '2026-03-01';

  it('has no day when usage is flat or going down', () => {
    const flat = usageTrend(daily('2026-03-05', [400, 400, 400]), period, '2026-03-07');
    expect(flat?.perDay).toBe(0);
    expect(runOutDay(flat, client(400, 1000, period), '2026-03-07')).toBeUndefined();
    const falling = usageTrend(daily('2026-03-05', [600, 500, 400]), period, '2026-03-07');
    expect(falling?.perDay).toBeLessThan(0);
    expect(runOutDay(falling, client(400, 1000, period), '2026-03-07')).toBeUndefined();
  });

  it('has no day from a trend 7 or more days old (the usage stopped coming in)', () => {
    const trend = { period, perDay: 10, day: '2026-03-05' };
    expect(runOutDay(trend, client(900, 1000, period), '2026-03-11')).toBe('2026-03-15');
    expect(runOutDay(trend, client(900, 1000, period), '2026-03-12')).toBeUndefined();
  });

  it('has no day for a client already at (or over) its quota', () => {
    const trend = { period, perDay: 100, day: '2026-03-05' };
    expect(runOutDay(trend, client(1000, 1000, period), '2026-03-05')).toBeUndefined();
    expect(runOutDay(trend, client(1200, 1000, period), '2026-03-05')).toBeUndefined();
    expect(runOutDay(trend, client(999, 1000, period), '2026-03-05')).toBe('2026-03-06');
  });

  it('has no day without a trend or with a trend of another period than the client counts in', () => {
    expect(runOutDay(undefined, client(1, 10, period), '2026-03-05')).toBeUndefined();
    const trend = { period: '2026-02-01', perDay: 100, day: '2026-03-05' };
    expect(runOutDay(trend, client(100, 1000, period), '2026-03-05')).toBeUndefined();
  });

  it("has no day once the trend's period has ended: the usage starts again from 0", () => {
    // A client the background has not moved to February yet still counts January's period.
    const trend = { period: '2026-01-01', perDay: 100, day: '2026-01-31' };
    const january = client(300, 1000, '2026-01-01');
    expect(runOutDay(trend, january, '2026-01-31')).toBe('2026-02-07');
    expect(runOutDay(trend, january, '2026-02-01')).toBeUndefined();
  });

  it('is today when the line says the quota was already reached', () => {
    // Last sample 5 days ago, 100 left at 100 a day: that day has passed.
    const trend = { period, perDay: 100, day: '2026-03-05' };
    expect(runOutDay(trend, client(900, 1000, period), '2026-03-10')).toBe('2026-03-10');
  });

  it('has no day more than a year off', () => {
    const trend = { period, perDay: 1, day: '2026-03-05' };
    expect(runOutDay(trend, client(0, 366, period), '2026-03-05')).toBe(addDays('2026-03-05', 366));
    expect(runOutDay(trend, client(0, 367, period), '2026-03-05')).toBeUndefined();
  });
});

describe('runOutWarningDue and runOutSoon', () => {
  it('warns only when the day is at most 7 days away', () => {
    expect(runOutWarningDue('2026-03-12', '2026-03-01', '2026-03-05')).toBe(true);
    expect(runOutWarningDue('2026-03-13', '2026-03-01', '2026-03-05')).toBe(false);
    expect(runOutWarningDue(undefined, '2026-03-01', '2026-03-05')).toBe(false);
    expect(runOutSoon('2026-03-12', '2026-03-05')).toBe(true);
    expect(runOutSoon('2026-03-13', '2026-03-05')).toBe(false);
    expect(runOutSoon(undefined, '2026-03-05')).toBe(false);
  });

  it('does not warn when the day is on or after the next period start (the usage resets first)', () => {
    // Billing day 28: the period of 2026-01-28 ends before 2026-02-28.
    expect(nextPeriodStart('2026-01-28')).toBe('2026-02-28');
    expect(runOutWarningDue('2026-02-27', '2026-01-28', '2026-02-24')).toBe(true);
    expect(runOutWarningDue('2026-02-28', '2026-01-28', '2026-02-24')).toBe(false);
    expect(runOutWarningDue('2026-03-01', '2026-01-28', '2026-02-24')).toBe(false);
    // runOutSoon is about the row in the switcher: it says soon whatever the period.
    expect(runOutSoon('2026-02-28', '2026-02-24')).toBe(true);
  });

  it('counts 29 February in a leap year as a day of the period', () => {
    expect(nextPeriodStart('2028-02-01')).toBe('2028-03-01');
    expect(runOutWarningDue('2028-02-29', '2028-02-01', '2028-02-25')).toBe(true);
    expect(runOutWarningDue('2028-03-01', '2028-02-01', '2028-02-25')).toBe(false);
    expect(nextPeriodStart('2027-02-01')).toBe('2027-03-01');
    expect(runOutWarningDue('2027-03-01', '2027-02-01', '2027-02-25')).toBe(false);
  });

  it('from 31 January counts into February by calendar days', () => {
    const trend = usageTrend(daily('2026-01-27', [100, 200, 300, 400, 500]), '2026-01-01', '2026-01-31');
    const day = runOutDay(trend, client(500, 1000, '2026-01-01'), '2026-01-31');
    expect(day).toBe('2026-02-05');
    // Billing day 1: the period ends on 1 February, before that day, so no warning.
    expect(runOutWarningDue(day, '2026-01-01', '2026-01-31')).toBe(false);
    // Billing day 28: the period of 31 January runs to 28 February, so the warning is due.
    const period = billingPeriodOf('2026-01-31', 28);
    expect(period).toBe('2026-01-28');
    const late = usageTrend(daily('2026-01-28', [100, 200, 300, 400]), period, '2026-01-31');
    const lateDay = runOutDay(late, client(400, 1000, period), '2026-01-31');
    expect(lateDay).toBe('2026-02-06');
    expect(runOutWarningDue(lateDay, period, '2026-01-31')).toBe(true);
  });

  it('crosses the end of February by 2 days in 2026 and by 3 in 2028', () => {
    const trend2026 = { period: '2026-02-01', perDay: 100, day: '2026-02-26' };
    expect(runOutDay(trend2026, client(600, 1000, '2026-02-01'), '2026-02-26')).toBe('2026-03-02');
    const trend2028 = { period: '2028-02-01', perDay: 100, day: '2028-02-26' };
    expect(runOutDay(trend2028, client(600, 1000, '2028-02-01'), '2028-02-26')).toBe('2028-03-01');
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(daysBetween('2028-02-27', '2028-03-01')).toBe(3);
  });
});

describe('billing periods at month ends (billing day at most 28)', () => {
  it('billingPeriodOf with billing day 28 around February', () => {
    expect(billingPeriodOf('2026-01-31', 28)).toBe('2026-01-28');
    expect(billingPeriodOf('2026-02-27', 28)).toBe('2026-01-28');
    expect(billingPeriodOf('2026-02-28', 28)).toBe('2026-02-28');
    expect(billingPeriodOf('2026-03-27', 28)).toBe('2026-02-28');
    expect(billingPeriodOf('2028-02-29', 28)).toBe('2028-02-28');
    expect(billingPeriodOf('2028-03-01', 1)).toBe('2028-03-01');
    expect(billingPeriodOf('2028-02-29', 1)).toBe('2028-02-01');
  });

  it('billingPeriodOf across a year end, and nextPeriodStart one month on with the same day', () => {
    expect(billingPeriodOf('2026-01-05', 15)).toBe('2025-12-15');
    expect(billingPeriodOf('2026-01-15', 15)).toBe('2026-01-15');
    expect(nextPeriodStart('2026-12-15')).toBe('2027-01-15');
    expect(nextPeriodStart('2026-02-28')).toBe('2026-03-28');
    expect(nextPeriodStart('2028-01-28')).toBe('2028-02-28');
    expect(nextPeriodStart('2028-02-28')).toBe('2028-03-28');
  });

  it('every day of a period maps back to its start, and the next start to the next period', () => {
    for (const billingDay of [1, 15, 28]) {
      let period = billingPeriodOf('2027-11-20', billingDay);
      for (let month = 0; month < 18; month += 1) {
        const next = nextPeriodStart(period);
        for (let day = period; day < next; day = addDays(day, 1)) expect(billingPeriodOf(day, billingDay)).toBe(period);
        expect(billingPeriodOf(next, billingDay)).toBe(next);
        period = next;
      }
    }
  });
});

describe('clock changes: days are calendar days in the agency time zone', () => {
  /** The instant that the wall clock in New York or Berlin shows `hh:mm` on `day`, given its UTC offset in hours. */
  const wall = (day: string, time: string, offsetHours: number) =>
    Date.parse(`${day}T${time}:00Z`) - offsetHours * 3_600_000;

  it('New York: the day of each instant around the spring change on 2026-03-08', () => {
    const zone = 'America/New_York';
    expect(localDate(Date.parse('2026-03-08T04:59:59Z'), zone)).toBe('2026-03-07'); // 23:59:59 EST
    expect(localDate(Date.parse('2026-03-08T05:00:00Z'), zone)).toBe('2026-03-08'); // 00:00 EST
    expect(localDate(Date.parse('2026-03-09T03:59:59Z'), zone)).toBe('2026-03-08'); // 23:59:59 EDT: a 23-hour day
    expect(localDate(Date.parse('2026-03-09T04:00:00Z'), zone)).toBe('2026-03-09');
    expect(billingPeriodStart(Date.parse('2026-03-08T04:59:59Z'), 8, zone)).toBe('2026-02-08');
    expect(billingPeriodStart(Date.parse('2026-03-08T05:00:00Z'), 8, zone)).toBe('2026-03-08');
  });

  it('Berlin: the day of each instant around the autumn change on 2026-10-25', () => {
    const zone = 'Europe/Berlin';
    expect(localDate(Date.parse('2026-10-24T21:59:59Z'), zone)).toBe('2026-10-24'); // 23:59:59 CEST
    expect(localDate(Date.parse('2026-10-24T22:00:00Z'), zone)).toBe('2026-10-25');
    expect(localDate(Date.parse('2026-10-25T22:59:59Z'), zone)).toBe('2026-10-25'); // 23:59:59 CET: a 25-hour day
    expect(localDate(Date.parse('2026-10-25T23:00:00Z'), zone)).toBe('2026-10-26');
    expect(billingPeriodStart(Date.parse('2026-10-24T21:59:59Z'), 25, zone)).toBe('2026-09-25');
    expect(billingPeriodStart(Date.parse('2026-10-24T22:00:00Z'), 25, zone)).toBe('2026-10-25');
  });

  /** The forecast from samples taken at `time` local time on 7 days from `first`, +100 a day. */
  function forecastAcross(zone: string, first: string, time: string, offsets: number[], quota: number) {
    const samples = offsets.map((offset, index) => {
      const instant = wall(addDays(first, index), time, offset);
      return { day: localDate(instant, zone), used: 100 * (index + 1) };
    });
    const today = samples[samples.length - 1]?.day ?? first;
    const period = billingPeriodOf(first, 1);
    const trend = usageTrend(samples, period, today);
    const used = samples[samples.length - 1]?.used ?? 0;
    return {
      days: samples.map((sample) => sample.day),
      trend,
      runsOutOn: runOutDay(trend, client(used, quota, period), today),
    };
  }

  it('a week across the New York spring change forecasts as a week without one', () => {
    // Late evening, when the offset matters most: EST (-5) until 8 March, EDT (-4) from then.
    const across = forecastAcross('America/New_York', '2026-03-05', '23:30', [-5, -5, -5, -4, -4, -4, -4], 1000);
    expect(across.days).toEqual(days('2026-03-05', 7));
    const calm = forecastAcross('America/New_York', '2026-05-05', '23:30', [-4, -4, -4, -4, -4, -4, -4], 1000);
    expect(across.trend?.perDay).toBe(100);
    expect(calm.trend?.perDay).toBe(100);
    expect(across.runsOutOn).toBe('2026-03-14');
    expect(daysBetween(calm.trend?.day ?? '', calm.runsOutOn ?? '')).toBe(
      daysBetween(across.trend?.day ?? '', across.runsOutOn ?? ''),
    );
  });

  it('a week across the Berlin autumn change forecasts as a week without one', () => {
    // Just after midnight: CEST (+2) until 25 October 03:00, CET (+1) after.
    const across = forecastAcross('Europe/Berlin', '2026-10-22', '00:30', [2, 2, 2, 2, 1, 1, 1], 1000);
    expect(across.days).toEqual(days('2026-10-22', 7));
    expect(across.trend?.perDay).toBe(100);
    expect(across.runsOutOn).toBe('2026-10-31');
    const calm = forecastAcross('Europe/Berlin', '2026-06-10', '00:30', [2, 2, 2, 2, 2, 2, 2], 1000);
    expect(calm.trend?.perDay).toBe(100);
    expect(calm.runsOutOn).toBe('2026-06-19');
  });
});
