import { useState } from 'preact/hooks';
import { errorMessage, t } from '../../lib/i18n';
import type { Client } from '../../lib/model/client';
import { BILLING_CYCLES, type BillingCycle, subscriptionInputSchema } from '../../lib/model/subscription';
import { setSubscription } from '../../lib/ops/subscription';
import { Dialog } from '../Dialog';
import { DialogActions } from '../DialogActions';
import { messagesByField, validateForm } from '../form';
import { SelectField } from '../SelectField';
import { TextField } from '../TextField';
import { wholeNumberFromText } from '../whole-number';
import { BILLING_CYCLE_KEYS } from './labels';
import './partner.css';

type PlanField = 'plan' | 'licensedVisitors' | 'renewalDate' | 'billingCycle';
const FIELDS: readonly PlanField[] = ['plan', 'licensedVisitors', 'renewalDate', 'billingCycle'];

interface PlanValues {
  plan: string;
  licensedVisitors: string;
  renewalDate: string;
  billingCycle: BillingCycle;
}

function toInput(values: PlanValues) {
  return { ...values, licensedVisitors: wholeNumberFromText(values.licensedVisitors) };
}

interface SubscriptionDialogProps {
  client: Pick<Client, 'orgId' | 'name' | 'quota' | 'subscription'>;
  onClose: () => void;
  onDone: (notice: string) => void;
}

/** Changes a client's plan, licensed visitors (its quota from the pool), renewal date and billing cycle. */
export function SubscriptionDialog({ client, onClose, onDone }: SubscriptionDialogProps) {
  const [values, setValues] = useState<PlanValues>({
    plan: client.subscription?.plan ?? '',
    licensedVisitors: String(client.quota),
    renewalDate: client.subscription?.renewalDate ?? '',
    billingCycle: client.subscription?.billingCycle ?? 'monthly',
  });
  const [left, setLeft] = useState<ReadonlySet<PlanField>>(new Set());
  const [refusals, setRefusals] = useState<Partial<Record<PlanField, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = validateForm(subscriptionInputSchema, toInput(values), 'subscription');
  const shown = (field: PlanField) => refusals[field] ?? (left.has(field) ? errors[field] : undefined);
  const change = (field: PlanField, value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setRefusals(({ [field]: _gone, ...rest }) => rest);
  };
  const leave = (field: PlanField) => () => setLeft((previous) => new Set([...previous, field]));

  async function onSave(event: Event) {
    event.preventDefault();
    setLeft(new Set(FIELDS));
    setError(null);
    const first = FIELDS.find((field) => errors[field] !== undefined);
    if (first) {
      document.getElementById(`field-subscription-${first}`)?.focus();
      return;
    }
    const { licensedVisitors, ...plan } = toInput(values);
    if (licensedVisitors === undefined) return;
    setBusy(true);
    try {
      await setSubscription(client.orgId, { ...plan, licensedVisitors });
      onDone(t('billing_planSavedNotice', { name: client.name }));
    } catch (failure) {
      const byField = messagesByField(failure);
      const refused = FIELDS.filter((field) => byField[field] !== undefined);
      setRefusals(Object.fromEntries(refused.map((field) => [field, byField[field]])));
      if (refused[0]) document.getElementById(`field-subscription-${refused[0]}`)?.focus();
      else setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('billing_planDialogTitle', { name: client.name })} onClose={onClose}>
      <form onSubmit={onSave} noValidate data-testid="subscription-dialog">
        <TextField
          name="subscription.plan"
          label={t('field_subscription_plan')}
          value={values.plan}
          required
          error={shown('plan')}
          onInput={(value) => change('plan', value)}
          onBlur={leave('plan')}
        />
        <TextField
          name="subscription.licensedVisitors"
          label={t('field_subscription_licensedVisitors')}
          value={values.licensedVisitors}
          required
          inputMode="numeric"
          hint={t('billing_licensesHint')}
          error={shown('licensedVisitors')}
          onInput={(value) => change('licensedVisitors', value)}
          onBlur={leave('licensedVisitors')}
        />
        <TextField
          name="subscription.renewalDate"
          label={t('field_subscription_renewalDate')}
          value={values.renewalDate}
          required
          hint={t('billing_dateHint')}
          error={shown('renewalDate')}
          onInput={(value) => change('renewalDate', value)}
          onBlur={leave('renewalDate')}
        />
        <SelectField
          name="subscription.billingCycle"
          label={t('field_subscription_billingCycle')}
          value={values.billingCycle}
          required
          options={BILLING_CYCLES.map((cycle) => ({ value: cycle, label: t(BILLING_CYCLE_KEYS[cycle]) }))}
          error={shown('billingCycle')}
          onChange={(value) => change('billingCycle', value)}
        />
        {error && <p role="alert">{error}</p>}
        <DialogActions onCancel={onClose} confirmLabel={t('billing_planSave')} disabled={busy} />
      </form>
    </Dialog>
  );
}
