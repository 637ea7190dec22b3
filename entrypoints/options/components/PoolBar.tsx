import { formatNumber, t } from '../../../lib/i18n';
import type { PoolSummary } from '../../../lib/rules/pool';

/** The agency's pool: how much of it clients hold, as a bar and a sentence. */
export function PoolBar({ pool }: { pool: PoolSummary }) {
  const percent = pool.poolSize > 0 ? Math.min(100, Math.round((pool.allocated * 100) / pool.poolSize)) : 0;
  const summary = t('dashboard_poolSummary', { free: pool.free, total: pool.poolSize, allocated: pool.allocated });
  return (
    <section class="pool" aria-label={t('dashboard_poolHeading')}>
      <h2>{t('dashboard_poolHeading')}</h2>
      <div
        class="bar"
        role="meter"
        aria-label={t('dashboard_poolHeading')}
        aria-valuemin={0}
        aria-valuemax={pool.poolSize}
        aria-valuenow={pool.allocated}
        aria-valuetext={summary}
      >
        <div class="bar-fill" style={{ width: `${percent}%` }} />
      </div>
      <p data-testid="pool-summary">{summary}</p>
      <p class="muted">
        {t('dashboard_poolNumbers', {
          total: formatNumber(pool.poolSize),
          allocated: formatNumber(pool.allocated),
          free: formatNumber(pool.free),
        })}
      </p>
    </section>
  );
}
