import { useState } from 'preact/hooks';
import { Notice } from '../Notice';
import { SelectField } from '../SelectField';
import { TextField } from '../TextField';
import { useFormFields } from '../useFormFields';
import { usePermissionCheck } from '../usePermissionCheck';
import { useLiveQuery } from '../../../../components/useLiveQuery';
import { errorMessage, t } from '../../../../lib/i18n';
import { sendRequest } from '../../../../lib/messages/send-request';
import { isAppError } from '../../../../lib/model/errors';
import type { Settings } from '../../../../lib/model/settings';
import { getUsageSourceView, removeUsageSource, saveUsageSource, type UsageSourceView } from '../../../../lib/ops';
import {
  hasOriginPermission,
  removeOriginPermission,
  requestOriginPermission,
} from '../../../../lib/platform/permissions';
import { CheckboxField } from './CheckboxField';
import { joinSentences } from './sentences';
import { UsageFeedStatusLine } from './UsageFeedStatusLine';
import { accessPatternOf, accessStillNeeded } from '../../../../lib/rules/host-access';
import { getTeamStatus } from '../../../../lib/ops/team-status';
import {
  INTERVAL_CHOICES,
  intervalOptions,
  sourceInputFrom,
  sourceValuesFrom,
  tokenWouldMove,
  type UsageSourceField,
  usageSourceChecks,
  type UsageSourceValues,
} from './usage-source-values';

const FIELD_ORDER: UsageSourceField[] = ['url', 'token', 'intervalMinutes'];

/**
 * The usage source: where the background reads every client's visitors used from, how often,
 * with which token, and how the last read went. Saving asks the browser for access to that
 * one host, from the click itself, as browsers require.
 */
export function UsageSourceSettings({ settings }: { settings: Settings }) {
  const { value: view } = useLiveQuery(getUsageSourceView, []);
  return (
    <section class="settings-usage-source" aria-labelledby="usage-source-heading">
      <h3 id="usage-source-heading">{t('settings_usageSourceHeading')}</h3>
      <p class="hint">{t('settings_usageSourceIntro')}</p>
      {view && <UsageSourceForm view={view} settings={settings} />}
    </section>
  );
}

/** Takes back the host access of an address no longer read from, unless another setting still needs it. */
async function giveBackAccess(url: string, settings: Settings): Promise<void> {
  const teamServerUrl = (await getTeamStatus())?.connection.serverUrl;
  if (!accessStillNeeded(url, settings, 'usageSource', teamServerUrl))
    await removeOriginPermission(url).catch(() => false);
}

function UsageSourceForm({ view, settings }: { view: UsageSourceView; settings: Settings }) {
  const saved = view.source;
  const savedUrl = saved?.url;
  const granted = usePermissionCheck(async () => (savedUrl ? hasOriginPermission(savedUrl) : true), [savedUrl]);
  const fields = useFormFields<UsageSourceValues>({
    ...usageSourceChecks,
    initial: () => sourceValuesFrom(saved),
    fields: FIELD_ORDER,
  });
  const { values } = fields;
  const [notice, setNotice] = useState<Notice | null>(null);
  const [readNotice, setReadNotice] = useState<Notice | null>(null);
  const [reading, setReading] = useState(false);
  const [busy, setBusy] = useState(false);

  async function readNow() {
    setReading(true);
    setReadNotice(null);
    try {
      const answer = await sendRequest('usageFeed/read');
      // How the read went shows in the status line, from the database.
      if (!answer.read) setReadNotice({ key: 'settings_usageSourceNotSet', error: true });
    } catch (failure) {
      setReadNotice(
        isAppError(failure)
          ? { text: errorMessage(failure), error: true }
          : { key: 'settings_usageSourceUnreachable', error: true },
      );
    } finally {
      setReading(false);
    }
  }

  async function onSave(event: Event) {
    event.preventDefault();
    if (!fields.checkAll()) return;
    const input = sourceInputFrom(values, saved, view.tokenSaved);
    setBusy(true);
    try {
      // The permission prompt only shows during the click: it must be the first thing awaited.
      if (!(await requestOriginPermission(input.url))) {
        setNotice({ key: 'settings_usageSourcePermissionDenied', error: true });
        return;
      }
      const source = await saveUsageSource(input);
      if (savedUrl !== undefined && accessPatternOf(savedUrl) !== accessPatternOf(source.url))
        await giveBackAccess(savedUrl, settings);
      fields.reset(sourceValuesFrom(source));
      setNotice({ key: 'settings_usageSourceSaved', error: false });
      // The first read happens at once rather than at the first alarm; its outcome shows in the status line.
      void readNow();
    } catch (failure) {
      const general = fields.refuseFrom(failure);
      if (general !== null) setNotice({ text: general, error: true });
    } finally {
      setBusy(false);
    }
  }

  async function onRemove() {
    setBusy(true);
    try {
      await removeUsageSource();
      if (savedUrl !== undefined) await giveBackAccess(savedUrl, settings);
      fields.reset(sourceValuesFrom(undefined));
      setReadNotice(null);
      setNotice({ key: 'settings_usageSourceRemoved', error: false });
    } catch (failure) {
      setNotice({ text: errorMessage(failure), error: true });
    } finally {
      setBusy(false);
    }
  }

  const tokenHint = tokenWouldMove(values, saved, view.tokenSaved)
    ? t('settings_usageSourceTokenMoves')
    : view.tokenSaved
      ? joinSentences([t('settings_usageSourceTokenSaved'), t('settings_usageSourceTokenHint')])
      : t('settings_usageSourceTokenHint');

  return (
    <>
      <form onSubmit={(event) => void onSave(event)} noValidate aria-labelledby="usage-source-heading">
        <TextField
          {...fields.text('url')}
          type="url"
          inputMode="url"
          label={t('field_settings_url')}
          required
          hint={t('settings_usageSourceUrlHint')}
        />
        {/* Only ever what is being typed: a saved token is never put back into the box. */}
        <TextField
          {...fields.text('token')}
          type="password"
          label={t('field_settings_token')}
          hint={tokenHint}
          placeholder={view.tokenSaved && !values.removeToken ? t('settings_usageSourceTokenPlaceholder') : undefined}
          disabled={values.removeToken}
        />
        {view.tokenSaved && (
          <CheckboxField
            name="settings.removeToken"
            label={t('settings_usageSourceRemoveToken')}
            checked={values.removeToken}
            onChange={(checked) => {
              fields.change('removeToken', checked);
              if (checked) fields.change('token', '');
            }}
          />
        )}
        <SelectField
          {...fields.select('intervalMinutes', INTERVAL_CHOICES)}
          label={t('field_settings_intervalMinutes')}
          required
          options={intervalOptions()}
        />
        <CheckboxField
          name="settings.acceptCorrections"
          label={t('field_settings_acceptCorrections')}
          checked={values.acceptCorrections}
          onChange={(checked) => fields.change('acceptCorrections', checked)}
          hint={t('settings_usageSourceCorrectionsHint')}
        />
        {saved !== undefined && granted === false && (
          <p role="alert" data-testid="usage-source-permission-missing">
            {t('settings_usageSourcePermissionMissing')}
          </p>
        )}
        <div class="settings-actions">
          <button type="submit" disabled={busy}>
            {t('settings_usageSourceSave')}
          </button>
          {saved !== undefined && (
            <button type="button" disabled={busy} onClick={() => void onRemove()}>
              {t('settings_usageSourceRemove')}
            </button>
          )}
          <Notice notice={notice} testId="usage-source-notice" />
        </div>
      </form>
      {saved !== undefined && (
        <div class="settings-usage-read">
          <UsageFeedStatusLine status={view.status} timeZone={settings.timeZone} />
          <div class="settings-actions">
            <button type="button" disabled={reading} aria-busy={reading} onClick={() => void readNow()}>
              {reading ? t('settings_usageSourceReading') : t('settings_usageSourceReadNow')}
            </button>
            <Notice notice={readNotice} testId="usage-read-notice" />
          </div>
        </div>
      )}
    </>
  );
}
