import { formatIsoDate, t } from '../../../../lib/i18n';
import type { Client } from '../../../../lib/model/client';
import type { PaymentTag as Tag } from '../../../../lib/model/subscription';
import { paymentTagLabel } from './labels';
import './partner.css';
import { asDate } from '../../../../lib/model/messages';

/** Reseller Card or Customer Card, in words (never colour alone). */
export function PaymentTagBadge({ tag }: { tag: Tag }) {
  return (
    <span class={`payment-tag payment-tag-${tag}`} data-testid="payment-tag">
      {paymentTagLabel(tag)}
    </span>
  );
}

/**
 * A client's plan, payment tag and renewal date, compact enough for a row of the client list.
 * Says so when the agency has recorded no plan or no card yet.
 */
export function PaymentTag({ client }: { client: Pick<Client, 'subscription' | 'payment'> }) {
  const { subscription, payment } = client;
  return (
    <span class="billing-summary" data-testid="billing-summary">
      <span class="billing-plan">{subscription ? subscription.plan : t('billing_noPlan')}</span>
      {payment ? <PaymentTagBadge tag={payment.tag} /> : <span class="muted">{t('billing_noCard')}</span>}
      {subscription && (
        <span class="billing-renewal">{t('billing_renewsOn', { date: asDate(subscription.renewalDate) })}</span>
      )}
    </span>
  );
}

/** The renewal date alone, for a list column of its own. */
export function RenewalDate({ client }: { client: Pick<Client, 'subscription'> }) {
  return <span>{client.subscription ? formatIsoDate(client.subscription.renewalDate) : t('billing_noPlan')}</span>;
}
