import { useState } from 'preact/hooks';
import { errorMessage, t } from '../../../../lib/i18n';
import { wholeNumberFromText } from '../../../../lib/io/whole-number';
import type { Client } from '../../../../lib/model/client';
import { getPoolSummary, reactivate } from '../../../../lib/ops';
import { defaultReactivationQuota, maxReactivationQuota } from '../../../../lib/rules/lifecycle-choices';
import { Dialog } from '../Dialog';
import { DialogActions } from '../DialogActions';
import { TextField } from '../TextField';
import { useLiveQuery } from '../../../../components/useLiveQuery';
import '../client-list.css';

interface ReactivateDialogProps {
  client: Client;
  onClose: () => void;
  onDone: (notice: string) => void;
}

/** Brings an inactive client back, asking how many licenses it gets: its old quota if the pool has it. */
export function ReactivateDialog({ client, onClose, onDone }: ReactivateDialogProps) {
  const { value: pool } = useLiveQuery(getPoolSummary, []);
  const [typed, setTyped] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const free = pool?.free ?? 0;
  const value = typed ?? (pool ? String(defaultReactivationQuota(client, free)) : '');
  const most = maxReactivationQuota(client, free);

  async function onConfirm(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      // An empty field becomes NaN, which the operation refuses as "not a number".
      const updated = await reactivate(client.orgId, wholeNumberFromText(value) ?? Number.NaN);
      onDone(
        updated.status === 'paused'
          ? t('lifecycle_reactivatedPausedNotice', { name: client.name, quota: updated.quota })
          : t('lifecycle_reactivatedNotice', { name: client.name, quota: updated.quota }),
      );
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  }

  const params = { before: client.quotaBeforeInactive ?? 0, max: most, used: client.usedVisitors };
  // With nothing used in this period, there is no lower bound worth a clause.
  const hint =
    client.quotaBeforeInactive !== undefined
      ? t(client.usedVisitors > 0 ? 'lifecycle_reactivateHintBefore' : 'lifecycle_reactivateHintBeforeUnused', params)
      : t(client.usedVisitors > 0 ? 'lifecycle_reactivateHintMax' : 'lifecycle_reactivateHintMaxUnused', params);

  return (
    <Dialog title={t('lifecycle_reactivateTitle', { name: client.name })} onClose={onClose} initialFocus="input">
      <form onSubmit={(event) => void onConfirm(event)} noValidate data-testid="reactivate-dialog">
        <p>{t('lifecycle_reactivateIntro')}</p>
        <TextField
          name="reactivateQuota"
          label={t('field_client_quota')}
          inputMode="numeric"
          required
          value={value}
          onInput={(next) => {
            setTyped(next);
            setError(undefined);
          }}
          hint={pool ? hint : undefined}
          error={error}
        />
        <DialogActions onCancel={onClose} confirmLabel={t('lifecycle_reactivateConfirm')} disabled={busy || !pool} />
      </form>
    </Dialog>
  );
}
