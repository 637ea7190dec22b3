import { t } from '../lib/i18n';
import { type ClientStatus, STATUS_LABEL_KEYS } from '../lib/model/client';

/** The client's status in words (never colour alone), optionally with what follows from it. */
export function StatusBadge({ status, detail }: { status: ClientStatus; detail?: string | undefined }) {
  return (
    <span class={`badge badge-${status}`}>
      {t(STATUS_LABEL_KEYS[status])}
      {detail && <span class="badge-detail"> · {detail}</span>}
    </span>
  );
}
