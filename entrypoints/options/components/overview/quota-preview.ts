import { t } from '../../../../lib/i18n';
import type { Client } from '../../../../lib/model/client';
import { licenseCount } from '../../../../lib/model/fields';
import { checkQuotaChange } from '../../../../lib/rules/quota';
import { validateForm } from '../form';
import { wholeNumberFromText } from '../../../../lib/io/whole-number';

/** What the typed quota would do, said before the person commits to it. */
export type QuotaPreview =
  /** Not a quota at all (blank, not a whole number, below 1): the reason. */
  | { kind: 'invalid'; reason: string; freeNow: number }
  /** A quota the rules refuse (below usage, more than the pool has): the reason. */
  | { kind: 'refused'; reason: string; freeNow: number }
  | { kind: 'unchanged'; freeNow: number }
  | { kind: 'allowed'; freeNow: number; freeAfter: number };

/**
 * The same checks as reallocateQuota, run on what is typed, for the live preview; the
 * operation decides for real when the person presses Reallocate.
 */
export function quotaPreview(
  client: Pick<Client, 'quota' | 'usedVisitors' | 'status'>,
  typed: string,
  freeNow: number,
): QuotaPreview {
  const quota = wholeNumberFromText(typed);
  const invalid = validateForm(licenseCount(1), quota, 'quota')[''];
  if (invalid !== undefined || quota === undefined) return { kind: 'invalid', reason: invalid ?? '', freeNow };
  const check = checkQuotaChange(client, quota, freeNow);
  if (!check.ok) return { kind: 'refused', reason: t(check.key, check.params), freeNow };
  if (quota === client.quota) return { kind: 'unchanged', freeNow };
  return { kind: 'allowed', freeNow, freeAfter: freeNow - (quota - client.quota) };
}
