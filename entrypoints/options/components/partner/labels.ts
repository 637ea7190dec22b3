import { t } from '../../../../lib/i18n';
import type { MessageKey } from '../../../../lib/model/messages';
import type { BillingCycle, CardBrand, PaymentTag } from '../../../../lib/model/subscription';

export const PAYMENT_TAG_KEYS: Record<PaymentTag, MessageKey> = {
  reseller_card: 'billing_tag_reseller_card',
  customer_card: 'billing_tag_customer_card',
};

export const BILLING_CYCLE_KEYS: Record<BillingCycle, MessageKey> = {
  monthly: 'billing_cycle_monthly',
  yearly: 'billing_cycle_yearly',
};

export const CARD_BRAND_KEYS: Record<CardBrand, MessageKey> = {
  visa: 'billing_brand_visa',
  mastercard: 'billing_brand_mastercard',
  amex: 'billing_brand_amex',
  jcb: 'billing_brand_jcb',
  diners: 'billing_brand_diners',
  discover: 'billing_brand_discover',
  unionpay: 'billing_brand_unionpay',
  other: 'billing_brand_other',
};

export function paymentTagLabel(tag: PaymentTag): string {
  return t(PAYMENT_TAG_KEYS[tag]);
}
