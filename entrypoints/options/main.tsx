import { render } from 'preact';
import '../../components/theme.css';
import './dashboard.css';
import { loadLocale, localeFor, switchLanguage, t } from '../../lib/i18n';
import { runRulesAfterChanges } from '../../lib/messages/rules-after-changes';
import { getSettings } from '../../lib/ops';
import { App } from './App';

async function start(): Promise<void> {
  // The browser's language is the likely one: its messages load while the settings are read.
  const [settings] = await Promise.all([getSettings(), loadLocale(localeFor('auto'))]);
  await switchLanguage(settings.language);
  document.title = t('dashboard_title');
  // The background applies its rules (pause at quota, reminders, purge) as soon as the agency changes data.
  runRulesAfterChanges();
  const root = document.getElementById('app');
  if (root) render(<App />, root);
}

void start();
