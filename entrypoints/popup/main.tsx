import { render } from 'preact';
import '../../components/theme.css';
import './popup.css';
import { loadLocale, localeFor, switchLanguage, t } from '../../lib/i18n';
import { getSettings, listSwitcherFirstRows } from '../../lib/ops';
import { App } from './App';

/** Enough rows to fill the list with some to spare: read through the indexes, before anything else. */
const FIRST_ROWS = 30;

async function start(): Promise<void> {
  // The browser's language is the likely one: its messages load while the roster is read.
  const [settings, firstRows] = await Promise.all([
    getSettings(),
    listSwitcherFirstRows(FIRST_ROWS),
    loadLocale(localeFor('auto')),
  ]);
  await switchLanguage(settings.language);
  document.title = t('extName');
  const root = document.getElementById('app');
  if (root) render(<App firstRows={firstRows} />, root);
}

void start();
