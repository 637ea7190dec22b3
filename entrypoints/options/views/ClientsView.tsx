import { useState } from 'preact/hooks';
import { useLiveQuery } from '../../../components/useLiveQuery';
import { errorMessage, t } from '../../../lib/i18n';
import { listClients, loadSampleData } from '../../../lib/ops';

/** Manage Clients: the roster. */
export function ClientsView() {
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
    <section aria-labelledby="clients-heading">
      <h2 id="clients-heading">{t('dashboard_rosterHeading')}</h2>
      {page && <p data-testid="client-count">{t('dashboard_clientCount', { count: page.total })}</p>}
      {page?.total === 0 && (
        <>
          <p>{t('dashboard_empty')}</p>
          <button type="button" onClick={onLoadSample}>
            {t('dashboard_loadSample')}
          </button>
        </>
      )}
      {notice && (
        <p role={notice.error ? 'alert' : 'status'} data-testid="notice">
          {notice.text}
        </p>
      )}
    </section>
  );
}
