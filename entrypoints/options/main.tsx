import { render } from 'preact';
import '../../components/theme.css';
import './dashboard.css';
import { setLanguage, t } from '../../lib/i18n';
import { runRulesAfterChanges } from '../../lib/messages/rules-after-changes';
import { getSettings } from '../../lib/ops';
import { App } from './App';

async function start(): Promise<void> {
  setLanguage((await getSettings()).language);
  document.title = t('dashboard_title');
  // The background applies its rules (pause at quota, reminders, purge) as soon as the agency changes data.
  runRulesAfterChanges();
  const root = document.getElementById('app');
  if (root) render(<App />, root);
}

void start();
