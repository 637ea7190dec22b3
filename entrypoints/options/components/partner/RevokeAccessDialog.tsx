import { useState } from 'preact/hooks';
import { errorMessage, t } from '../../../../lib/i18n';
import type { Client } from '../../../../lib/model/client';
import { revokeAccessSchema } from '../../../../lib/model/client-schema';
import { recordRevokedAccess, restoreAccess } from '../../../../lib/ops/revoked';
import { Dialog } from '../Dialog';
import { afterPress } from '../after-press';
import { DialogActions } from '../DialogActions';
import { FieldFrame, fieldDescribedBy } from '../FieldFrame';
import { messagesByField, validateForm } from '../form';
import './partner.css';

const NOTE_ID = 'field-revoke-note';

interface AccessDialogProps {
  client: Pick<Client, 'orgId' | 'name'>;
  onClose: () => void;
  /** Told the sentence to announce once the change is saved. */
  onDone: (notice: string) => void;
}

/**
 * Records that a client revoked the agency's access, now, with an optional note. Says what
 * follows: the client leaves the switcher and the main list, its workspace can no longer be
 * opened, and it stays read-only under Revoked until access is granted again.
 */
export function RevokeAccessDialog({ client, onClose, onDone }: AccessDialogProps) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [noteError, setNoteError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  function check(value: string): string | undefined {
    return validateForm(revokeAccessSchema, { note: value }, 'revoke').note;
  }

  async function onConfirm(event: Event) {
    event.preventDefault();
    const problem = check(note);
    setNoteError(problem);
    if (problem) {
      document.getElementById(NOTE_ID)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await recordRevokedAccess(client.orgId, { note });
      onDone(t('revoked_recordedNotice', { name: client.name }));
    } catch (failure) {
      const byField = messagesByField(failure);
      if (byField.note) setNoteError(byField.note);
      else setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('revoked_recordTitle', { name: client.name })} onClose={onClose} initialFocus={`#${NOTE_ID}`}>
      <form onSubmit={(event) => void onConfirm(event)} noValidate data-testid="revoke-dialog">
        <p>{t('revoked_recordIntro')}</p>
        <ul>
          <li>{t('revoked_effectLists')}</li>
          <li>{t('revoked_effectWorkspace')}</li>
          <li>{t('revoked_effectReadOnly')}</li>
        </ul>
        <FieldFrame id={NOTE_ID} label={t('field_revoke_note')} hint={t('revoked_noteHint')} error={noteError}>
          <textarea
            id={NOTE_ID}
            name="revoke.note"
            value={note}
            aria-invalid={noteError ? 'true' : undefined}
            aria-describedby={fieldDescribedBy(NOTE_ID, { hint: t('revoked_noteHint'), error: noteError })}
            onInput={(event) => {
              setNote(event.currentTarget.value);
              setNoteError(undefined);
            }}
            onBlur={afterPress(() => setNoteError(check(note)))}
          />
        </FieldFrame>
        {error && <p role="alert">{error}</p>}
        <DialogActions onCancel={onClose} confirmLabel={t('revoked_recordConfirm')} danger disabled={busy} />
      </form>
    </Dialog>
  );
}

/** Records that the client granted the agency's access again: writable and openable once more. */
export function RestoreAccessDialog({ client, onClose, onDone }: AccessDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onConfirm(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await restoreAccess(client.orgId);
      onDone(t('revoked_restoredNotice', { name: client.name }));
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('revoked_restoreTitle', { name: client.name })} onClose={onClose}>
      <form onSubmit={(event) => void onConfirm(event)} data-testid="restore-dialog">
        <p>{t('revoked_restoreIntro')}</p>
        {error && <p role="alert">{error}</p>}
        <DialogActions onCancel={onClose} confirmLabel={t('revoked_restoreConfirm')} disabled={busy} />
      </form>
    </Dialog>
  );
}
