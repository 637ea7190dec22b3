import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Firefox needs a stable add-on id for storage and IndexedDB to survive updates.
const GECKO_ID = 'agency-desk@agency-desk.dev';

export default defineConfig({
  // WXT_OUT_DIR lets parallel builds (e.g. one per test worker) keep apart; the default is WXT's.
  outDir: process.env.WXT_OUT_DIR || '.output',
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    icons: {
      16: 'icon/16.png',
      32: 'icon/32.png',
      48: 'icon/48.png',
      128: 'icon/128.png',
    },
    permissions: [],
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        // The first release that reads data_collection_permissions.
        strict_min_version: '140.0',
        // Everything stays in the browser's own storage; nothing is sent anywhere.
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: {
        strict_min_version: '142.0',
      },
    },
  },
});
