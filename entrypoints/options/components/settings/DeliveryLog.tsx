import { formatDateTime, t } from '../../../../lib/i18n';
import type { MessageKey } from '../../../../lib/model/messages';
import type { WebhookDelivery } from '../../../../lib/model/reminder';

const WEBHOOK: Record<WebhookDelivery['status'], MessageKey> = {
  pending: 'settings_webhookPending',
  delivered: 'settings_webhookDelivered',
  failed: 'settings_webhookFailed',
  cancelled: 'settings_webhookCancelled',
};

function webhookText(delivery: WebhookDelivery | undefined): string {
  if (!delivery) return t('settings_webhookNone');
  const last = delivery.attempts[delivery.attempts.length - 1];
  return t(WEBHOOK[delivery.status], { tries: delivery.attempts.length, result: last?.result ?? '—' });
}

/** One thing that was sent, as the log shows it: reminders and usage warnings alike. */
export interface DeliveryRow {
  key: string;
  client: string;
  what: string;
  notification: string;
  /** When the notification went out, once it did. */
  sentAt?: number | undefined;
  /** Absent when no webhook was set when it was decided. */
  webhook?: WebhookDelivery | undefined;
}

interface DeliveryLogProps {
  /** Names the section for styles and tests. */
  class: string;
  headingId: string;
  heading: string;
  empty: string;
  clientColumn: string;
  whatColumn: string;
  /** Undefined while loading. */
  rows: readonly DeliveryRow[] | undefined;
  /** The agency's time zone, in which the times are written. */
  timeZone: string;
}

/** A delivery log: what went out, to whom, and what became of its notification and webhook post. */
export function DeliveryLog(props: DeliveryLogProps) {
  const { rows } = props;
  return (
    <section aria-labelledby={props.headingId} class={props.class}>
      <h3 id={props.headingId}>{props.heading}</h3>
      {rows?.length === 0 && <p>{props.empty}</p>}
      {rows && rows.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{props.clientColumn}</th>
              <th scope="col">{props.whatColumn}</th>
              <th scope="col">{t('settings_reminderColumnNotification')}</th>
              <th scope="col">{t('settings_reminderColumnWebhook')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <td>{row.client}</td>
                <td>{row.what}</td>
                <td>
                  {row.notification}
                  {row.sentAt !== undefined && (
                    <span class="muted"> · {formatDateTime(row.sentAt, undefined, props.timeZone)}</span>
                  )}
                </td>
                <td>{webhookText(row.webhook)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
