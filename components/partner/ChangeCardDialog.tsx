import { useState } from 'preact/hooks';
import { errorMessage, t } from '../../lib/i18n';
import { looksLikeCardNumber } from '../../lib/model/card-number';
import type { Client } from '../../lib/model/client';
import { CARD_BRANDS, type CardBrand, changeCardInputSchema } from '../../lib/model/subscription';
import { changeCard } from '../../lib/ops/subscription';
import { Dialog } from '../Dialog';
import { DialogActions } from '../DialogActions';
import { messagesByField, validateForm } from '../form';
import { SelectField } from '../SelectField';
import { TextField } from '../TextField';
import { CARD_BRAND_KEYS } from './labels';
import './partner.css';

type CardField = 'usingCustomersCard' | 'brand' | 'last4' | 'expiry';
const FIELDS: readonly CardField[] = ['usingCustomersCard', 'brand', 'last4', 'expiry'];
const FOCUS: Record<CardField, string> = {
  usingCustomersCard: 'field-payment-usingCustomersCard-yes',
  brand: 'field-payment-brand',
  last4: 'field-payment-last4',
  expiry: 'field-payment-expiry',
};

interface CardValues {
  /** Unanswered until the agency picks: whose card it is is never assumed. */
  usingCustomersCard: boolean | undefined;
  brand: CardBrand;
  last4: string;
  expiry: string;
}

interface ChangeCardDialogProps {
  client: Pick<Client, 'orgId' | 'name' | 'payment'>;
  onClose: () => void;
  onDone: (notice: string) => void;
}

/**
 * Replaces the card that pays for a client's plan. Asks "Are you using the customer's card?"
 * (Customer Card or Reseller Card) and takes only the brand, the last four digits and the
 * expiry; there is no field for the number or the security code, and a full card number typed
 * or pasted into a field is refused on the spot and dropped, never kept in the form.
 */
export function ChangeCardDialog({ client, onClose, onDone }: ChangeCardDialogProps) {
  const [values, setValues] = useState<CardValues>({
    usingCustomersCard: client.payment ? client.payment.tag === 'customer_card' : undefined,
    brand: client.payment?.brand ?? 'visa',
    last4: '',
    expiry: '',
  });
  const [left, setLeft] = useState<ReadonlySet<CardField>>(new Set());
  const [refusals, setRefusals] = useState<Partial<Record<CardField, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = validateForm(changeCardInputSchema, values, 'payment');
  const shown = (field: CardField) => refusals[field] ?? (left.has(field) ? errors[field] : undefined);
  const leave = (field: CardField) => () => setLeft((previous) => new Set([...previous, field]));

  function type(field: 'last4' | 'expiry', value: string) {
    if (looksLikeCardNumber(value)) {
      // The number goes nowhere: not into the form's state, not into the field.
      setValues((previous) => ({ ...previous, [field]: '' }));
      setRefusals((previous) => ({ ...previous, [field]: t('billing_fullNumberRefused') }));
      const input = document.getElementById(FOCUS[field]);
      if (input instanceof HTMLInputElement) input.value = '';
      return;
    }
    setValues((previous) => ({ ...previous, [field]: value }));
    setRefusals(({ [field]: _gone, ...rest }) => rest);
  }

  async function onSave(event: Event) {
    event.preventDefault();
    setLeft(new Set(FIELDS));
    setError(null);
    const first = FIELDS.find((field) => errors[field] !== undefined);
    if (first) {
      document.getElementById(FOCUS[first])?.focus();
      return;
    }
    const { usingCustomersCard, ...card } = values;
    if (usingCustomersCard === undefined) return;
    setBusy(true);
    try {
      await changeCard(client.orgId, { ...card, usingCustomersCard });
      onDone(t('billing_cardSavedNotice', { name: client.name }));
    } catch (failure) {
      const byField = messagesByField(failure);
      const refused = FIELDS.filter((field) => byField[field] !== undefined);
      setRefusals(Object.fromEntries(refused.map((field) => [field, byField[field]])));
      if (refused[0]) document.getElementById(FOCUS[refused[0]])?.focus();
      else setError(errorMessage(failure));
      setBusy(false);
    }
  }

  const whoseError = shown('usingCustomersCard');
  return (
    <Dialog title={t('billing_cardDialogTitle', { name: client.name })} onClose={onClose}>
      <form onSubmit={onSave} noValidate data-testid="change-card-dialog">
        <p class="hint">{t('billing_cardOnlyTheseFacts')}</p>
        <fieldset
          class={`choice-group${whoseError ? ' field-invalid' : ''}`}
          aria-describedby={whoseError ? 'field-payment-usingCustomersCard-error' : undefined}
        >
          <legend>
            {t('billing_usingCustomersCard')}
            <span class="required"> {t('form_requiredMark')}</span>
          </legend>
          <label>
            <input
              type="radio"
              id="field-payment-usingCustomersCard-yes"
              name="payment.usingCustomersCard"
              checked={values.usingCustomersCard === true}
              onChange={() => setValues((previous) => ({ ...previous, usingCustomersCard: true }))}
            />{' '}
            {t('billing_usingCustomersCardYes')}
          </label>
          <label>
            <input
              type="radio"
              name="payment.usingCustomersCard"
              checked={values.usingCustomersCard === false}
              onChange={() => setValues((previous) => ({ ...previous, usingCustomersCard: false }))}
            />{' '}
            {t('billing_usingCustomersCardNo')}
          </label>
          {whoseError && (
            <p id="field-payment-usingCustomersCard-error" class="field-error">
              {whoseError}
            </p>
          )}
        </fieldset>
        <SelectField
          name="payment.brand"
          label={t('field_payment_brand')}
          value={values.brand}
          required
          options={CARD_BRANDS.map((brand) => ({ value: brand, label: t(CARD_BRAND_KEYS[brand]) }))}
          error={shown('brand')}
          onChange={(value) => setValues((previous) => ({ ...previous, brand: CARD_BRANDS.find((brand) => brand === value) ?? 'other' }))}
        />
        <TextField
          name="payment.last4"
          label={t('field_payment_last4')}
          value={values.last4}
          required
          inputMode="numeric"
          autoComplete="off"
          hint={t('billing_last4Hint')}
          error={shown('last4')}
          onInput={(value) => type('last4', value)}
          onBlur={leave('last4')}
        />
        <TextField
          name="payment.expiry"
          label={t('field_payment_expiry')}
          value={values.expiry}
          required
          inputMode="numeric"
          autoComplete="off"
          hint={t('billing_expiryHint')}
          error={shown('expiry')}
          onInput={(value) => type('expiry', value)}
          onBlur={leave('expiry')}
        />
        {error && <p role="alert">{error}</p>}
        <DialogActions onCancel={onClose} confirmLabel={t('billing_cardSave')} disabled={busy} />
      </form>
    </Dialog>
  );
}
