import { useState } from 'preact/hooks';
import { t } from '../../../../lib/i18n';
import { looksLikeCardNumber } from '../../../../lib/model/card-number';
import type { Client } from '../../../../lib/model/client';
import { CARD_BRANDS, type CardBrand, changeCardInputSchema } from '../../../../lib/model/subscription';
import { changeCard } from '../../../../lib/ops/subscription';
import { Dialog } from '../Dialog';
import { DialogActions } from '../DialogActions';
import { SelectField } from '../SelectField';
import { TextField } from '../TextField';
import { useFormFields } from '../useFormFields';
import { CARD_BRAND_KEYS } from './labels';
import './partner.css';

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
  const fields = useFormFields<CardValues>({
    scope: 'payment',
    schema: changeCardInputSchema,
    fields: ['usingCustomersCard', 'brand', 'last4', 'expiry'],
    // The question is a group of radio buttons: focus goes to its first choice.
    focusIds: { usingCustomersCard: 'field-payment-usingCustomersCard-yes' },
    initial: () => ({
      usingCustomersCard: client.payment ? client.payment.tag === 'customer_card' : undefined,
      brand: client.payment?.brand ?? 'visa',
      last4: '',
      expiry: '',
    }),
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function type(field: 'last4' | 'expiry', value: string) {
    if (!looksLikeCardNumber(value)) {
      fields.change(field, value);
      return;
    }
    // The number goes nowhere: not into the form's state, not into the field.
    fields.change(field, '');
    fields.refuse(field, t('billing_fullNumberRefused'));
    const input = document.getElementById(fields.idOf(field));
    if (input instanceof HTMLInputElement) input.value = '';
  }

  async function onSave(event: Event) {
    event.preventDefault();
    setError(null);
    if (!fields.checkAll()) return;
    const { usingCustomersCard, ...card } = fields.values;
    if (usingCustomersCard === undefined) return;
    setBusy(true);
    try {
      await changeCard(client.orgId, { ...card, usingCustomersCard });
      onDone(t('billing_cardSavedNotice', { name: client.name }));
    } catch (failure) {
      setError(fields.refuseFrom(failure));
      setBusy(false);
    }
  }

  const whoseError = fields.message('usingCustomersCard');
  return (
    <Dialog title={t('billing_cardDialogTitle', { name: client.name })} onClose={onClose}>
      <form onSubmit={(event) => void onSave(event)} noValidate data-testid="change-card-dialog">
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
              checked={fields.values.usingCustomersCard === true}
              onChange={() => fields.change('usingCustomersCard', true)}
            />{' '}
            {t('billing_usingCustomersCardYes')}
          </label>
          <label>
            <input
              type="radio"
              name="payment.usingCustomersCard"
              checked={fields.values.usingCustomersCard === false}
              onChange={() => fields.change('usingCustomersCard', false)}
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
          {...fields.select('brand', CARD_BRANDS)}
          label={t('field_payment_brand')}
          required
          options={CARD_BRANDS.map((brand) => ({ value: brand, label: t(CARD_BRAND_KEYS[brand]) }))}
        />
        {(['last4', 'expiry'] as const).map((field) => (
          <TextField
            key={field}
            {...fields.text(field)}
            onInput={(value) => type(field, value)}
            label={t(field === 'last4' ? 'field_payment_last4' : 'field_payment_expiry')}
            required
            inputMode="numeric"
            autoComplete="off"
            hint={t(field === 'last4' ? 'billing_last4Hint' : 'billing_expiryHint')}
          />
        ))}
        {error && <p role="alert">{error}</p>}
        <DialogActions onCancel={onClose} confirmLabel={t('billing_cardSave')} disabled={busy} />
      </form>
    </Dialog>
  );
}
