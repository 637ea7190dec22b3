import { licenseCount, noCardNumber, requiredText } from './fields';
import { isIsoDate } from './iso-date';
import { LIMITS } from './limits';
import { z } from './zod';

export const BILLING_CYCLES = ['monthly', 'yearly'] as const;
export type BillingCycle = (typeof BILLING_CYCLES)[number];

/** Who pays: the agency's own card (Reseller Card) or the client's (Customer Card). */
export const PAYMENT_TAGS = ['reseller_card', 'customer_card'] as const;
export type PaymentTag = (typeof PAYMENT_TAGS)[number];

export const CARD_BRANDS = ['visa', 'mastercard', 'amex', 'jcb', 'diners', 'discover', 'unionpay', 'other'] as const;
export type CardBrand = (typeof CARD_BRANDS)[number];

/** Month and two-digit year, as printed on a card: 01/27. */
export const EXPIRY_PATTERN = /^(0[1-9]|1[0-2])\/\d{2}$/;

/** A client's plan, as the agency bought it for them. The licensed visitors are the client's quota. */
export const subscriptionSchema = z.object({
  plan: requiredText(LIMITS.planName),
  /** The next renewal, YYYY-MM-DD. */
  renewalDate: z.string().check(z.trim(), z.refine(isIsoDate, { error: 'error_dateInvalid' })),
  billingCycle: z.enum(BILLING_CYCLES),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

/** What the agency enters to change a plan: the plan and the licensed visitors (the quota) at once. */
export const subscriptionInputSchema = z.extend(subscriptionSchema, {
  licensedVisitors: licenseCount(1),
});
export type SubscriptionInput = z.input<typeof subscriptionInputSchema>;

// A full number pasted into "last four" is named as such rather than as a malformed field.
const last4Field = z.string().check(z.trim(), noCardNumber(), z.regex(/^\d{4}$/, { error: 'error_last4Invalid' }));
const expiryField = z
  .string()
  .check(z.trim(), noCardNumber(), z.regex(EXPIRY_PATTERN, { error: 'error_expiryInvalid' }));

/**
 * The card that pays for the subscription: never its number or security code, only what tells
 * it apart. Unknown keys (a "cvc", a "number") are dropped on parsing, so they are never stored.
 */
export const paymentCardSchema = z.object({
  tag: z.enum(PAYMENT_TAGS),
  brand: z.enum(CARD_BRANDS),
  last4: last4Field,
  expiry: expiryField,
});
export type PaymentCard = z.infer<typeof paymentCardSchema>;

/** What "Change card" asks: whose card it is ("Are you using the customer's card?"), and the card. */
export const changeCardInputSchema = z.object({
  usingCustomersCard: z.boolean({ error: 'error_cardOwnerRequired' }),
  brand: z.enum(CARD_BRANDS),
  last4: last4Field,
  expiry: expiryField,
});
export type ChangeCardInput = z.input<typeof changeCardInputSchema>;
