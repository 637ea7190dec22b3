import { useState } from 'preact/hooks';
import { useLiveQuery } from '../../../../components/useLiveQuery';
import { errorMessage, t } from '../../../../lib/i18n';
import { sendRequest } from '../../../../lib/messages/send-request';
import type { TeamCheck } from '../../../../lib/messages/protocol-schema';
import { normalizeTeamServerUrl } from '../../../../lib/model/team-server-url';
import type { MessageKey } from '../../../../lib/model/messages';
import type { TeamRole } from '../../../../lib/model/team';
import { backupFile } from '../../../../lib/ops/export';
import { getTeamStatus, type TeamStatus } from '../../../../lib/ops/team-status';
import { requestOriginPermission } from '../../../../lib/platform/permissions';
import { downloadText } from '../backup/download';
import { Dialog } from '../Dialog';
import { DialogActions } from '../DialogActions';
import { Notice } from '../Notice';
import { TextField } from '../TextField';

export const ROLE_KEYS: Record<TeamRole, MessageKey> = {
  owner: 'team_role_owner',
  manager: 'team_role_manager',
  viewer: 'team_role_viewer',
};

/** The sync server is reached over https, or plain http on this computer (the server refuses it from elsewhere). */
/**
 * Settings' Team section: connects this browser to the agency's sync server with the member's
 * token, or shows whom it is connected as, with Disconnect. Anyone may connect or disconnect
 * their own browser, whatever their role.
 */
export function TeamSettings() {
  // Wrapped, so that "still reading" (undefined) differs from "no team" (status undefined).
  const { value: read } = useLiveQuery(async () => ({ status: await getTeamStatus() }), []);
  const [notice, setNotice] = useState<Notice | null>(null);
  const status = read?.status;
  return (
    <section class="settings-team" aria-labelledby="team-heading" data-testid="team-settings">
      <h3 id="team-heading">{t('team_heading')}</h3>
      <p class="hint">{t('team_intro')}</p>
      {read && (status ? <Connected status={status} onNotice={setNotice} /> : <ConnectForm onNotice={setNotice} />)}
      <Notice notice={notice} testId="team-notice" />
    </section>
  );
}

interface Offer {
  kind: 'upload' | 'replace';
  check: TeamCheck;
  serverUrl: string;
  token: string;
}

/** The address as typed, without spaces around it or a trailing slash. */
function ConnectForm({ onNotice }: { onNotice: (notice: Notice | null) => void }) {
  const [serverUrl, setServerUrl] = useState('');
  // Only ever what is being pasted: it goes to the worker, which keeps it in extension storage.
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<{ serverUrl?: string; token?: string }>({});
  const [busy, setBusy] = useState(false);
  const [offer, setOffer] = useState<Offer | null>(null);

  function check(): { url: string; secret: string } | null {
    // The worker's own rule for the address (lib/model/team-server-url.ts), checked here first so
    // that the field says what is wrong before anything is asked of the browser.
    const url = normalizeTeamServerUrl(serverUrl) ?? '';
    const secret = token.trim();
    const next: typeof errors = {};
    if (url === '') next.serverUrl = t('team_serverUrlInvalid');
    if (secret === '') next.token = t('error_required', { field: t('field_team_token') });
    setErrors(next);
    const first = next.serverUrl ? 'field-team-serverUrl' : next.token ? 'field-team-token' : undefined;
    if (first) document.getElementById(first)?.focus();
    return first ? null : { url, secret };
  }

  async function connect(url: string, secret: string, start: 'download' | 'upload', backupName?: string) {
    const answer = await sendRequest('team/connect', { serverUrl: url, token: secret, start });
    setServerUrl('');
    setToken('');
    setOffer(null);
    onNotice({
      text:
        backupName === undefined
          ? t('team_connectedDone', { agency: answer.agencyName })
          : t('team_connectedAfterBackup', { name: backupName, agency: answer.agencyName }),
      error: false,
    });
  }

  async function onConnect(event: Event) {
    event.preventDefault();
    onNotice(null);
    setOffer(null);
    const typed = check();
    if (!typed) return;
    setBusy(true);
    try {
      // The browser shows its access prompt only during the click: asked before anything else is awaited.
      if (!(await requestOriginPermission(typed.url))) {
        onNotice({ key: 'team_permissionDenied', error: true });
        return;
      }
      const answer = await sendRequest('team/check', { serverUrl: typed.url, token: typed.secret });
      if (answer.localClients === 0) await connect(typed.url, typed.secret, 'download');
      else
        setOffer({
          kind: answer.serverClients === 0 ? 'upload' : 'replace',
          check: answer,
          serverUrl: typed.url,
          token: typed.secret,
        });
    } catch (failure) {
      onNotice({ text: errorMessage(failure), error: true });
    } finally {
      setBusy(false);
    }
  }

  async function onAccept(chosen: Offer) {
    setBusy(true);
    onNotice(null);
    try {
      if (chosen.kind === 'upload') {
        await connect(chosen.serverUrl, chosen.token, 'upload');
      } else {
        // Never merged, never lost: this browser's roster is saved to a file before the team's replaces it.
        const file = await backupFile();
        downloadText(file.name, file.text, file.type);
        await connect(chosen.serverUrl, chosen.token, 'download', file.name);
      }
    } catch (failure) {
      setOffer(null);
      onNotice({ text: errorMessage(failure), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form onSubmit={(event) => void onConnect(event)} noValidate aria-labelledby="team-heading">
        <TextField
          name="team.serverUrl"
          type="url"
          inputMode="url"
          label={t('field_team_serverUrl')}
          required
          value={serverUrl}
          error={errors.serverUrl}
          hint={t('team_serverUrlHint')}
          disabled={offer !== null}
          onInput={(text) => {
            setServerUrl(text);
            setErrors(({ serverUrl: _gone, ...rest }) => rest);
          }}
        />
        <TextField
          name="team.token"
          type="password"
          label={t('field_team_token')}
          required
          value={token}
          error={errors.token}
          hint={t('team_tokenHint')}
          disabled={offer !== null}
          onInput={(text) => {
            setToken(text);
            setErrors(({ token: _gone, ...rest }) => rest);
          }}
        />
        {offer === null && (
          <div class="settings-actions">
            <button type="submit" disabled={busy} aria-busy={busy}>
              {busy ? t('team_connecting') : t('team_connect')}
            </button>
          </div>
        )}
      </form>
      {offer && (
        <FirstStep
          offer={offer}
          busy={busy}
          onAccept={() => void onAccept(offer)}
          onCancel={() => {
            setOffer(null);
            onNotice(null);
          }}
        />
      )}
    </>
  );
}

/** The first connection of a browser that has clients: upload them to an empty server, or replace them after a backup. */
function FirstStep(props: { offer: Offer; busy: boolean; onAccept: () => void; onCancel: () => void }) {
  const { offer, busy } = props;
  const { agencyName: agency, localClients, serverClients } = offer.check;
  return (
    <div class="team-first-step" data-testid="team-offer">
      <p>
        {offer.kind === 'upload'
          ? t('team_uploadOffer', { agency, count: localClients })
          : t('team_replaceOffer', { agency, server: serverClients, local: localClients })}
      </p>
      <div class="settings-actions">
        <button type="button" disabled={busy} aria-busy={busy} onClick={props.onAccept}>
          {offer.kind === 'upload' ? t('team_upload', { count: localClients, agency }) : t('team_replace', { agency })}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={props.onCancel}>
          {t('dialog_cancel')}
        </button>
      </div>
    </div>
  );
}

function Connected({ status, onNotice }: { status: TeamStatus; onNotice: (notice: Notice | null) => void }) {
  const { connection, waiting } = status;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  async function onDisconnect() {
    setBusy(true);
    try {
      const answer = await sendRequest('team/disconnect');
      setConfirming(false);
      onNotice({ text: t('team_disconnected', { count: answer.keptClients }), error: false });
    } catch (failure) {
      setConfirming(false);
      onNotice({ text: errorMessage(failure), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p data-testid="team-connected">
        {t('team_connected', {
          agency: connection.agency.name,
          member: connection.member.name,
          role: t(ROLE_KEYS[connection.member.role]),
        })}
      </p>
      <p class="hint">{connection.serverUrl}</p>
      <div class="settings-actions">
        <button type="button" class="secondary" onClick={() => setConfirming(true)}>
          {t('team_disconnect')}
        </button>
      </div>
      {confirming && (
        <Dialog
          title={t('team_disconnectTitle', { agency: connection.agency.name })}
          onClose={() => setConfirming(false)}
        >
          <p>{t('team_disconnectKeeps')}</p>
          <p data-testid="team-disconnect-drops">
            {waiting > 0 ? t('team_disconnectDrops', { count: waiting }) : t('team_disconnectNoneWaiting')}
          </p>
          <DialogActions
            onCancel={() => setConfirming(false)}
            confirmLabel={t('team_disconnectConfirm')}
            onConfirm={() => void onDisconnect()}
            danger={waiting > 0}
            disabled={busy}
          />
        </Dialog>
      )}
    </>
  );
}
