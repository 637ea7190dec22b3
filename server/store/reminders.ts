/** Reminders before a purge, as the time rules record them; each runs in the caller's transaction. */
import type { Reminder } from '../../lib/model/reminder';
import type { ChangeContext } from '../changes/context';

type Ctx = Pick<ChangeContext, 'tx' | 'agencyId'>;

/** Every reminder recorded for one client and purge date (skipped and cancelled ones included). */
export async function remindersOf(ctx: Ctx, orgId: string, purgeOn: string): Promise<Reminder[]> {
  const { rows } = await ctx.tx.query<{ data: Reminder }>(
    `SELECT data FROM reminders WHERE agency_id = $1 AND org_id = $2 AND purge_on = $3 ORDER BY days_before DESC`,
    [ctx.agencyId, orgId, purgeOn],
  );
  return rows.map((row) => row.data);
}

/** One reminder as `data` holds it for browsers to pull, and the webhook try it is due for, if any. */
export async function putReminder(ctx: ChangeContext, reminder: Reminder): Promise<void> {
  const dueAt = reminder.webhook?.status === 'pending' ? (reminder.webhook.nextAttemptAt ?? ctx.now) : null;
  await ctx.tx.query(
    `INSERT INTO reminders (agency_id, org_id, purge_on, days_before, status, data, webhook_due_at, version)
     VALUES ($1, $2, $3, $4, $5, $6, to_timestamp($7 / 1000.0), $8)
     ON CONFLICT (agency_id, org_id, purge_on, days_before) DO UPDATE SET
       status = EXCLUDED.status, data = EXCLUDED.data, webhook_due_at = EXCLUDED.webhook_due_at,
       version = EXCLUDED.version`,
    [
      ctx.agencyId,
      reminder.orgId,
      reminder.purgeOn,
      reminder.daysBefore,
      reminder.status,
      reminder,
      dueAt,
      ctx.version,
    ],
  );
}

/** One reminder, locked until the transaction ends, or undefined once it is gone (its client was purged or deleted). */
export async function lockReminder(
  ctx: Ctx,
  key: Pick<Reminder, 'orgId' | 'purgeOn' | 'daysBefore'>,
): Promise<Reminder | undefined> {
  const { rows } = await ctx.tx.query<{ data: Reminder }>(
    `SELECT data FROM reminders WHERE agency_id = $1 AND org_id = $2 AND purge_on = $3 AND days_before = $4
     FOR UPDATE`,
    [ctx.agencyId, key.orgId, key.purgeOn, key.daysBefore],
  );
  return rows[0]?.data;
}
