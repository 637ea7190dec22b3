import { useState } from 'preact/hooks';
import { errorMessage, t } from '../../../../lib/i18n';
import type { Client } from '../../../../lib/model/client';
import { deleteClient } from '../../../../lib/ops';
import { Dialog } from '../Dialog';
import { DialogActions } from '../DialogActions';
import { TextField } from '../TextField';
import '../client-list.css';

interface DeleteDialogProps {
  client: Client;
  onClose: () => void;
  onDone: (notice: string) => void;
  /** Offered instead of deleting, while the client is not yet inactive. */
  onMarkInactiveInstead: () => void;
}

/** Deleting cannot be undone, so the dialog says so, offers inactivity instead, and wants the name typed. */
export function DeleteDialog({ client, onClose, onDone, onMarkInactiveInstead }: DeleteDialogProps) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const matches = typed.trim() === client.name.trim();

  async function onConfirm(event: Event) {
    event.preventDefault();
    if (!matches) return;
    setBusy(true);
    setError(null);
    try {
      await deleteClient(client.orgId);
      onDone(t('lifecycle_deletedNotice', { name: client.name }));
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('lifecycle_deleteTitle', { name: client.name })} onClose={onClose} initialFocus="input">
      <form onSubmit={(event) => void onConfirm(event)} noValidate data-testid="delete-dialog">
        <p>{t('lifecycle_deleteImmediate')}</p>
        <p data-testid="delete-licenses">{t('lifecycle_deleteLicenses', { count: client.quota })}</p>
        {client.status !== 'inactive' && (
          <>
            <p>{t('lifecycle_deleteInsteadHint')}</p>
            <p class="dialog-secondary-action">
              <button type="button" class="secondary" onClick={onMarkInactiveInstead}>
                {t('lifecycle_deleteInsteadButton')}
              </button>
            </p>
          </>
        )}
        <TextField
          name="confirmName"
          label={t('lifecycle_deleteTypeName', { name: client.name })}
          value={typed}
          autoComplete="off"
          onInput={setTyped}
        />
        {error && <p role="alert">{error}</p>}
        <DialogActions
          onCancel={onClose}
          confirmLabel={t('lifecycle_deleteConfirm')}
          danger
          disabled={!matches || busy}
        />
      </form>
    </Dialog>
  );
}
