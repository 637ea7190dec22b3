import { useState } from 'preact/hooks';
import { useWorkspaceBarAccess } from '../components/settings/useWorkspaceBarAccess';
import { Notice } from '../components/Notice';
import { SelectField } from '../components/SelectField';
import {
  patchFrom,
  type SettingsField,
  settingsChecks,
  type SettingsValues,
  timeZoneOptions,
  valuesFrom,
} from '../components/settings/settings-values';
import { ReminderLog } from '../components/settings/ReminderLog';
import { TemplatePreview } from '../components/settings/TemplatePreview';
import { UsageSourceSettings } from '../components/settings/UsageSourceSettings';
import { UsageWarningLog } from '../components/settings/UsageWarningLog';
import { WebhookSettings } from '../components/settings/WebhookSettings';
import { TeamReason } from '../components/team/TeamReason';
import { TeamSettings } from '../components/team/TeamSettings';
import { useTeamPermission } from '../components/team/use-team-permission';
import { TextField } from '../components/TextField';
import { useFormFields } from '../components/useFormFields';
import { useLiveQuery } from '../../../components/useLiveQuery';
import '../components/settings/settings.css';
import { errorMessage, formatNumber, t } from '../../../lib/i18n';
import { isAppError } from '../../../lib/model/errors';
import { LANGUAGES, type Settings } from '../../../lib/model/settings';
import { getPoolSummary, getSettings, updateSettings } from '../../../lib/ops';
import { listClientPage } from '../../../lib/ops/client-list';

const FIELD_ORDER: SettingsField[] = [
  'agencyName',
  'poolSize',
  'workspaceUrlTemplate',
  'reminderDays',
  'billingDay',
  'usageWarningLevels',
  'timeZone',
  'language',
];
const BILLING_DAYS = Array.from({ length: 28 }, (_, index) => String(index + 1));

/**
 * Settings: the agency, its pool, the workspace template, reminders, billing, usage warnings,
 * time zone and language; then the webhook, the usage source and what was sent.
 */
export function SettingsView() {
  const { value: settings } = useLiveQuery(getSettings, []);
  if (!settings) return <p role="status">{t('settings_loading')}</p>;
  return (
    <>
      <SettingsForm saved={settings} />
      <TeamSettings />
      <WebhookSettings />
      <UsageSourceSettings settings={settings} />
      <ReminderLog timeZone={settings.timeZone} />
      <UsageWarningLog timeZone={settings.timeZone} />
    </>
  );
}

function SettingsForm({ saved }: { saved: Settings }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [saving, setSaving] = useState(false);
  const { value: pool } = useLiveQuery(getPoolSummary, []);
  const { value: first } = useLiveQuery(() => listClientPage({ limit: 1 }), []);
  const bannerAccess = useWorkspaceBarAccess(saved.workspaceUrlTemplate);
  // On a shared roster the agency's settings are its owner's to change (lib/rules/team-permissions.ts).
  const team = useTeamPermission('settings.update');
  const fields = useFormFields<SettingsValues>({
    ...settingsChecks(saved, pool?.allocated),
    initial: () => valuesFrom(saved),
    fields: FIELD_ORDER,
    plainNames: true,
  });
  const { values } = fields;

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (!team.allowed) return;
    if (!fields.checkAll()) {
      setNotice({ key: 'settings_notSaved', error: true });
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
      // The pool's refusal is about the pool size, though it names no field.
      const placed =
        isAppError(error) && error.key === 'error_poolBelowAllocated' ? { poolSize: errorMessage(error) } : {};
      const general = fields.refuseFrom(error, placed);
      setNotice(general === null ? { key: 'settings_notSaved', error: true } : { text: general, error: true });
    } finally {
      setSaving(false);
    }
  }

  const sample = first?.items[0];
  const zones = timeZoneOptions(values.timeZone);
  const languageOptions = [
    { value: 'auto', label: t('settings_languageAuto') },
    { value: 'en', label: t('settings_languageEnglish'), lang: 'en' },
    { value: 'ja', label: t('settings_languageJapanese'), lang: 'ja' },
  ];

  return (
    <section aria-labelledby="settings-heading" class="settings">
      <h2 id="settings-heading">{t('settings_heading')}</h2>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <fieldset>
          <legend>{t('settings_groupAgency')}</legend>
          <TextField
            {...fields.text('agencyName')}
            label={t('field_settings_agencyName')}
            required
            autoComplete="organization"
          />
          <TextField
            {...fields.text('poolSize')}
            label={t('field_settings_poolSize')}
            required
            inputMode="numeric"
            hint={pool ? t('settings_poolHint', { allocated: formatNumber(pool.allocated) }) : undefined}
          />
        </fieldset>
        <fieldset>
          <legend>{t('settings_groupWorkspace')}</legend>
          <TextField
            {...fields.text('workspaceUrlTemplate')}
            type="url"
            inputMode="url"
            label={t('field_settings_workspaceUrlTemplate')}
            hint={t('settings_templateHint')}
          />
          <TemplatePreview
            template={values.workspaceUrlTemplate}
            valid={fields.errors.workspaceUrlTemplate === undefined}
            client={sample}
          />
          <p role="status" class="hint" data-testid="banner-access">
            {bannerAccess.text ?? ''}
          </p>
        </fieldset>
        <fieldset>
          <legend>{t('settings_groupSchedule')}</legend>
          <TextField
            {...fields.text('reminderDays')}
            label={t('field_settings_reminderDays')}
            hint={t('settings_reminderHint')}
          />
          <SelectField
            {...fields.select('billingDay', BILLING_DAYS)}
            label={t('field_settings_billingDay')}
            required
            options={BILLING_DAYS.map((day) => ({ value: day, label: formatNumber(Number(day)) }))}
            hint={t('settings_billingDayHint')}
          />
        </fieldset>
        <fieldset>
          <legend>{t('settings_groupUsage')}</legend>
          <TextField
            {...fields.text('usageWarningLevels')}
            label={t('field_settings_usageWarningLevels')}
            hint={t('settings_usageLevelsHint')}
          />
        </fieldset>
        <fieldset>
          <legend>{t('settings_groupRegion')}</legend>
          <SelectField
            {...fields.select('timeZone', zones)}
            label={t('field_settings_timeZone')}
            required
            options={zones.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }))}
            hint={t('settings_timeZoneHint')}
          />
          <SelectField
            {...fields.select('language', LANGUAGES)}
            label={t('field_settings_language')}
            required
            options={languageOptions}
            hint={t('settings_languageHint')}
          />
        </fieldset>
        <div class="settings-actions">
          <button
            type="submit"
            disabled={saving || !team.allowed}
            aria-describedby={team.allowed ? undefined : 'settings-save-reason'}
          >
            {t('settings_save')}
          </button>
          <Notice notice={notice} testId="settings-notice" />
        </div>
        <TeamReason id="settings-save-reason" reason={team.reason} />
      </form>
    </section>
  );
}
