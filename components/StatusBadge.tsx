import { t } from '../lib/i18n';
import type { ClientStatus } from '../lib/model/client';

const LABELS = { active: 'status_active', paused: 'status_paused', inactive: 'status_inactive' } as const;

/** The client's status in words (never colour alone), optionally with what follows from it. */
export function StatusBadge({ status, detail }: { status: ClientStatus; detail?: string | undefined }) {
  return (
    <span class={`badge badge-${status}`}>
      {t(LABELS[status])}
      {detail && <span class="badge-detail"> · {detail}</span>}
    </span>
  );
}
