import { useRef, useState } from 'preact/hooks';
import { messagesByField, validateForm } from '../../../components/form';
import { useWorkspaceBarAccess } from '../../../components/settings/useWorkspaceBarAccess';
import { SelectField } from '../../../components/SelectField';
import {
  patchFrom,
  reminderFormatError,
  type SettingsField,
  type SettingsValues,
  timeZoneOptions,
  valuesFrom,
} from '../../../components/settings/settings-values';
import { ReminderLog } from '../../../components/settings/ReminderLog';
import { TemplatePreview } from '../../../components/settings/TemplatePreview';
import { WebhookSettings } from '../../../components/settings/WebhookSettings';
import { TextField } from '../../../components/TextField';
import { useLiveQuery } from '../../../components/useLiveQuery';
import '../../../components/settings/settings.css';
import { errorMessage, formatNumber, t } from '../../../lib/i18n';
import { isAppError } from '../../../lib/model/errors';
import type { MessageKey } from '../../../lib/model/messages';
import type { Settings } from '../../../lib/model/settings';
import { settingsSchema } from '../../../lib/model/settings-schema';
import { getPoolSummary, getSettings, updateSettings } from '../../../lib/ops';
import { listClientPage } from '../../../lib/ops/client-list';

const FIELD_ORDER: SettingsField[] = ['agencyName', 'poolSize', 'workspaceUrlTemplate', 'reminderDays', 'billingDay', 'timeZone', 'language'];
const BILLING_DAYS = Array.from({ length: 28 }, (_, index) => String(index + 1));

/** Settings: the agency, its pool, the workspace template, reminders, billing, time zone and language. */
export function SettingsView() {
  const { value: settings } = useLiveQuery(getSettings, []);
  if (!settings) return <p role="status">{t('settings_loading')}</p>;
  return (
    <>
      <SettingsForm saved={settings} />
      <WebhookSettings />
      <ReminderLog />
    </>
  );
}

type Notice = { key: MessageKey; error: false } | { text: string; error: true };

function SettingsForm({ saved }: { saved: Settings }) {
  const [values, setValues] = useState<SettingsValues>(() => valuesFrom(saved));
  const [touched, setTouched] = useState<Set<SettingsField>>(new Set());
  const [refusals, setRefusals] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const { value: pool } = useLiveQuery(getPoolSummary, []);
  const { value: first } = useLiveQuery(() => listClientPage({ limit: 1 }), []);
  const bannerAccess = useWorkspaceBarAccess(saved.workspaceUrlTemplate);

  function check(current: SettingsValues): Record<string, string> {
    const errors = validateForm(settingsSchema, { ...saved, ...patchFrom(current) }, 'settings');
    const format = reminderFormatError(current);
    if (format) errors.reminderDays = format;
    const poolSize = patchFrom(current).poolSize;
    if (!errors.poolSize && pool && poolSize !== undefined && poolSize < pool.allocated)
      errors.poolSize = t('error_poolBelowAllocated', { allocated: pool.allocated });
    return errors;
  }

  const errors = { ...check(values), ...refusals };
  const shown = (field: SettingsField) => (touched.has(field) ? errors[field] : undefined);

  function set(field: SettingsField, value: string) {
    setValues((previous) => ({ ...previous, [field]: value }));
    setRefusals((previous) => {
      const { [field]: _dropped, ...rest } = previous;
      return rest;
    });
  }
  const blur = (field: SettingsField) => () => setTouched((previous) => new Set(previous).add(field));

  async function onSubmit(event: Event) {
    event.preventDefault();
    setTouched(new Set(FIELD_ORDER));
    const found = check(values);
    const firstInvalid = FIELD_ORDER.find((field) => found[field]);
    if (firstInvalid) {
      setNotice({ key: 'settings_notSaved', error: false });
      formRef.current?.querySelector<HTMLElement>(`[name="${firstInvalid}"]`)?.focus();
      return;
    }
    const patch = patchFrom(values);
    // The browser shows its access prompt only during the click: asked before anything is awaited.
    const accessRequest = bannerAccess.ask(patch.workspaceUrlTemplate);
    setSaving(true);
    try {
      await updateSettings(patch);
      setNotice({ key: 'settings_saved', error: false });
      // Not awaited: the prompt may stay open for as long as the person leaves it.
      void bannerAccess.afterSave(accessRequest).catch(() => undefined);
    } catch (error) {
      const byField = messagesByField(error);
      if (isAppError(error) && error.key === 'error_poolBelowAllocated') byField.poolSize = errorMessage(error);
      setRefusals(byField);
      setNotice(Object.keys(byField).length > 0 ? { key: 'settings_notSaved', error: false } : { text: errorMessage(error), error: true });
    } finally {
      setSaving(false);
    }
  }

  const sample = first?.items[0];
  const languageOptions = [
    { value: 'auto', label: t('settings_languageAuto') },
    { value: 'en', label: t('settings_languageEnglish'), lang: 'en' },
    { value: 'ja', label: t('settings_languageJapanese'), lang: 'ja' },
  ];
  const noticeIsError = notice !== null && (notice.error || notice.key === 'settings_notSaved');

  return (
    <section aria-labelledby="settings-heading" class="settings">
      <h2 id="settings-heading">{t('settings_heading')}</h2>
      <form ref={formRef} onSubmit={(event) => void onSubmit(event)} noValidate>
        <fieldset>
          <legend>{t('settings_groupAgency')}</legend>
          <TextField name="agencyName" label={t('field_settings_agencyName')} value={values.agencyName} required autoComplete="organization" onInput={(value) => set('agencyName', value)} onBlur={blur('agencyName')} error={shown('agencyName')} />
          <TextField
            name="poolSize"
            label={t('field_settings_poolSize')}
            value={values.poolSize}
            required
            inputMode="numeric"
            onInput={(value) => set('poolSize', value)}
            onBlur={blur('poolSize')}
            error={shown('poolSize')}
            hint={pool ? t('settings_poolHint', { allocated: formatNumber(pool.allocated) }) : undefined}
          />
        </fieldset>
        <fieldset>
          <legend>{t('settings_groupWorkspace')}</legend>
          <TextField name="workspaceUrlTemplate" type="url" inputMode="url" label={t('field_settings_workspaceUrlTemplate')} value={values.workspaceUrlTemplate} onInput={(value) => set('workspaceUrlTemplate', value)} onBlur={blur('workspaceUrlTemplate')} error={shown('workspaceUrlTemplate')} hint={t('settings_templateHint')} />
          <TemplatePreview template={values.workspaceUrlTemplate} valid={!errors.workspaceUrlTemplate} client={sample} />
          <p role="status" class="hint" data-testid="banner-access">
            {bannerAccess.text ?? ''}
          </p>
        </fieldset>
        <fieldset>
          <legend>{t('settings_groupSchedule')}</legend>
          <TextField name="reminderDays" label={t('field_settings_reminderDays')} value={values.reminderDays} onInput={(value) => set('reminderDays', value)} onBlur={blur('reminderDays')} error={shown('reminderDays')} hint={t('settings_reminderHint')} />
          <SelectField name="billingDay" label={t('field_settings_billingDay')} value={values.billingDay} required options={BILLING_DAYS.map((day) => ({ value: day, label: formatNumber(Number(day)) }))} onChange={(value) => set('billingDay', value)} onBlur={blur('billingDay')} error={shown('billingDay')} hint={t('settings_billingDayHint')} />
        </fieldset>
        <fieldset>
          <legend>{t('settings_groupRegion')}</legend>
          <SelectField name="timeZone" label={t('field_settings_timeZone')} value={values.timeZone} required options={timeZoneOptions(values.timeZone).map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }))} onChange={(value) => set('timeZone', value)} onBlur={blur('timeZone')} error={shown('timeZone')} hint={t('settings_timeZoneHint')} />
          <SelectField name="language" label={t('field_settings_language')} value={values.language} required options={languageOptions} onChange={(value) => set('language', value)} onBlur={blur('language')} error={shown('language')} hint={t('settings_languageHint')} />
        </fieldset>
        <div class="settings-actions">
          <button type="submit" disabled={saving}>
            {t('settings_save')}
          </button>
          {notice && (
            <p role={noticeIsError ? 'alert' : 'status'} data-testid="settings-notice">
              {notice.error ? notice.text : t(notice.key)}
            </p>
          )}
        </div>
      </form>
    </section>
  );
}
