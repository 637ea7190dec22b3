import { beforeAll, describe, expect, it } from 'vitest';
import { historyOf, orgIdOf, rowsOf } from './roster-fixtures';
import { change, createChange, pull, pullAll, push, setUpAgency, type TestAgency } from './team';
import { testServer } from './test-server';

const server = testServer();
let team: TestAgency;

beforeAll(async () => {
  team = await setUpAgency(server.db, 100);
});

async function newClientOrg(name: string, quota: number): Promise<string> {
  const create = createChange(name, quota);
  const [result] = await push(server.app, team.manager, [create]);
  expect(result).toMatchObject({ status: 'accepted' });
  return orgIdOf(create);
}

async function clientData(orgId: string): Promise<Record<string, unknown>> {
  const { rows } = await pullAll(server.app, team.viewer);
  const row = rowsOf(rows, 'client').filter((r) => r.orgId === orgId);
  return row.at(-1)?.data as Record<string, unknown>;
}

/** The licences the clients hold, as a browser adds them up from what it pulled. */
async function allocated(): Promise<number> {
  const { rows } = await pullAll(server.app, team.viewer);
  const latest = new Map(rowsOf(rows, 'client').map((row) => [row.orgId, row.data as { quota: number }]));
  return [...latest.values()].reduce((sum, client) => sum + client.quota, 0);
}

const plan = { plan: 'Growth', renewalDate: '2027-06-01', billingCycle: 'yearly' } as const;

describe('push: subscription', () => {
  it('sets the plan and the licensed visitors as the quota from the pool, in one change', async () => {
    const orgId = await newClientOrg('Acme Outdoor', 20);
    const [result] = await push(server.app, team.manager, [
      change('client.setSubscription', { orgId, subscription: { ...plan, licensedVisitors: 30 } }),
    ]);
    expect(result).toMatchObject({ status: 'accepted' });
    expect(await clientData(orgId)).toMatchObject({ quota: 30, subscription: plan });
    const { rows } = await pullAll(server.app, team.viewer);
    expect(historyOf(rows, orgId).slice(-2)).toMatchObject([
      { action: 'quota_changed', quotaDelta: 10, details: { quotaBefore: 20, quotaAfter: 30 } },
      {
        action: 'subscription_changed',
        details: { billingCycle: 'yearly', renewalDate: '2027-06-01', licensedVisitors: 30 },
      },
    ]);
  });

  it('leaves the quota alone when the licences do not change', async () => {
    const orgId = await newClientOrg('Same Seats Ltd', 5);
    const [result] = await push(server.app, team.manager, [
      change('client.setSubscription', { orgId, subscription: { ...plan, licensedVisitors: 5 } }),
    ]);
    expect(result).toMatchObject({ status: 'accepted' });
    const { rows } = await pullAll(server.app, team.viewer);
    expect(historyOf(rows, orgId).map((entry) => entry.action)).toEqual(['client_created', 'subscription_changed']);
  });

  it('refuses licences beyond the free pool at the licensed-visitors field, and writes nothing', async () => {
    const orgId = await newClientOrg('Too Many Seats', 10);
    const before = await pull(server.app, team.owner);
    const free = 100 - (await allocated());
    const [result] = await push(server.app, team.manager, [
      change('client.setSubscription', { orgId, subscription: { ...plan, licensedVisitors: 10 + free + 1 } }),
    ]);
    expect(result).toMatchObject({
      status: 'refused',
      code: 'rule',
      key: 'error_quotaExceedsFree',
      params: { needed: free + 1, free },
      problems: [
        {
          field: 'licensedVisitors',
          labelKey: 'field_subscription_licensedVisitors',
          key: 'error_quotaExceedsFree',
          params: { needed: free + 1, free },
        },
      ],
    });
    expect((await pull(server.app, team.owner)).version).toBe(before.version);
    const data = await clientData(orgId);
    expect(data).toMatchObject({ quota: 10 });
    expect(data).not.toHaveProperty('subscription');
  });

  it('names a bad plan field as the form does', async () => {
    const orgId = await newClientOrg('Bad Date Co', 1);
    const [result] = await push(server.app, team.manager, [
      change('client.setSubscription', {
        orgId,
        subscription: { ...plan, renewalDate: '2027-02-30', licensedVisitors: 1 },
      }),
    ]);
    expect(result).toMatchObject({ status: 'refused', code: 'validation', problems: [{ field: 'renewalDate' }] });
  });
});

describe('push: payment card', () => {
  it("keeps the customer's card as Customer Card with brand, last four and expiry only", async () => {
    const orgId = await newClientOrg('Card Holder Inc', 1);
    const [result] = await push(server.app, team.manager, [
      change('client.changeCard', {
        orgId,
        card: { usingCustomersCard: true, brand: 'visa', last4: '4242', expiry: '12/26', number: '4242424242424242' },
      }),
    ]);
    expect(result).toMatchObject({ status: 'accepted' });
    const data = await clientData(orgId);
    expect(data.payment).toEqual({ tag: 'customer_card', brand: 'visa', last4: '4242', expiry: '12/26' });
    const { rows } = await pullAll(server.app, team.viewer);
    expect(historyOf(rows, orgId).at(-1)).toMatchObject({
      action: 'payment_card_changed',
      details: { tag: 'customer_card', brand: 'visa' },
    });
  });

  it("tags the agency's own card Reseller Card", async () => {
    const orgId = await newClientOrg('Reseller Paid Ltd', 1);
    await push(server.app, team.manager, [
      change('client.changeCard', {
        orgId,
        card: { usingCustomersCard: false, brand: 'jcb', last4: '0001', expiry: '01/30' },
      }),
    ]);
    expect((await clientData(orgId)).payment).toMatchObject({ tag: 'reseller_card' });
  });

  it('refuses an expiry already past in the agency calendar, at the expiry field', async () => {
    const orgId = await newClientOrg('Expired Card Co', 1);
    const before = await pull(server.app, team.owner);
    // NOW is 2 December 2026: November's cards have run out, December's are still good.
    const [result] = await push(server.app, team.manager, [
      change('client.changeCard', {
        orgId,
        card: { usingCustomersCard: true, brand: 'visa', last4: '4242', expiry: '11/26' },
      }),
    ]);
    expect(result).toMatchObject({
      status: 'refused',
      code: 'validation',
      problems: [{ field: 'expiry', labelKey: 'field_payment_expiry', key: 'error_expiryPast' }],
    });
    expect((await pull(server.app, team.owner)).version).toBe(before.version);
  });
});
