import { useState } from 'preact/hooks';
import { formatDateTime, t } from '../../../../lib/i18n';
import type { Client } from '../../../../lib/model/client';
import { RestoreAccessDialog, RevokeAccessDialog } from './RevokeAccessDialog';
import './partner.css';

interface AccessControlProps {
  client: Pick<Client, 'orgId' | 'name' | 'revokedAt' | 'revokeNote'>;
  /** Told the sentence to announce after a change (e.g. in the view's status line). */
  onNotice: (notice: string) => void;
  /** The id of the reason the buttons are disabled (a shared roster's role); enabled without it. */
  disabledBy?: string | undefined;
}

/**
 * For a client's overview: while the agency has access, a button to record that the client
 * revoked it; once revoked, when it happened, the agency's note, that the client is read-only,
 * and a button to record that access was granted again.
 */
export function AccessControl({ client, onNotice, disabledBy }: AccessControlProps) {
  const [open, setOpen] = useState(false);
  const done = (notice: string) => {
    setOpen(false);
    onNotice(notice);
  };
  if (client.revokedAt === undefined) {
    return (
      <>
        <button
          type="button"
          class="secondary"
          disabled={disabledBy !== undefined}
          aria-describedby={disabledBy}
          onClick={() => setOpen(true)}
        >
          {t('revoked_recordButton')}
        </button>
        {open && <RevokeAccessDialog client={client} onClose={() => setOpen(false)} onDone={done} />}
      </>
    );
  }
  return (
    <section class="revoked-notice" aria-labelledby="revoked-heading" data-testid="revoked-notice">
      <h3 id="revoked-heading">{t('revoked_heading')}</h3>
      <p>{t('revoked_since', { date: formatDateTime(client.revokedAt) })}</p>
      {client.revokeNote && <p>{t('revoked_noteShown', { note: client.revokeNote })}</p>}
      <p>{t('revoked_readOnly')}</p>
      <button
        type="button"
        disabled={disabledBy !== undefined}
        aria-describedby={disabledBy}
        onClick={() => setOpen(true)}
      >
        {t('revoked_restoreButton')}
      </button>
      {open && <RestoreAccessDialog client={client} onClose={() => setOpen(false)} onDone={done} />}
    </section>
  );
}
