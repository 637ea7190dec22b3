import { useState } from 'preact/hooks';
import { messagesByField } from '../form';
import { Notice } from '../Notice';
import { TextField } from '../TextField';
import { useFormValues } from '../useFormValues';
import { useLiveQuery } from '../useLiveQuery';
import { usePermissionCheck } from '../usePermissionCheck';
import { errorMessage, t } from '../../lib/i18n';
import { isWebhookUrl } from '../../lib/model/webhook';
import { getSettings } from '../../lib/ops';
import { setReminderWebhook } from '../../lib/ops/reminders';
import { hasOriginPermission, removeOriginPermission, requestOriginPermission } from '../../lib/platform/permissions';

/**
 * The reminder webhook: reminders are also posted to this address. Saving asks the browser
 * for access to that one host, from the click itself, as browsers require.
 */
export function WebhookSettings() {
  const { value: settings } = useLiveQuery(getSettings, []);
  const saved = settings?.reminderWebhookUrl ?? '';
  const granted = usePermissionCheck(async () => (saved ? hasOriginPermission(saved) : true), [saved]);
  // Null shows the saved address; what is typed replaces it until saved.
  const form = useFormValues<{ url: string | null }>({ url: null });
  const { url } = form.values;
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<Notice | null>(null);
  const value = url ?? saved;

  const formatError = (text: string) =>
    text.trim() !== '' && !isWebhookUrl(text.trim())
      ? t('error_webhookNotHttps', { field: t('field_settings_reminderWebhookUrl') })
      : undefined;

  async function onSave(event: Event) {
    event.preventDefault();
    setTouched(true);
    const since = form.mark();
    const target = value.trim();
    const problem = formatError(target);
    if (problem) {
      setError(problem);
      return;
    }
    try {
      // The permission prompt only shows during the click: it must be the first thing awaited.
      if (target !== '' && !(await requestOriginPermission(target))) {
        setNotice({ key: 'settings_webhookPermissionDenied', error: true });
        return;
      }
      await setReminderWebhook(target === '' ? undefined : target);
      if (target === '' && saved !== '') await removeOriginPermission(saved).catch(() => false);
      // Back to the saved address, unless another was typed while this one was saved.
      if (!form.changedSince(since)('url')) setError(undefined);
      form.settle({ url: null }, since);
      setNotice({ key: target === '' ? 'settings_webhookRemoved' : 'settings_webhookSaved', error: false });
    } catch (failure) {
      const byField = messagesByField(failure);
      setError(byField.reminderWebhookUrl);
      if (!byField.reminderWebhookUrl) setNotice({ text: errorMessage(failure), error: true });
    }
  }

  return (
    <form class="settings-webhook" onSubmit={(event) => void onSave(event)} noValidate aria-labelledby="webhook-heading">
      <h3 id="webhook-heading">{t('settings_webhookHeading')}</h3>
      <p class="hint">{t('settings_webhookIntro')}</p>
      <TextField
        name="reminderWebhookUrl"
        type="url"
        inputMode="url"
        label={t('field_settings_reminderWebhookUrl')}
        value={value}
        onInput={(text) => {
          form.change('url', text);
          setError(undefined);
        }}
        onBlur={() => {
          setTouched(true);
          setError(formatError(value));
        }}
        error={touched ? error : undefined}
        hint={t('settings_webhookHint')}
      />
      {saved !== '' && granted === false && (
        <p role="alert" data-testid="webhook-permission-missing">
          {t('settings_webhookPermissionMissing')}
        </p>
      )}
      <div class="settings-actions">
        <button type="submit">{t('settings_webhookSave')}</button>
        <Notice notice={notice} testId="webhook-notice" />
      </div>
    </form>
  );
}
