import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Firefox needs a stable add-on id for storage and IndexedDB to survive updates.
const GECKO_ID = 'agency-desk@agency-desk.dev';

export default defineConfig({
  // WXT_OUT_DIR lets parallel builds (e.g. one per test worker) keep apart; the default is WXT's.
  outDir: process.env.WXT_OUT_DIR || '.output',
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    // Dexie's package entry re-exports its ES5 UMD build (one instance for CommonJS and ES
    // importers alike); every importer here is an ES module, and the modern build is ~2 KB
    // smaller gzipped in each of the popup, the dashboard and the worker.
    resolve: { alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }] },
  }),
  hooks: {
    'build:manifestGenerated'(wxt, manifest) {
      // Manifest V2 (Firefox) names the toolbar button's command after browser_action.
      const command = manifest.commands?._execute_action;
      if (wxt.config.manifestVersion === 2 && manifest.commands && command) {
        manifest.commands._execute_browser_action = command;
        delete manifest.commands._execute_action;
      }
      // Manifest V2 has no optional_host_permissions: its optional hosts go in optional_permissions.
      if (wxt.config.manifestVersion === 2 && manifest.optional_host_permissions) {
        const optional: string[] = manifest.optional_permissions ?? [];
        const hosts = manifest.optional_host_permissions as string[];
        manifest.optional_permissions = [...optional, ...hosts];
        delete manifest.optional_host_permissions;
      }
    },
  },
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
    // alarms: the lifecycle rules run while nobody looks; notifications: reminders before a purge;
    // scripting: the "currently managing" bar is registered at run time for the workspace origin
    // (lib/platform/workspace-bar-registry.ts), so the manifest holds no content script.
    // `storage`: the team member's token lives in the extension's own storage, never in IndexedDB
    // (lib/platform/team-token.ts). It shows no warning at install and asks for no site.
    permissions: ['alarms', 'notifications', 'scripting', 'storage'],
    // Asked for only when the agency sets a reminder webhook, for that host alone
    // (lib/platform/permissions.ts; http on 127.0.0.1 only: a relay on this computer), or sets
    // the workspace URL template, for the template's host alone (the managing bar; an http
    // template may be on any host, hence http://*/*).
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://*/*'],
    // The address bar keyword: "ad", a space, then a client's name (lib/background/register-omnibox.ts).
    omnibox: { keyword: 'ad' },
    commands: {
      // Opens the popup. Alt+Shift+D ("Desk"): Chromium's own Alt+Shift keys are A (focus an
      // inactive dialog, for screen readers), B, I and T, and ChromeOS takes L, M, N, P and S.
      // People change it at chrome://extensions/shortcuts (Firefox: Manage Extension Shortcuts).
      _execute_action: { suggested_key: { default: 'Alt+Shift+D' } },
    },
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
