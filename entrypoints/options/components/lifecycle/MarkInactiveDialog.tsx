import { useState } from 'preact/hooks';
import { errorMessage, t } from '../../../../lib/i18n';
import type { Client } from '../../../../lib/model/client';
import { markInactive } from '../../../../lib/ops';
import { licensesReturnedOnInactive } from '../../../../lib/rules/lifecycle-choices';
import { purgeDateFor } from '../../../../lib/rules/lifecycle';
import { Dialog } from '../Dialog';
import { DialogActions } from '../DialogActions';
import '../client-list.css';
import { asDate } from '../../../../lib/model/messages';

interface MarkInactiveDialogProps {
  client: Client;
  timeZone: string;
  onClose: () => void;
  onDone: (notice: string) => void;
}

/** Asks before a client goes inactive, saying what follows: paused experiments, licenses back, the purge date. */
export function MarkInactiveDialog({ client, timeZone, onClose, onDone }: MarkInactiveDialogProps) {
  const [purgeOn] = useState(() => purgeDateFor(Date.now(), timeZone));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const returned = licensesReturnedOnInactive(client);

  async function onConfirm(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const updated = await markInactive(client.orgId);
      onDone(t('lifecycle_inactivatedNotice', { name: client.name, date: asDate(updated.purgeOn ?? purgeOn) }));
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('lifecycle_inactivateTitle', { name: client.name })} onClose={onClose}>
      <form onSubmit={(event) => void onConfirm(event)} data-testid="inactivate-dialog">
        <p>{t('lifecycle_inactivateIntro')}</p>
        <ul>
          <li>{t('lifecycle_inactivateExperiments')}</li>
          <li data-testid="inactivate-licenses">
            {returned > 0
              ? t('lifecycle_inactivateLicenses', { count: returned })
              : t('lifecycle_inactivateNoLicenses')}
          </li>
          <li data-testid="inactivate-purge">{t('lifecycle_inactivateKeptUntil', { date: asDate(purgeOn) })}</li>
          <li>{t('lifecycle_inactivateReactivate')}</li>
        </ul>
        {error && <p role="alert">{error}</p>}
        <DialogActions onCancel={onClose} confirmLabel={t('lifecycle_inactivateConfirm')} disabled={busy} />
      </form>
    </Dialog>
  );
}
