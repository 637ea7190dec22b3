import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import en from '../../public/_locales/en/messages.json';
import ja from '../../public/_locales/ja/messages.json';
import { installCatalog, setLanguage } from '../../lib/i18n';
import { restartClientInputs } from './ops/helpers';

// The extension reads a catalogue from its package when a page first needs it; tests have
// both at hand from the start, as if every page had already loaded them.
installCatalog('en', en);
installCatalog('ja', ja);

// The files share one module graph (vitest.config.ts: isolate: false), so this file, run before
// each of them, puts back the module state a file could leave behind: the language t() speaks
// and the numbering of the ops helpers' clients (the pinned dumps hold their e-mail addresses).
setLanguage('auto');
restartClientInputs();

beforeEach(() => {
  fakeBrowser.reset();
});
