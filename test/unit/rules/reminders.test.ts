import { describe, expect, it } from 'vitest';
import { FINAL_STEP } from '../../../lib/model/reminder';
import {
  parseReminderNotificationId,
  purgeAllowed,
  QUIET_BEFORE_PURGE_MS,
  type RecordedReminder,
  reminderDate,
  reminderHorizon,
  reminderNotificationId,
  remindersDue,
} from '../../../lib/rules/reminders';

const SCHEDULE = [30, 7, 1];
const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const sent = (daysBefore: number, sentAt: number): RecordedReminder => ({ daysBefore, status: 'sent', sentAt });

describe('reminderDate', () => {
  it('counts calendar days back from the purge date across month ends and leap days', () => {
    expect(reminderDate('2024-02-29', 30)).toBe('2024-01-30');
    expect(reminderDate('2024-02-29', 7)).toBe('2024-02-22');
    expect(reminderDate('2027-02-28', 30)).toBe('2027-01-29');
    expect(reminderDate('2027-03-01', 1)).toBe('2027-02-28');
    expect(reminderDate('2028-03-01', 1)).toBe('2028-02-29');
    expect(reminderDate('2027-01-05', 7)).toBe('2026-12-29');
  });

  it('looks as far ahead as the largest step', () => {
    expect(reminderHorizon('2026-12-20', SCHEDULE)).toBe('2027-01-19');
    expect(reminderHorizon('2026-12-20', [])).toBe('2026-12-20');
  });
});

describe('remindersDue', () => {
  const purgeOn = '2026-04-10';

  it('sends nothing before the first step falls due', () => {
    expect(remindersDue(purgeOn, SCHEDULE, [], at('2026-03-10T23:59:00Z'), 'UTC')).toEqual({ skip: [] });
  });

  it('sends each step on its day, once', () => {
    expect(remindersDue(purgeOn, SCHEDULE, [], at('2026-03-11T00:00:00Z'), 'UTC')).toEqual({ send: 30, skip: [] });
    const after30 = [sent(30, at('2026-03-11T00:00:00Z'))];
    expect(remindersDue(purgeOn, SCHEDULE, after30, at('2026-03-20T00:00:00Z'), 'UTC')).toEqual({ skip: [] });
    expect(remindersDue(purgeOn, SCHEDULE, after30, at('2026-04-03T08:00:00Z'), 'UTC')).toEqual({ send: 7, skip: [] });
    const after7 = [...after30, sent(7, at('2026-04-03T08:00:00Z'))];
    expect(remindersDue(purgeOn, SCHEDULE, after7, at('2026-04-09T00:00:00Z'), 'UTC')).toEqual({ send: 1, skip: [] });
    const after1 = [...after7, sent(1, at('2026-04-09T00:00:00Z'))];
    expect(remindersDue(purgeOn, SCHEDULE, after1, at('2026-04-09T18:00:00Z'), 'UTC')).toEqual({ skip: [] });
    // The purge date has come and the last step went out: nothing more to send.
    expect(remindersDue(purgeOn, SCHEDULE, after1, at('2026-04-12T00:00:00Z'), 'UTC')).toEqual({ skip: [] });
  });

  it('collapses steps that fell due together into the latest one, skipping the earlier ones', () => {
    // The browser was closed from before the 30-day step until after the 7-day step.
    expect(remindersDue(purgeOn, SCHEDULE, [], at('2026-04-05T10:00:00Z'), 'UTC')).toEqual({ send: 7, skip: [30] });
  });

  it('sends a final reminder when the purge date came without the last step, skipping what is left', () => {
    expect(remindersDue(purgeOn, SCHEDULE, [], at('2026-08-01T10:00:00Z'), 'UTC')).toEqual({
      send: FINAL_STEP,
      skip: [30, 7, 1],
    });
    const only30 = [sent(30, at('2026-03-11T00:00:00Z'))];
    expect(remindersDue(purgeOn, SCHEDULE, only30, at('2026-04-10T00:00:00Z'), 'UTC')).toEqual({
      send: FINAL_STEP,
      skip: [7, 1],
    });
  });

  it('never sends a step again, nor an earlier one, when the clock goes backwards', () => {
    const after7 = [sent(30, at('2026-03-11T00:00:00Z')), sent(7, at('2026-04-03T00:00:00Z'))];
    expect(remindersDue(purgeOn, SCHEDULE, after7, at('2026-03-12T00:00:00Z'), 'UTC')).toEqual({ skip: [] });
    const final = [{ daysBefore: FINAL_STEP, status: 'sent', sentAt: at('2026-05-01T00:00:00Z') } as const];
    expect(remindersDue(purgeOn, SCHEDULE, final, at('2026-04-09T00:00:00Z'), 'UTC')).toEqual({ skip: [] });
  });

  it('does not send a step added to the schedule after a later step went out', () => {
    const after7 = [sent(30, at('2026-03-11T00:00:00Z')), sent(7, at('2026-04-03T00:00:00Z'))];
    expect(remindersDue(purgeOn, [30, 14, 7, 1], after7, at('2026-04-04T00:00:00Z'), 'UTC')).toEqual({ skip: [] });
  });

  it('counts the day in the agency time zone', () => {
    // 2026-04-08T15:30Z is already 9 April in Tokyo, still 8 April in UTC and New York.
    const instant = at('2026-04-08T15:30:00Z');
    const before = [sent(30, 0), sent(7, 0)];
    expect(remindersDue(purgeOn, SCHEDULE, before, instant, 'Asia/Tokyo')).toEqual({ send: 1, skip: [] });
    expect(remindersDue(purgeOn, SCHEDULE, before, instant, 'UTC')).toEqual({ skip: [] });
    expect(remindersDue(purgeOn, SCHEDULE, before, instant, 'America/New_York')).toEqual({ skip: [] });
  });

  it('falls due at local midnight on the day clocks spring forward', () => {
    // New York moves to daylight time on 8 March 2026; the day before a 9 March purge.
    const before = [sent(30, 0), sent(7, 0)];
    expect(remindersDue('2026-03-09', SCHEDULE, before, at('2026-03-08T04:59:59Z'), 'America/New_York')).toEqual({
      skip: [],
    });
    expect(remindersDue('2026-03-09', SCHEDULE, before, at('2026-03-08T05:00:00Z'), 'America/New_York')).toEqual({
      send: 1,
      skip: [],
    });
  });

  it('sends nothing for an empty schedule', () => {
    expect(remindersDue(purgeOn, [], [], at('2026-04-09T00:00:00Z'), 'UTC')).toEqual({ skip: [] });
    expect(remindersDue(purgeOn, [], [], at('2026-05-09T00:00:00Z'), 'UTC')).toEqual({ skip: [] });
  });

  it('sends again what was cancelled, as if it had never been decided', () => {
    const cancelled: RecordedReminder[] = [{ daysBefore: 30, status: 'cancelled' }];
    expect(remindersDue(purgeOn, SCHEDULE, cancelled, at('2026-03-12T00:00:00Z'), 'UTC')).toEqual({
      send: 30,
      skip: [],
    });
  });
});

describe('purgeAllowed', () => {
  const purgeOn = '2026-04-10';
  const lastSent = at('2026-04-09T09:00:00Z');
  const allSent = [sent(30, 0), sent(7, 0), sent(1, lastSent)];

  it('waits for the purge date', () => {
    expect(purgeAllowed(purgeOn, SCHEDULE, allSent, at('2026-04-09T23:59:00Z'), 'UTC')).toBe(false);
  });

  it('waits 24 hours after the last reminder, even once the purge date has come', () => {
    expect(purgeAllowed(purgeOn, SCHEDULE, allSent, at('2026-04-10T00:00:00Z'), 'UTC')).toBe(false);
    expect(purgeAllowed(purgeOn, SCHEDULE, allSent, lastSent + QUIET_BEFORE_PURGE_MS - 1, 'UTC')).toBe(false);
    expect(purgeAllowed(purgeOn, SCHEDULE, allSent, lastSent + QUIET_BEFORE_PURGE_MS, 'UTC')).toBe(true);
  });

  it('counts 24 real hours across the change to daylight saving time', () => {
    // Reminder at local midnight on 8 March (EST); midnight on 9 March (EDT) is only 23 hours later.
    const reminderAt = at('2026-03-08T05:00:00Z');
    const records = [sent(30, 0), sent(7, 0), sent(1, reminderAt)];
    expect(purgeAllowed('2026-03-09', SCHEDULE, records, at('2026-03-09T04:00:00Z'), 'America/New_York')).toBe(false);
    expect(purgeAllowed('2026-03-09', SCHEDULE, records, at('2026-03-09T05:00:00Z'), 'America/New_York')).toBe(true);
  });

  it('holds back a client whose last step never went out until a final reminder has', () => {
    const missingLast = [sent(30, 0), sent(7, 0)];
    expect(purgeAllowed(purgeOn, SCHEDULE, missingLast, at('2026-09-01T00:00:00Z'), 'UTC')).toBe(false);
    expect(purgeAllowed(purgeOn, SCHEDULE, [], at('2026-09-01T00:00:00Z'), 'UTC')).toBe(false);
    const finalAt = at('2026-09-01T00:00:00Z');
    const withFinal = [...missingLast, { daysBefore: 1, status: 'skipped' } as const, sent(FINAL_STEP, finalAt)];
    expect(purgeAllowed(purgeOn, SCHEDULE, withFinal, finalAt + 23 * HOUR, 'UTC')).toBe(false);
    expect(purgeAllowed(purgeOn, SCHEDULE, withFinal, finalAt + 24 * HOUR, 'UTC')).toBe(true);
  });

  it('waits while a reminder is decided but not shown yet', () => {
    const pending = [sent(30, 0), sent(7, 0), { daysBefore: 1, status: 'pending' } as const];
    expect(purgeAllowed(purgeOn, SCHEDULE, pending, at('2026-05-01T00:00:00Z'), 'UTC')).toBe(false);
  });

  it('does not purge while the clock is behind the last reminder', () => {
    const future = [sent(30, 0), sent(7, 0), sent(1, at('2026-06-01T00:00:00Z'))];
    expect(purgeAllowed(purgeOn, SCHEDULE, future, at('2026-05-01T00:00:00Z'), 'UTC')).toBe(false);
  });

  it('purges on the purge date when the agency has no reminder schedule', () => {
    expect(purgeAllowed(purgeOn, [], [], at('2026-04-10T00:00:00Z'), 'UTC')).toBe(true);
  });
});

describe('reminder notification ids', () => {
  it('are the same for the same reminder and read back', () => {
    const reminder = { orgId: 'ORG-7K2M9QXD', purgeOn: '2026-04-10', daysBefore: 7 };
    expect(reminderNotificationId(reminder)).toBe('reminder:ORG-7K2M9QXD:2026-04-10:7');
    expect(parseReminderNotificationId(reminderNotificationId(reminder))).toEqual(reminder);
  });

  it.each([
    '',
    'other',
    'reminder:ORG-7K2M9QXD:2026-04-10',
    'reminder:org-7k2m9qxd:2026-04-10:7',
    'reminder:ORG-7K2M9QXD:2026-04-10:x',
  ])('reads %j as no reminder', (id) => {
    expect(parseReminderNotificationId(id)).toBeUndefined();
  });
});
