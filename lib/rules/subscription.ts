/** A client's plan and the card that pays for it: what the agency may set, whoever sets it (extension or server). */
import type { Client } from '../model/client';
import { AppError, type FieldProblem, isAppError, validationError } from '../model/errors';
import type { changeCardInputSchema, PaymentCard } from '../model/subscription';
import type { z } from '../model/zod';
import { isCardExpired } from './card-expiry';
import type { IsoDate } from './calendar';

/**
 * Whether a plan change also moves licences. Only a changed number goes through the pool's
 * rules, so a plan change leaves alone a client over its quota or an inactive one.
 */
export function changesLicenses(client: Pick<Client, 'quota'>, licensedVisitors: number): boolean {
  return licensedVisitors !== client.quota;
}

/** A refusal of the quota rule, pointed at the licensed-visitors field of the plan form; anything else as it is. */
export function asLicensesProblem(error: unknown): unknown {
  if (!isAppError(error) || error.code !== 'rule') return error;
  const problem: FieldProblem = {
    field: 'licensedVisitors',
    labelKey: 'field_subscription_licensedVisitors',
    key: error.key,
    params: error.params,
  };
  return new AppError('rule', error.key, error.params, [problem]);
}

/** A card whose expiry is past on `today` (the agency's calendar date) is refused at its expiry field. */
export function cardExpiryRefusal(expiry: string, today: IsoDate): AppError | undefined {
  if (!isCardExpired(expiry, today)) return undefined;
  return validationError([{ field: 'expiry', labelKey: 'field_payment_expiry', key: 'error_expiryPast', params: {} }]);
}

/** The card as kept: tagged by whose it is ("Are you using the customer's card?"), brand, last four and expiry only. */
export function paymentCardFrom(input: z.output<typeof changeCardInputSchema>): PaymentCard {
  return {
    tag: input.usingCustomersCard ? 'customer_card' : 'reseller_card',
    brand: input.brand,
    last4: input.last4,
    expiry: input.expiry,
  };
}
