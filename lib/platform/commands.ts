import { browser } from 'wxt/browser';
import { openInternalTab } from './tabs';

/** The toolbar button's command: _execute_action in Manifest V3, _execute_browser_action in V2. */
const OPEN_POPUP_COMMANDS = ['_execute_action', '_execute_browser_action'];

/** The keys that open the popup as the user has them now; empty when none is set. */
export async function getPopupShortcut(): Promise<string> {
  const commands = await browser.commands.getAll();
  return commands.find((command) => OPEN_POPUP_COMMANDS.includes(command.name ?? ''))?.shortcut ?? '';
}

/** Firefox does not let an extension open its shortcut settings; people go there themselves. */
export const canOpenShortcutSettings = !import.meta.env.FIREFOX;

/** Opens the browser's page where extension shortcuts are changed (Chromium browsers). */
export async function openShortcutSettings(): Promise<void> {
  await openInternalTab({ browserPage: 'chrome://extensions/shortcuts' });
}
