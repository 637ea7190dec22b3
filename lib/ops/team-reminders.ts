/**
 * Reminders on a shared roster: the server decides them and stores them sent (docs/SYNC.md,
 * "What stays in each browser"); each browser shows each pulled reminder once, and keeps which
 * it showed in meta 'remindersShown'.
 */
import { db } from '../db/database';
import type { ReminderKey } from '../model/reminder';
import { readTransaction, writeTransaction } from './context';

/** A reminder's id as the shown list keeps it. */
export function reminderShownKey(key: Readonly<ReminderKey>): string {
  return key.join('/');
}

async function shownKeys(): Promise<Set<string>> {
  const record = await db.meta.get('remindersShown');
  return new Set(record?.key === 'remindersShown' ? record.value.keys : []);
}

/** The pulled reminders this browser has not shown yet (none without a team connection). */
export async function unshownTeamReminders(): Promise<ReminderKey[]> {
  return readTransaction(async () => {
    if ((await db.meta.get('team'))?.key !== 'team') return [];
    const [keys, shown] = await Promise.all([db.reminders.toCollection().primaryKeys(), shownKeys()]);
    return keys.filter((key) => !shown.has(reminderShownKey(key)));
  });
}

/**
 * Records reminders as shown here. The list keeps only reminders the roster still has, so it
 * does not grow with every purge.
 */
export async function markTeamRemindersShown(keys: readonly ReminderKey[]): Promise<void> {
  await writeTransaction(
    async () => {
      if ((await db.meta.get('team'))?.key !== 'team') return;
      const shown = await shownKeys();
      for (const key of keys) shown.add(reminderShownKey(key));
      const present = new Set((await db.reminders.toCollection().primaryKeys()).map(reminderShownKey));
      await db.meta.put({ key: 'remindersShown', value: { keys: [...shown].filter((key) => present.has(key)) } });
    },
    () => [],
  );
}
