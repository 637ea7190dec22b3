import { t } from '../../../lib/i18n';
import { usagePercent } from '../../../lib/rules/quota';

/** Visitors used of the quota, as a bar and in words. */
export function QuotaBar({ used, quota }: { used: number; quota: number }) {
  const percent = usagePercent({ usedVisitors: used, quota });
  const text = t('clients_quotaUsed', { used, quota, percent });
  return (
    <div class="quota">
      <div
        class="bar"
        role="meter"
        aria-label={t('clients_quotaLabel')}
        aria-valuemin={0}
        aria-valuemax={quota}
        aria-valuenow={Math.min(used, quota)}
        aria-valuetext={text}
      >
        <div
          class={`bar-fill${percent >= 100 ? ' bar-full' : percent >= 80 ? ' bar-high' : ''}`}
          style={{ width: `${percent}%` }}
        />
      </div>
      <span class="quota-text">{text}</span>
    </div>
  );
}
