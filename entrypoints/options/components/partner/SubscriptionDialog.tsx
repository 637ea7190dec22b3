import { useState } from 'preact/hooks';
import { t } from '../../../../lib/i18n';
import type { Client } from '../../../../lib/model/client';
import { BILLING_CYCLES, type BillingCycle, subscriptionInputSchema } from '../../../../lib/model/subscription';
import { setSubscription } from '../../../../lib/ops/subscription';
import { Dialog } from '../Dialog';
import { DialogActions } from '../DialogActions';
import { SelectField } from '../SelectField';
import { TextField } from '../TextField';
import { useFormFields } from '../useFormFields';
import { wholeNumberFromText } from '../../../../lib/io/whole-number';
import { BILLING_CYCLE_KEYS } from './labels';
import './partner.css';

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
  const fields = useFormFields<PlanValues>({
    scope: 'subscription',
    schema: subscriptionInputSchema,
    fields: ['plan', 'licensedVisitors', 'renewalDate', 'billingCycle'],
    toInput,
    initial: () => ({
      plan: client.subscription?.plan ?? '',
      licensedVisitors: String(client.quota),
      renewalDate: client.subscription?.renewalDate ?? '',
      billingCycle: client.subscription?.billingCycle ?? 'monthly',
    }),
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSave(event: Event) {
    event.preventDefault();
    setError(null);
    if (!fields.checkAll()) return;
    const { licensedVisitors, ...plan } = toInput(fields.values);
    if (licensedVisitors === undefined) return;
    setBusy(true);
    try {
      await setSubscription(client.orgId, { ...plan, licensedVisitors });
      onDone(t('billing_planSavedNotice', { name: client.name }));
    } catch (failure) {
      setError(fields.refuseFrom(failure));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('billing_planDialogTitle', { name: client.name })} onClose={onClose}>
      <form onSubmit={(event) => void onSave(event)} noValidate data-testid="subscription-dialog">
        <TextField {...fields.text('plan')} label={t('field_subscription_plan')} required />
        <TextField
          {...fields.text('licensedVisitors')}
          label={t('field_subscription_licensedVisitors')}
          required
          inputMode="numeric"
          hint={t('billing_licensesHint')}
        />
        <TextField
          {...fields.text('renewalDate')}
          label={t('field_subscription_renewalDate')}
          required
          hint={t('billing_dateHint')}
        />
        <SelectField
          {...fields.select('billingCycle', BILLING_CYCLES)}
          label={t('field_subscription_billingCycle')}
          required
          options={BILLING_CYCLES.map((cycle) => ({ value: cycle, label: t(BILLING_CYCLE_KEYS[cycle]) }))}
        />
        {error && <p role="alert">{error}</p>}
        <DialogActions onCancel={onClose} confirmLabel={t('billing_planSave')} disabled={busy} />
      </form>
    </Dialog>
  );
}
