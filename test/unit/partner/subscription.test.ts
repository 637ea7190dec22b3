import { beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../../../lib/model/client';
import { createClient, getClient, getPoolSummary, listActivity, updateSettings } from '../../../lib/ops';
import { changeCard, setSubscription } from '../../../lib/ops/subscription';
import { db } from '../../../lib/db/database';
import { fieldMessage } from '../../../lib/i18n';
import { isCardExpired } from '../../../lib/rules/card-expiry';
import { clientInput, refusal, resetDb, snapshot, T0 } from '../ops/helpers';

// T0 is 2026-01-15.
const PLAN = { plan: 'Business', licensedVisitors: 10, renewalDate: '2026-04-01', billingCycle: 'yearly' } as const;
const CARD = { usingCustomersCard: true, brand: 'visa', last4: '4242', expiry: '01/26' } as const;

let client: Client;

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 100, timeZone: 'UTC' }, { now: T0 });
  client = await createClient(clientInput({ quota: 10 }), { now: T0 });
});

describe('setSubscription', () => {
  it('records the plan, renewal date and billing cycle, and the licenses as the quota from the pool', async () => {
    const updated = await setSubscription(client.orgId, { ...PLAN, licensedVisitors: 30 }, { now: T0 + 1 });
    expect(updated.subscription).toEqual({ plan: 'Business', renewalDate: '2026-04-01', billingCycle: 'yearly' });
    expect(updated.quota).toBe(30);
    expect(await getPoolSummary()).toMatchObject({ allocated: 30 });
    const actions = (await listActivity({ orgId: client.orgId, limit: 2 })).map((entry) => entry.action);
    expect(actions).toEqual(['subscription_changed', 'quota_changed']);
  });

  it('points a pool refusal at the licensed-visitors field and writes nothing', async () => {
    const before = await snapshot();
    const error = await refusal(setSubscription(client.orgId, { ...PLAN, licensedVisitors: 500 }, { now: T0 + 1 }));
    expect(error.problems.map((problem) => [problem.field, fieldMessage(problem, 'en')])).toEqual([
      ['licensedVisitors', expect.stringContaining('90')],
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a date that is not one, and names the field', async () => {
    const error = await refusal(setSubscription(client.orgId, { ...PLAN, renewalDate: '2026-02-30' }, { now: T0 + 1 }));
    expect(error.problems.map((problem) => fieldMessage(problem, 'en'))).toEqual([
      'Renewal date must be a date written YYYY-MM-DD, such as 2026-04-01.',
    ]);
  });

  it("is the agency's alone: the client's own admin and super admin are refused", async () => {
    for (const actingAs of ['admin', 'super_admin'] as const) {
      const error = await refusal(setSubscription(client.orgId, PLAN, { now: T0 + 1, actingAs }));
      expect(error.key).toBe('partner_reason_subscriptionAgencyOnly');
    }
    expect((await getClient(client.orgId))?.subscription).toBeUndefined();
  });
});

describe('changeCard', () => {
  it("tags the customer's card Customer Card and the agency's Reseller Card, keeping brand, last four and expiry only", async () => {
    expect((await changeCard(client.orgId, CARD, { now: T0 })).payment).toEqual({
      tag: 'customer_card',
      brand: 'visa',
      last4: '4242',
      expiry: '01/26',
    });
    const agency = await changeCard(
      client.orgId,
      { ...CARD, usingCustomersCard: false, brand: 'jcb', last4: '0005', expiry: '12/29' },
      { now: T0 },
    );
    expect(agency.payment).toEqual({ tag: 'reseller_card', brand: 'jcb', last4: '0005', expiry: '12/29' });
  });

  it('never stores a security code or a number sent along with the card', async () => {
    await changeCard(client.orgId, { ...CARD, cvc: '123', number: '4242424242424242' } as typeof CARD, { now: T0 });
    const stored = await db.clients.get(client.orgId);
    expect(Object.keys(stored?.payment ?? {}).sort()).toEqual(['brand', 'expiry', 'last4', 'tag']);
    expect(JSON.stringify(stored)).not.toMatch(/4242424242424242|cvc|number/);
  });

  it('refuses a full card number in the last four digits, and stores nothing', async () => {
    const before = await snapshot();
    const error = await refusal(changeCard(client.orgId, { ...CARD, last4: '4242 4242 4242 4242' }, { now: T0 }));
    expect(error.problems.map((problem) => [problem.field, fieldMessage(problem, 'en')])).toEqual([
      [
        'last4',
        'Last four digits contains what looks like a full card number. Card numbers are never stored; remove it.',
      ],
    ]);
    expect(await snapshot()).toEqual(before);
    expect(JSON.stringify(await snapshot())).not.toContain('4242 4242 4242 4242');
  });

  it('refuses malformed last four digits and expiry, and an expiry already past', async () => {
    const bad = await refusal(changeCard(client.orgId, { ...CARD, last4: '42', expiry: '13/26' }, { now: T0 }));
    expect(bad.problems.map((problem) => fieldMessage(problem, 'en'))).toEqual([
      'Last four digits must be exactly four digits.',
      'Expiry (MM/YY) must be a month and year written MM/YY, such as 04/28.',
    ]);
    const past = await refusal(changeCard(client.orgId, { ...CARD, expiry: '12/25' }, { now: T0 }));
    expect(past.problems.map((problem) => fieldMessage(problem, 'en'))).toEqual([
      'Expiry (MM/YY) is in the past: this card has expired.',
    ]);
  });

  it("is the agency's alone", async () => {
    expect((await refusal(changeCard(client.orgId, CARD, { now: T0, actingAs: 'super_admin' }))).key).toBe(
      'partner_reason_paymentAgencyOnly',
    );
  });
});

describe('isCardExpired', () => {
  it('holds a card good through the last day of its expiry month', () => {
    expect(isCardExpired('01/26', '2026-01-31')).toBe(false);
    expect(isCardExpired('01/26', '2026-02-01')).toBe(true);
    expect(isCardExpired('12/25', '2026-01-01')).toBe(true);
    expect(isCardExpired('02/30', '2026-01-01')).toBe(false);
  });
});
