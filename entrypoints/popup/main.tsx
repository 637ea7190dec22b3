import { render } from 'preact';
import '../../components/theme.css';
import './popup.css';
import { setLanguage, t } from '../../lib/i18n';
import { getSettings } from '../../lib/ops';
import { App } from './App';

async function start(): Promise<void> {
  setLanguage((await getSettings()).language);
  document.title = t('extName');
  const root = document.getElementById('app');
  if (root) render(<App />, root);
}

void start();
