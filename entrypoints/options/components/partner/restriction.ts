import { t } from '../../../../lib/i18n';
import type { Client } from '../../../../lib/model/client';
import { checkOrgAction, type OrgAction } from '../../../../lib/rules/partner-permissions';

/** Whether a button for `action` is enabled, and if not, the sentence that says why. */
export type Availability = { enabled: true } | { enabled: false; reason: string };

/**
 * What the dashboard shows for an action on a client: disabled with the reason when the
 * permission table keeps it from the agency, or when the client revoked the agency's access.
 * The operations refuse the same things with the same sentences.
 */
export function availabilityOf(action: OrgAction, client?: Pick<Client, 'revokedAt'>): Availability {
  const check = checkOrgAction('partner', action);
  if (!check.ok) return { enabled: false, reason: t(check.key, check.params) };
  if (client?.revokedAt !== undefined) return { enabled: false, reason: t('revoked_readOnly') };
  return { enabled: true };
}
