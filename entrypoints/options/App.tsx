import { DEFAULT_LIST_STATE } from './components/client-list-state';
import { PoolBar } from './components/PoolBar';
import { RefusedNotice } from './components/team/RefusedNotice';
import { TeamReason } from './components/team/TeamReason';
import { TeamStatusLine } from './components/team/TeamStatusLine';
import { useTeamPermission } from './components/team/use-team-permission';
import { type Route, routeHref, useRoute } from './components/router';
import { useLanguage } from './components/useLanguage';
import { useLiveQuery } from '../../components/useLiveQuery';
import { t } from '../../lib/i18n';
import type { MessageKey } from '../../lib/model/messages';
import { getPoolSummary, getSettings } from '../../lib/ops';
import { BackupView } from './views/BackupView';
import { ClientOverviewView } from './views/ClientOverviewView';
import { ClientsView } from './views/ClientsView';
import { NewClientView } from './views/NewClientView';
import { PendingView } from './views/PendingView';
import { RefusedView } from './views/RefusedView';
import { SettingsView } from './views/SettingsView';

// The nav's Clients link is the plain list (no search, filter, sort or page), as a nav link is
// expected to be; Back and the overview's own link are the ways back to the list as it was left.
const NAV: { route: Route; label: MessageKey }[] = [
  { route: { name: 'clients' }, label: 'nav_clients' },
  { route: { name: 'pending' }, label: 'nav_pending' },
  { route: { name: 'settings' }, label: 'nav_settings' },
  { route: { name: 'backup' }, label: 'nav_backup' },
];

function View({ route }: { route: Route }) {
  switch (route.name) {
    case 'clients':
      return <ClientsView list={route.list ?? DEFAULT_LIST_STATE} />;
    case 'new-client':
      return <NewClientView />;
    case 'client':
      return <ClientOverviewView orgId={route.orgId} />;
    case 'pending':
      return <PendingView />;
    case 'settings':
      return <SettingsView />;
    case 'backup':
      return <BackupView />;
    case 'refused':
      return <RefusedView />;
  }
}

/** The agency dashboard: header with the pool, navigation, and the view the URL hash names. */
export function App() {
  const route = useRoute();
  const { value: settings } = useLiveQuery(getSettings, []);
  const { value: pool } = useLiveQuery(getPoolSummary, []);
  const creating = useTeamPermission('client.create');
  const section = route.name === 'client' || route.name === 'new-client' ? 'clients' : route.name;
  // Before the views render: a new language setting (saved here or in another tab) redraws them all in it.
  useLanguage(settings?.language);
  if (settings) document.title = t('dashboard_title');

  return (
    <div class="dashboard">
      <header class="dashboard-header">
        <div>
          <h1>{t('dashboard_title')}</h1>
          {settings && <p class="muted">{settings.agencyName}</p>}
          <TeamStatusLine />
        </div>
        {creating.allowed ? (
          <a class="button" href={routeHref({ name: 'new-client' })}>
            {t('clients_createNew')}
          </a>
        ) : (
          <div class="header-action">
            <button type="button" disabled aria-describedby="create-client-reason">
              {t('clients_createNew')}
            </button>
            <TeamReason id="create-client-reason" reason={creating.reason} />
          </div>
        )}
      </header>
      <nav aria-label={t('nav_label')} class="dashboard-nav">
        {NAV.map(({ route: target, label }) => (
          <a href={routeHref(target)} aria-current={section === target.name ? 'page' : undefined}>
            {t(label)}
          </a>
        ))}
      </nav>
      {pool && <PoolBar pool={pool} />}
      {/* The list itself says what the notice would: opening it marks the refusals seen. */}
      {route.name !== 'refused' && <RefusedNotice />}
      <main>
        <View route={route} />
      </main>
    </div>
  );
}
