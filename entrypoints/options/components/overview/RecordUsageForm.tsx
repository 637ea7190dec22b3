import { useEffect, useState } from 'preact/hooks';
import { errorMessage, fieldMessage, t } from '../../../../lib/i18n';
import { wholeNumberFromText } from '../../../../lib/io/whole-number';
import type { Client } from '../../../../lib/model/client';
import { isAppError } from '../../../../lib/model/errors';
import { setVisitorsUsed } from '../../../../lib/ops';
import { fieldId } from '../FieldFrame';
import { Notice } from '../Notice';
import { TextField } from '../TextField';
import { useFormValues } from '../useFormValues';

interface RecordUsageFormProps {
  client: Client;
  /** Visitors used in the current billing period: what the number field starts from. */
  current: number;
}

type FieldName = 'visitors' | 'reason';
const FIELD_NAMES: Record<FieldName, string> = { visitors: 'overview.visitors', reason: 'overview.reason' };

/** The outcome of a saved number: set, unchanged, or set and the client paused or unpaused by it. */
function outcomeText(before: Client, after: Client, visitors: number, current: number): string {
  if (before.status !== 'paused' && after.status === 'paused')
    return t('overview_visitorsPaused', { name: after.name });
  if (before.status === 'paused' && after.status === 'active')
    return t('overview_visitorsUnpaused', { visitors, name: after.name });
  return visitors === current ? t('overview_visitorsUnchanged', { visitors }) : t('overview_visitorsSet', { visitors });
}

/**
 * Record visitors used: the number the vendor's console shows for this billing period, set as
 * it is (not added). A lower number is a correction, and asks why: the reason field appears
 * as such a number is typed, and the history keeps what is written in it.
 */
export function RecordUsageForm({ client, current }: RecordUsageFormProps) {
  const form = useFormValues({ visitors: String(current), reason: '' });
  // Until someone types, the box follows the stored number (the usage source may change it meanwhile).
  const text = form.changedSince(0)('visitors') ? form.values.visitors : String(current);
  const typed = wholeNumberFromText(text);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [outcome, setOutcome] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const [focus, setFocus] = useState<FieldName | null>(null);
  const lower = typed !== undefined && typed < current;
  const asksReason = lower || errors.reason !== undefined;

  // A refusal about a field moves the focus to it, which reads out its error.
  useEffect(() => {
    if (focus === null) return;
    document.getElementById(fieldId(FIELD_NAMES[focus]))?.focus();
    setFocus(null);
  }, [focus]);

  function change(field: FieldName, value: string) {
    form.change(field, value);
    setErrors((previous) => ({ ...previous, [field]: undefined }));
    setOutcome(null);
  }

  function refuse(error: unknown, visitors: number) {
    if (isAppError(error) && error.key === 'error_usageLowerNeedsReason') {
      setErrors({ reason: errorMessage(error) });
      setFocus('reason');
      return;
    }
    const [problem] = isAppError(error) && error.code === 'validation' ? error.problems : [];
    if (problem) {
      // The number is checked before the reason: a problem with a whole number of visitors is the reason's.
      const reasonsProblem = Number.isSafeInteger(visitors) && visitors >= 0;
      const field: FieldName = reasonsProblem ? 'reason' : 'visitors';
      setErrors({
        [field]: reasonsProblem ? fieldMessage({ ...problem, labelKey: 'overview_recordReason' }) : errorMessage(error),
      });
      setFocus(field);
      return;
    }
    setOutcome({ text: errorMessage(error), error: true });
  }

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setErrors({});
    setOutcome(null);
    const visitors = typed ?? Number.NaN;
    const since = form.mark();
    try {
      const updated = await setVisitorsUsed(client.orgId, visitors, lower ? { reason: form.values.reason } : {});
      form.settle({ visitors: String(visitors), reason: '' }, since);
      setOutcome({ text: outcomeText(client, updated, visitors, current), error: false });
    } catch (error) {
      refuse(error, visitors);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="overview-record" noValidate onSubmit={(event) => void onSubmit(event)}>
      <h4>{t('overview_recordHeading')}</h4>
      <TextField
        name={FIELD_NAMES.visitors}
        label={t('overview_recordVisitors')}
        value={text}
        inputMode="numeric"
        autoComplete="off"
        hint={t('overview_recordHint')}
        error={errors.visitors}
        onInput={(value) => change('visitors', value)}
      />
      {asksReason && (
        <TextField
          name={FIELD_NAMES.reason}
          label={t('overview_recordReason')}
          value={form.values.reason}
          required
          autoComplete="off"
          hint={t('overview_recordReasonHint')}
          error={errors.reason}
          onInput={(value) => change('reason', value)}
        />
      )}
      <button type="submit" disabled={busy}>
        {t('overview_record')}
      </button>
      <Notice notice={outcome} testId="record-outcome" alertTestId="record-refusal" />
    </form>
  );
}
