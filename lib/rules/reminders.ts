import { FINAL_STEP, type Reminder } from '../model/reminder';
import { addDays, type IsoDate, localDate } from './calendar';

/** No client is purged sooner than this after its last reminder went out. */
export const QUIET_BEFORE_PURGE_MS = 24 * 60 * 60 * 1000;

/** What the rule knows of a reminder already recorded for the same client and purge date. */
export type RecordedReminder = Pick<Reminder, 'daysBefore' | 'status' | 'sentAt'>;

export interface ReminderDecision {
  /** The step to send now (days before the purge date; FINAL_STEP for the final reminder). */
  send?: number;
  /** Steps that fell due together with `send` and are recorded as skipped instead. */
  skip: number[];
}

const NOTHING: ReminderDecision = { skip: [] };

/** The schedule's steps, each once, largest first: the order in which they fall due. */
export function scheduleSteps(schedule: readonly number[]): number[] {
  return [...new Set(schedule.filter((days) => Number.isInteger(days) && days > 0))].sort((a, b) => b - a);
}

/** The calendar day on which the step `daysBefore` of a purge on `purgeOn` falls due. */
export function reminderDate(purgeOn: IsoDate, daysBefore: number): IsoDate {
  return addDays(purgeOn, -daysBefore);
}

/** The latest purge date whose reminders may be due today: only clients up to it need a look. */
export function reminderHorizon(today: IsoDate, schedule: readonly number[]): IsoDate {
  return addDays(today, Math.max(0, ...scheduleSteps(schedule)));
}

/** Cancelled reminders never went out, so they neither count as sent nor block a new one. */
function live(records: readonly RecordedReminder[]): RecordedReminder[] {
  return records.filter((record) => record.status !== 'cancelled');
}

/**
 * Which reminder (if any) to send now for a client due to be purged on `purgeOn`.
 *
 * Steps are handled in date order, and steps that fell due together (the browser was closed)
 * collapse into one: only the latest of them is sent, the earlier ones are recorded as skipped.
 * A step is never sent once it, or any later step, is recorded, so a clock that goes
 * backwards cannot send anything twice. Once the purge date has come without the schedule's
 * last step having gone out, a final reminder is sent instead; with an empty schedule the
 * agency asked for no reminders and none is sent.
 */
export function remindersDue(
  purgeOn: IsoDate,
  schedule: readonly number[],
  recorded: readonly RecordedReminder[],
  now: number,
  timeZone: string,
): ReminderDecision {
  const steps = scheduleSteps(schedule);
  if (steps.length === 0) return NOTHING;
  const records = live(recorded);
  const known = new Set(records.map((record) => record.daysBefore));
  const today = localDate(now, timeZone);

  if (today < purgeOn) {
    const due = steps.filter((days) => reminderDate(purgeOn, days) <= today);
    const latest = due[due.length - 1];
    if (latest === undefined) return NOTHING;
    if (records.some((record) => record.daysBefore <= latest)) return NOTHING;
    return { send: latest, skip: due.filter((days) => days !== latest && !known.has(days)) };
  }

  if (finalReminderOut(steps, records)) return NOTHING;
  return { send: FINAL_STEP, skip: steps.filter((days) => !known.has(days)) };
}

/** Whether the schedule's last step, or the final reminder, has been decided (sent or on its way). */
function finalReminderOut(steps: readonly number[], records: readonly RecordedReminder[]): boolean {
  const last = steps[steps.length - 1] ?? FINAL_STEP;
  return records.some(
    (record) => record.daysBefore <= last && (record.status === 'sent' || record.status === 'pending'),
  );
}

/**
 * Whether a client due on `purgeOn` may be purged now: its purge date has come, no reminder
 * is still on its way, the last reminder of the schedule (or the final one) has gone out, and
 * at least 24 hours have passed since the last reminder went out. A `sentAt` in the future
 * (the clock went backwards) means not yet.
 */
export function purgeAllowed(
  purgeOn: IsoDate,
  schedule: readonly number[],
  recorded: readonly RecordedReminder[],
  now: number,
  timeZone: string,
): boolean {
  if (localDate(now, timeZone) < purgeOn) return false;
  const records = live(recorded);
  if (records.some((record) => record.status === 'pending')) return false;
  const steps = scheduleSteps(schedule);
  if (steps.length > 0 && !finalReminderOut(steps, records)) return false;
  const sentTimes = records.flatMap((record) =>
    record.status === 'sent' && record.sentAt !== undefined ? [record.sentAt] : [],
  );
  if (sentTimes.length === 0) return true;
  return now - Math.max(...sentTimes) >= QUIET_BEFORE_PURGE_MS;
}

/** The id of a reminder's notification: the same reminder always gets the same id, so showing it again replaces it. */
export function reminderNotificationId(reminder: Pick<Reminder, 'orgId' | 'purgeOn' | 'daysBefore'>): string {
  return `reminder:${reminder.orgId}:${reminder.purgeOn}:${reminder.daysBefore}`;
}

const NOTIFICATION_ID = /^reminder:(ORG-[0-9A-HJKMNP-TV-Z]{8}):(\d{4}-\d{2}-\d{2}):(\d{1,3})$/;

/** The reminder a notification id stands for, or undefined for any other id. */
export function parseReminderNotificationId(
  id: string,
): Pick<Reminder, 'orgId' | 'purgeOn' | 'daysBefore'> | undefined {
  const match = NOTIFICATION_ID.exec(id);
  if (!match) return undefined;
  return { orgId: match[1] as string, purgeOn: match[2] as string, daysBefore: Number(match[3]) };
}
