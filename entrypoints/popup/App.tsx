import { PoolBar } from '../../components/PoolBar';
import { useLiveQuery } from '../../components/useLiveQuery';
import { t } from '../../lib/i18n';
import { getPoolSummary } from '../../lib/ops';
import { openDashboard } from '../../lib/platform/pages';

/** The toolbar popup; the client switcher comes with its own issue. */
export function App() {
  const { value: pool } = useLiveQuery(getPoolSummary, []);
  return (
    <main class="popup">
      <h1>{t('extName')}</h1>
      <p class="muted">{t('popup_comingSoon')}</p>
      {pool && <PoolBar pool={pool} />}
      <button type="button" onClick={() => void openDashboard().then(() => window.close())}>
        {t('popup_openDashboard')}
      </button>
    </main>
  );
}
