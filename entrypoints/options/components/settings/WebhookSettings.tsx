import { useState } from 'preact/hooks';
import { Notice } from '../Notice';
import { TextField } from '../TextField';
import { useFormFields } from '../useFormFields';
import { useLiveQuery } from '../../../../components/useLiveQuery';
import { usePermissionCheck } from '../usePermissionCheck';
import { TeamReason } from '../team/TeamReason';
import { useTeamPermission } from '../team/use-team-permission';
import { accessStillNeeded } from '../../../../lib/rules/host-access';
import { t } from '../../../../lib/i18n';
import { reminderWebhookSchema } from '../../../../lib/model/settings-schema';
import { getSettings } from '../../../../lib/ops';
import { setReminderWebhook } from '../../../../lib/ops/reminders';
import { getTeamStatus } from '../../../../lib/ops/team-status';
import {
  hasOriginPermission,
  removeOriginPermission,
  requestOriginPermission,
} from '../../../../lib/platform/permissions';

/** What is typed, or null while the saved address shows. */
interface WebhookValues {
  reminderWebhookUrl: string | null;
}

/**
 * The reminder webhook: reminders are also posted to this address. Saving asks the browser
 * for access to that one host, from the click itself, as browsers require.
 */
export function WebhookSettings() {
  const { value: settings } = useLiveQuery(getSettings, []);
  const saved = settings?.reminderWebhookUrl ?? '';
  const granted = usePermissionCheck(async () => (saved ? hasOriginPermission(saved) : true), [saved]);
  // Null shows the saved address; what is typed replaces it until saved.
  const fields = useFormFields<WebhookValues>({
    scope: 'settings',
    schema: reminderWebhookSchema,
    toInput: (values) => ({ reminderWebhookUrl: values.reminderWebhookUrl ?? saved }),
    initial: { reminderWebhookUrl: null },
    fields: ['reminderWebhookUrl'],
    plainNames: true,
  });
  const [notice, setNotice] = useState<Notice | null>(null);
  // The webhook is one of the agency's settings: on a shared roster, its owner's to change.
  const team = useTeamPermission('settings.update');
  const value = fields.values.reminderWebhookUrl ?? saved;

  async function onSave(event: Event) {
    event.preventDefault();
    if (!team.allowed || !fields.checkAll()) return;
    const target = value.trim();
    try {
      // The permission prompt only shows during the click: it must be the first thing awaited.
      if (target !== '' && !(await requestOriginPermission(target))) {
        setNotice({ key: 'settings_webhookPermissionDenied', error: true });
        return;
      }
      await setReminderWebhook(target === '' ? undefined : target);
      // The usage source or the workspace bar may read from the same host: its access stays then.
      if (target === '' && saved !== '') {
        const teamServerUrl = (await getTeamStatus())?.connection.serverUrl;
        if (!(settings && accessStillNeeded(saved, settings, 'reminderWebhook', teamServerUrl)))
          await removeOriginPermission(saved).catch(() => false);
      }
      // Back to the saved address, unless another was typed while this one was saved.
      fields.reset({ reminderWebhookUrl: null });
      setNotice({ key: target === '' ? 'settings_webhookRemoved' : 'settings_webhookSaved', error: false });
    } catch (failure) {
      const general = fields.refuseFrom(failure);
      if (general !== null) setNotice({ text: general, error: true });
    }
  }

  return (
    <form
      class="settings-webhook"
      onSubmit={(event) => void onSave(event)}
      noValidate
      aria-labelledby="webhook-heading"
    >
      <h3 id="webhook-heading">{t('settings_webhookHeading')}</h3>
      <p class="hint">{t('settings_webhookIntro')}</p>
      <TextField
        name="reminderWebhookUrl"
        type="url"
        inputMode="url"
        label={t('field_settings_reminderWebhookUrl')}
        value={value}
        onInput={(text) => fields.change('reminderWebhookUrl', text)}
        onBlur={() => fields.leave('reminderWebhookUrl')}
        error={fields.message('reminderWebhookUrl')}
        hint={t('settings_webhookHint')}
      />
      {saved !== '' && granted === false && (
        <p role="alert" data-testid="webhook-permission-missing">
          {t('settings_webhookPermissionMissing')}
        </p>
      )}
      <div class="settings-actions">
        <button
          type="submit"
          disabled={!team.allowed}
          aria-describedby={team.allowed ? undefined : 'webhook-save-reason'}
        >
          {t('settings_webhookSave')}
        </button>
        <Notice notice={notice} testId="webhook-notice" />
      </div>
      <TeamReason id="webhook-save-reason" reason={team.reason} />
    </form>
  );
}
