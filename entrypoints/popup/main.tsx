import { render } from 'preact';
import '../../components/theme.css';
import './popup.css';
import { setLanguage, t } from '../../lib/i18n';
import { getSettings, listSwitcherFirstRows } from '../../lib/ops';
import { App } from './App';

/** Enough rows to fill the list with some to spare: read through the indexes, before anything else. */
const FIRST_ROWS = 30;

async function start(): Promise<void> {
  const [settings, firstRows] = await Promise.all([getSettings(), listSwitcherFirstRows(FIRST_ROWS)]);
  setLanguage(settings.language);
  document.title = t('extName');
  const root = document.getElementById('app');
  if (root) render(<App firstRows={firstRows} />, root);
}

void start();
