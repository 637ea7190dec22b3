import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import en from '../../public/_locales/en/messages.json';
import ja from '../../public/_locales/ja/messages.json';
import { installCatalog } from '../../lib/i18n';

// The extension reads a catalogue from its package when a page first needs it; tests have
// both at hand from the start, as if every page had already loaded them.
installCatalog('en', en);
installCatalog('ja', ja);

beforeEach(() => {
  fakeBrowser.reset();
});
