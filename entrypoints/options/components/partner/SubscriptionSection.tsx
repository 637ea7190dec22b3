import { useState } from 'preact/hooks';
import { formatIsoDate, formatNumber, t } from '../../../../lib/i18n';
import type { Client } from '../../../../lib/model/client';
import { availabilityOf } from './restriction';
import { ChangeCardDialog } from './ChangeCardDialog';
import { BILLING_CYCLE_KEYS, CARD_BRAND_KEYS } from './labels';
import { PaymentTagBadge } from './PaymentTag';
import { SubscriptionDialog } from './SubscriptionDialog';
import './partner.css';

interface SubscriptionSectionProps {
  client: Pick<Client, 'orgId' | 'name' | 'quota' | 'subscription' | 'payment' | 'revokedAt'>;
  /** Told the sentence to announce after a change (e.g. in the view's status line). */
  onNotice: (notice: string) => void;
  /** The id of the reason both buttons are disabled (a shared roster's role); enabled without it. */
  disabledBy?: string | undefined;
}

/**
 * A client's subscription and payment, for its overview: plan, licensed visitors, renewal
 * date and billing cycle; the card as Reseller Card or Customer Card with brand, last four
 * digits and expiry. "Change plan" and "Change card" are the agency's alone, and disabled,
 * with the reason, while the client has revoked the agency's access.
 */
export function SubscriptionSection({ client, onNotice, disabledBy }: SubscriptionSectionProps) {
  const [open, setOpen] = useState<'plan' | 'card' | null>(null);
  const plan = availabilityOf('subscription.change', client);
  const card = availabilityOf('payment.change', client);
  const done = (notice: string) => {
    setOpen(null);
    onNotice(notice);
  };
  const { subscription, payment } = client;

  return (
    <section class="partner-section" aria-labelledby="subscription-heading" data-testid="subscription-section">
      <h3 id="subscription-heading">{t('billing_heading')}</h3>
      <dl>
        <dt>{t('field_subscription_plan')}</dt>
        <dd data-testid="subscription-plan">{subscription ? subscription.plan : t('billing_noPlan')}</dd>
        <dt>{t('field_subscription_licensedVisitors')}</dt>
        <dd>{formatNumber(client.quota)}</dd>
        {subscription && (
          <>
            <dt>{t('field_subscription_renewalDate')}</dt>
            <dd>{formatIsoDate(subscription.renewalDate)}</dd>
            <dt>{t('field_subscription_billingCycle')}</dt>
            <dd>{t(BILLING_CYCLE_KEYS[subscription.billingCycle])}</dd>
          </>
        )}
        <dt>{t('billing_payment')}</dt>
        <dd data-testid="subscription-card">
          {payment ? (
            <>
              <PaymentTagBadge tag={payment.tag} />{' '}
              {t('billing_cardFacts', {
                brand: t(CARD_BRAND_KEYS[payment.brand]),
                lastFour: payment.last4,
                expiry: payment.expiry,
              })}
            </>
          ) : (
            t('billing_noCard')
          )}
        </dd>
      </dl>
      <div class="partner-actions">
        <button
          type="button"
          class="secondary"
          disabled={!plan.enabled || disabledBy !== undefined}
          aria-describedby={plan.enabled ? disabledBy : 'subscription-locked'}
          onClick={() => setOpen('plan')}
        >
          {t('billing_changePlan')}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={!card.enabled || disabledBy !== undefined}
          aria-describedby={card.enabled ? disabledBy : 'subscription-locked'}
          onClick={() => setOpen('card')}
        >
          {t('billing_changeCard')}
        </button>
        {!plan.enabled && (
          <span id="subscription-locked" class="hint">
            {plan.reason}
          </span>
        )}
      </div>
      {open === 'plan' && <SubscriptionDialog client={client} onClose={() => setOpen(null)} onDone={done} />}
      {open === 'card' && <ChangeCardDialog client={client} onClose={() => setOpen(null)} onDone={done} />}
    </section>
  );
}
