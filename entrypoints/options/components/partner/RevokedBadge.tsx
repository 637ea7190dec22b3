import { t } from '../../../../lib/i18n';
import './partner.css';

/** "Access revoked", in words next to the status: the client is read-only and cannot be opened. */
export function RevokedBadge() {
  return (
    <span class="badge badge-revoked" data-testid="revoked-badge">
      {t('revoked_badge')}
    </span>
  );
}
