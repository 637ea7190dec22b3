import { useState } from 'preact/hooks';
import { useLiveQuery } from '../../../../components/useLiveQuery';
import { errorMessage, formatNumber, t } from '../../../../lib/i18n';
import type { Client } from '../../../../lib/model/client';
import { getUsageOverview, reallocateQuota } from '../../../../lib/ops';
import { Notice } from '../Notice';
import { QuotaBar } from '../QuotaBar';
import { TextField } from '../TextField';
import { useFormValues } from '../useFormValues';
import { useNow } from '../useNow';
import { wholeNumberFromText } from '../../../../lib/io/whole-number';
import { forecastSentence } from './forecast-sentence';
import { quotaPreview } from './quota-preview';
import { RecordUsageForm } from './RecordUsageForm';
import { UsageChart } from './UsageChart';

interface QuotaSectionProps {
  client: Client;
  free: number;
  readOnly: boolean;
}

/**
 * Quota Usage: the numbers, the run-out forecast and the chart of the billing period; Record
 * visitors used; and Reallocate visitors: a new quota with the pool before and after, refused
 * with the reason.
 */
export function QuotaSection({ client, free, readOnly }: QuotaSectionProps) {
  // The minute's clock: the forecast and the period roll over on an open page at midnight.
  const now = useNow();
  const { value: usage } = useLiveQuery(() => getUsageOverview(client.orgId, now), [client.orgId, now]);
  const forecast = usage && forecastSentence(usage, client);
  const form = useFormValues({ quota: String(client.quota) });
  const typed = form.values.quota;
  const [outcome, setOutcome] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const preview = quotaPreview(client, typed, free);
  const remaining = Math.max(0, client.quota - client.usedVisitors);

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const before = client.quota;
    const since = form.mark();
    try {
      const updated = await reallocateQuota(client.orgId, wholeNumberFromText(typed) ?? Number.NaN);
      // The quota as stored, unless another was typed while this one was saved.
      form.settle({ quota: String(updated.quota) }, since);
      setOutcome({
        text:
          updated.quota === before
            ? t('overview_quotaUnchanged', { quota: before })
            : t('overview_quotaChanged', { before, after: updated.quota }),
        error: false,
      });
    } catch (error) {
      setOutcome({ text: errorMessage(error), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="overview-section" aria-labelledby="quota-heading">
      <h3 id="quota-heading">{t('overview_quotaHeading')}</h3>
      <QuotaBar used={client.usedVisitors} quota={client.quota} />
      <dl class="overview-stats" data-testid="quota-stats">
        <div>
          <dt>{t('overview_used')}</dt>
          <dd data-testid="quota-used">{formatNumber(client.usedVisitors)}</dd>
        </div>
        <div>
          <dt>{t('overview_remaining')}</dt>
          <dd data-testid="quota-remaining">{formatNumber(remaining)}</dd>
        </div>
        <div>
          <dt>{t('overview_quota')}</dt>
          <dd data-testid="quota-total">{formatNumber(client.quota)}</dd>
        </div>
      </dl>
      {forecast && <p data-testid="quota-forecast">{forecast}</p>}
      {usage && (
        <>
          <h4>{t('overview_usageChartHeading')}</h4>
          <UsageChart usage={usage} forecast={client.status !== 'inactive'} />
        </>
      )}
      {!readOnly && usage && <RecordUsageForm client={client} current={usage.usedVisitors} />}
      {!readOnly && (
        <form class="overview-reallocate" noValidate onSubmit={(event) => void onSubmit(event)}>
          <h4>{t('overview_reallocateHeading')}</h4>
          <TextField
            name="overview.quota"
            label={t('overview_adjustQuota')}
            value={typed}
            inputMode="numeric"
            autoComplete="off"
            hint={t('overview_adjustHint')}
            error={preview.kind === 'invalid' || preview.kind === 'refused' ? preview.reason : undefined}
            onInput={(value) => {
              form.change('quota', value);
              setOutcome(null);
            }}
          />
          <p aria-live="polite" data-testid="quota-preview">
            {preview.kind === 'allowed'
              ? t('overview_poolBeforeAfter', { before: preview.freeNow, after: preview.freeAfter })
              : t('overview_poolNow', { free: preview.freeNow })}
          </p>
          <button type="submit" disabled={busy}>
            {t('overview_reallocate')}
          </button>
          <Notice notice={outcome} testId="quota-outcome" alertTestId="quota-refusal" />
        </form>
      )}
    </section>
  );
}
