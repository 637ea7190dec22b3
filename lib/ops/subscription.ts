/**
 * A client's subscription and the card that pays for it. Both belong to the agency: only the
 * agency changes them (the permission table says so for every client role).
 */
import type { Client } from '../model/client';
import {
  type ChangeCardInput,
  changeCardInputSchema,
  type SubscriptionInput,
  subscriptionInputSchema,
} from '../model/subscription';
import { parseOrThrow } from '../model/validate';
import { localDate } from '../rules/calendar';
import { asLicensesProblem, cardExpiryRefusal, changesLicenses, paymentCardFrom } from '../rules/subscription';
import { type OpContext, resolve, writeTransaction } from './context';
import { requireOrgAction, requireWritableClient } from './org-access';
import { applyReallocation } from './quota';
import { loadSettings, log, putClient, requireClient } from './store';
import { queueChange, requireTeamChange } from './team-outbox';

/**
 * Sets a client's plan, renewal date and billing cycle, and its licensed visitors: the quota
 * it holds from the pool, changed under the pool's rules in the same transaction.
 */
export async function setSubscription(orgId: string, input: SubscriptionInput, context?: OpContext): Promise<Client> {
  const ctx = resolve(context);
  const parsed = parseOrThrow(subscriptionInputSchema, input, 'subscription');
  const { licensedVisitors, ...subscription } = parsed;
  requireOrgAction(context, 'subscription.change');
  return writeTransaction(
    async () => {
      await requireTeamChange('client.setSubscription');
      const client = await requireWritableClient(orgId);
      if (changesLicenses(client, licensedVisitors)) {
        try {
          // Part of this change (on the server too): no client.reallocate of its own.
          await applyReallocation(client, licensedVisitors, ctx);
        } catch (error) {
          throw asLicensesProblem(error);
        }
      }
      const current = await requireClient(client.orgId);
      const updated = await putClient({ ...current, subscription }, ctx.now);
      await log(ctx, {
        action: 'subscription_changed',
        orgId: client.orgId,
        details: { billingCycle: subscription.billingCycle, renewalDate: subscription.renewalDate, licensedVisitors },
      });
      await queueChange(
        'client.setSubscription',
        { orgId: client.orgId, subscription: parsed },
        { orgId: client.orgId, clientName: client.name },
        ctx.now,
      );
      return updated;
    },
    (client) => [client.orgId],
  );
}

/**
 * Replaces the card that pays for a client's plan. "Are you using the customer's card?" tags
 * it Customer Card or Reseller Card. Only brand, last four digits and expiry are kept; an
 * expiry already past is refused.
 */
export async function changeCard(orgId: string, input: ChangeCardInput, context?: OpContext): Promise<Client> {
  const ctx = resolve(context);
  const details = parseOrThrow(changeCardInputSchema, input, 'payment');
  requireOrgAction(context, 'payment.change');
  return writeTransaction(
    async () => {
      await requireTeamChange('client.changeCard');
      const client = await requireWritableClient(orgId);
      const { timeZone } = await loadSettings();
      const expired = cardExpiryRefusal(details.expiry, localDate(ctx.now, timeZone));
      if (expired) throw expired;
      const payment = paymentCardFrom(details);
      const updated = await putClient({ ...client, payment }, ctx.now);
      await log(ctx, {
        action: 'payment_card_changed',
        orgId: client.orgId,
        details: { tag: payment.tag, brand: payment.brand },
      });
      await queueChange(
        'client.changeCard',
        { orgId: client.orgId, card: details },
        { orgId: client.orgId, clientName: client.name },
        ctx.now,
      );
      return updated;
    },
    (client) => [client.orgId],
  );
}
