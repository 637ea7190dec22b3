import { useLiveQuery } from '../../../../components/useLiveQuery';
import { formatDateTime, t } from '../../../../lib/i18n';
import { asDate, type MessageKey } from '../../../../lib/model/messages';
import type { Reminder } from '../../../../lib/model/reminder';
import { listReminderDeliveries } from '../../../../lib/ops/reminders';

const NOTIFICATION: Record<Reminder['status'], MessageKey> = {
  pending: 'settings_reminderPending',
  sent: 'settings_reminderShown',
  skipped: 'settings_reminderShown',
  cancelled: 'settings_reminderCancelled',
};

const WEBHOOK: Record<NonNullable<Reminder['webhook']>['status'], MessageKey> = {
  pending: 'settings_webhookPending',
  delivered: 'settings_webhookDelivered',
  failed: 'settings_webhookFailed',
  cancelled: 'settings_webhookCancelled',
};

function step(reminder: Reminder): string {
  return reminder.daysBefore === 0
    ? t('settings_reminderStepFinal')
    : t('settings_reminderStepDays', { days: reminder.daysBefore });
}

function webhookText(reminder: Reminder): string {
  const delivery = reminder.webhook;
  if (!delivery) return t('settings_webhookNone');
  const last = delivery.attempts[delivery.attempts.length - 1];
  return t(WEBHOOK[delivery.status], { tries: delivery.attempts.length, result: last?.result ?? '—' });
}

/** The reminders that went out, with what became of each notification and webhook post. */
export function ReminderLog() {
  const { value: reminders } = useLiveQuery(() => listReminderDeliveries({ limit: 50 }), []);
  return (
    <section aria-labelledby="reminder-log-heading" class="settings-reminder-log">
      <h3 id="reminder-log-heading">{t('settings_reminderLogHeading')}</h3>
      {reminders?.length === 0 && <p>{t('settings_reminderLogEmpty')}</p>}
      {reminders && reminders.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('settings_reminderColumnClient')}</th>
              <th scope="col">{t('settings_reminderColumnStep')}</th>
              <th scope="col">{t('settings_reminderColumnNotification')}</th>
              <th scope="col">{t('settings_reminderColumnWebhook')}</th>
            </tr>
          </thead>
          <tbody>
            {reminders.map((reminder) => (
              <tr key={`${reminder.orgId}-${reminder.purgeOn}-${reminder.daysBefore}`}>
                <td>{t('settings_reminderClient', { orgId: reminder.orgId, date: asDate(reminder.purgeOn) })}</td>
                <td>{step(reminder)}</td>
                <td>
                  {t(NOTIFICATION[reminder.status])}
                  {reminder.sentAt !== undefined && <span class="muted"> · {formatDateTime(reminder.sentAt)}</span>}
                </td>
                <td>{webhookText(reminder)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
