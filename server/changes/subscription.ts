/** A client's plan and the card that pays for it: lib/ops/subscription.ts on the server. */
import type { ChangeArgs } from '../../lib/model/sync-schema';
import { localDate } from '../../lib/rules/calendar';
import { asLicensesProblem, cardExpiryRefusal, changesLicenses, paymentCardFrom } from '../../lib/rules/subscription';
import { log } from '../store/activity';
import { putClient, requireClient, requireWritableClient } from '../store/clients';
import { reallocateQuota, requireOrgAction } from './clients';
import type { ChangeContext } from './context';

/**
 * Sets a client's plan, renewal date and billing cycle, and its licensed visitors: the quota
 * it holds from the pool, changed by client.reallocate's own handler in this change's
 * transaction, its refusal pointed at the licensed-visitors field.
 */
export async function setSubscription(
  ctx: ChangeContext,
  { orgId, subscription: input }: ChangeArgs<'client.setSubscription'>,
) {
  const { licensedVisitors, ...subscription } = input;
  requireOrgAction('subscription.change');
  const client = await requireWritableClient(ctx, orgId);
  if (changesLicenses(client, licensedVisitors)) {
    try {
      await reallocateQuota(ctx, { orgId: client.orgId, quota: licensedVisitors });
    } catch (error) {
      throw asLicensesProblem(error);
    }
  }
  // Read again: the quota rule may have paused or resumed the client.
  const current = await requireClient(ctx, client.orgId);
  await putClient(ctx, { ...current, subscription });
  await log(ctx, {
    action: 'subscription_changed',
    orgId: client.orgId,
    details: { billingCycle: subscription.billingCycle, renewalDate: subscription.renewalDate, licensedVisitors },
  });
}

/** Replaces the card that pays for a client's plan; an expiry already past (in the agency's calendar) is refused. */
export async function changeCard(ctx: ChangeContext, { orgId, card }: ChangeArgs<'client.changeCard'>) {
  requireOrgAction('payment.change');
  const client = await requireWritableClient(ctx, orgId);
  const expired = cardExpiryRefusal(card.expiry, localDate(ctx.now, ctx.settings.timeZone));
  if (expired) throw expired;
  const payment = paymentCardFrom(card);
  await putClient(ctx, { ...client, payment });
  await log(ctx, {
    action: 'payment_card_changed',
    orgId: client.orgId,
    details: { tag: payment.tag, brand: payment.brand },
  });
}
