import { t } from '../../../lib/i18n';

interface DialogActionsProps {
  /** Closes the dialog and changes nothing. */
  onCancel: () => void;
  /** What the confirming button does, in words (e.g. "Delete permanently"). */
  confirmLabel: string;
  /** Without it, the confirming button submits the dialog's form, so Enter in a field confirms too. */
  onConfirm?: () => void;
  /** For what cannot be undone: the confirming button is drawn as dangerous. */
  danger?: boolean;
  disabled?: boolean;
}

/** The row at the foot of every dialog: Cancel, then the button that confirms. */
export function DialogActions({
  onCancel,
  confirmLabel,
  onConfirm,
  danger = false,
  disabled = false,
}: DialogActionsProps) {
  return (
    <div class="dialog-actions">
      <button type="button" class="secondary" onClick={onCancel}>
        {t('dialog_cancel')}
      </button>
      <button
        type={onConfirm ? 'button' : 'submit'}
        class={danger ? 'danger' : undefined}
        disabled={disabled}
        onClick={onConfirm}
      >
        {confirmLabel}
      </button>
    </div>
  );
}
