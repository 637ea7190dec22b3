import { useState } from 'preact/hooks';
import { PoolBar } from '../../components/PoolBar';
import { useLiveQuery } from '../../components/useLiveQuery';
import { errorMessage, t } from '../../lib/i18n';
import { getPoolSummary, getSettings, listClients, loadSampleData } from '../../lib/ops';

/** The agency dashboard. For now: the pool, the roster's size, and sample data for a first look. */
export function App() {
  const { value: settings } = useLiveQuery(getSettings, []);
  const { value: pool } = useLiveQuery(getPoolSummary, []);
  const { value: page } = useLiveQuery(() => listClients({ limit: 0 }), []);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);

  async function onLoadSample() {
    try {
      const count = await loadSampleData();
      setNotice({ text: t('dashboard_sampleLoaded', { count }), error: false });
    } catch (error) {
      setNotice({ text: errorMessage(error), error: true });
    }
  }

  return (
    <main class="dashboard">
      <header>
        <h1>{t('dashboard_title')}</h1>
        {settings && <p class="muted">{settings.agencyName}</p>}
      </header>
      {pool && <PoolBar pool={pool} />}
      {page && (
        <section aria-label={t('dashboard_rosterHeading')}>
          <h2>{t('dashboard_rosterHeading')}</h2>
          <p data-testid="client-count">{t('dashboard_clientCount', { count: page.total })}</p>
          {page.total === 0 && (
            <>
              <p>{t('dashboard_empty')}</p>
              <button type="button" onClick={onLoadSample}>
                {t('dashboard_loadSample')}
              </button>
            </>
          )}
        </section>
      )}
      {notice && (
        <p role={notice.error ? 'alert' : 'status'} data-testid="notice">
          {notice.text}
        </p>
      )}
    </main>
  );
}
