import { render } from 'preact';
import { act } from 'preact/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { ChangeCardDialog } from '../../../entrypoints/options/components/partner/ChangeCardDialog';
import { PaymentTag } from '../../../entrypoints/options/components/partner/PaymentTag';
import { RestrictedActions } from '../../../entrypoints/options/components/partner/RestrictedActions';
import { SubscriptionSection } from '../../../entrypoints/options/components/partner/SubscriptionSection';
import type { Client } from '../../../lib/model/client';
import { createClient, getClient, updateSettings } from '../../../lib/ops';
import { clientInput, resetDb, snapshot, T0 } from '../ops/helpers';
import { renderRootPerTest } from '../render-root';
import { waitFor } from '../wait-for';

const root = renderRootPerTest();

const field = (id: string) => root().querySelector<HTMLInputElement>(`#${id}`)!;
const errorOf = (id: string) => root().querySelector(`#${id}-error`)?.textContent ?? null;

async function type(id: string, value: string) {
  await act(() => {
    field(id).value = value;
    field(id).dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function submit() {
  await act(async () => {
    root()
      .querySelector('form')!
      .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
  // The operation's transaction settles after the submit handler awaited it.
  await act(async () => {
    await new Promise((done) => setTimeout(done, 50));
  });
}

describe('RestrictedActions', () => {
  it('shows the ten partner-admin limits as disabled buttons, each with its reason', async () => {
    await act(() => render(<RestrictedActions />, root()));
    const buttons = [...root().querySelectorAll('button')];
    expect(buttons.map((button) => button.textContent)).toEqual([
      'Change the super administrator',
      'Turn two-factor authentication on or off',
      "Change a user's role to admin or back",
      "Change users' profile images",
      "Reset a user's password",
      'Delete a user',
      "Back up a user's account",
      'Edit the dashboard',
      'Use the referral program',
      'Change the contacts sync settings',
    ]);
    expect(buttons.every((button) => button.disabled)).toBe(true);
    const reset = buttons[4]!;
    expect(root().querySelector(`#${CSS.escape(reset.getAttribute('aria-describedby') ?? '')}`)?.textContent).toBe(
      "As the partner admin, you can't reset a user's password; only the client's own administrators can.",
    );
  });
});

describe('PaymentTag', () => {
  it('shows the plan, the payment tag and the renewal date', async () => {
    await act(() =>
      render(
        <PaymentTag
          client={{
            subscription: { plan: 'Business', renewalDate: '2026-04-01', billingCycle: 'yearly' },
            payment: { tag: 'customer_card', brand: 'visa', last4: '4242', expiry: '04/28' },
          }}
        />,
        root(),
      ),
    );
    expect(root().textContent).toBe('BusinessCustomer CardRenews Apr 1, 2026');
    await act(() => render(<PaymentTag client={{}} />, root()));
    expect(root().textContent).toBe('No plan recordedNo card recorded');
  });
});

describe('ChangeCardDialog', () => {
  let client: Client;

  beforeEach(async () => {
    await resetDb();
    await updateSettings({ poolSize: 100, timeZone: 'UTC' }, { now: T0 });
    client = await createClient(clientInput({ name: 'Acme', quota: 5 }), { now: T0 });
  });

  async function open(onDone: (notice: string) => void = () => {}) {
    await act(() => render(<ChangeCardDialog client={client} onClose={() => {}} onDone={onDone} />, root()));
  }

  it('drops a full card number typed or pasted into a field, saying why, and keeps it nowhere', async () => {
    await open();
    const before = await snapshot();
    await type('field-payment-last4', '4242 4242 4242 4242');
    expect(field('field-payment-last4').value).toBe('');
    expect(errorOf('field-payment-last4')).toBe(
      'A full card number was entered here and has been removed: card numbers are never kept.',
    );
    await type('field-payment-expiry', '4242424242424242');
    expect(field('field-payment-expiry').value).toBe('');
    await submit();
    expect(await snapshot()).toEqual(before);
    expect(root().innerHTML).not.toContain('4242 4242');
    // There is no field for a number or a security code.
    expect([...root().querySelectorAll('input')].map((input) => input.name)).toEqual([
      'payment.usingCustomersCard',
      'payment.usingCustomersCard',
      'payment.last4',
      'payment.expiry',
    ]);
  });

  it('asks whose card it is before saving, then saves it tagged Customer Card', async () => {
    const notices: string[] = [];
    await open((notice) => notices.push(notice));
    await type('field-payment-last4', '4242');
    await type('field-payment-expiry', '04/30');
    await submit();
    expect(errorOf('field-payment-usingCustomersCard')).toBe("Choose whether you are using the customer's card.");
    await act(() => {
      field('field-payment-usingCustomersCard-yes').click();
    });
    await submit();
    await waitFor(() => notices.length > 0, 'the saved notice');
    expect(notices).toEqual(['The card of Acme was saved.']);
    expect((await getClient(client.orgId))?.payment).toEqual({
      tag: 'customer_card',
      brand: 'visa',
      last4: '4242',
      expiry: '04/30',
    });
  });
});

describe('SubscriptionSection', () => {
  it('disables Change plan and Change card, with the reason, for a client that revoked access', async () => {
    const revoked = { orgId: 'ORG-00000001', name: 'Acme', quota: 10, revokedAt: T0 };
    await act(() => render(<SubscriptionSection client={revoked} onNotice={() => {}} />, root()));
    const buttons = [...root().querySelectorAll<HTMLButtonElement>('.partner-actions button')];
    expect(buttons.map((button) => [button.textContent, button.disabled])).toEqual([
      ['Change plan', true],
      ['Change card', true],
    ]);
    expect(root().querySelector('#subscription-locked')?.textContent).toBe(
      'This client revoked your access, so its data is read-only until access is granted again.',
    );
  });

  it('shows the plan and the card as the agency recorded them: tag, brand, last four digits and expiry', async () => {
    const client = {
      orgId: 'ORG-00000001',
      name: 'Acme',
      quota: 1200,
      subscription: { plan: 'Business', renewalDate: '2026-04-01', billingCycle: 'yearly' as const },
      payment: { tag: 'reseller_card' as const, brand: 'visa' as const, last4: '4242', expiry: '04/28' },
    };
    await act(() => render(<SubscriptionSection client={client} onNotice={() => {}} />, root()));
    expect(root().querySelector('[data-testid="subscription-plan"]')?.textContent).toBe('Business');
    expect(root().querySelector('[data-testid="subscription-card"]')?.textContent).toBe(
      'Reseller Card Visa ending in 4242, expires 04/28',
    );
    expect(root().textContent).toContain('Apr 1, 2026');
    expect(root().textContent).toContain('Yearly');
  });
});
