/**
 * The "currently managing" bar's script on the agency's workspace pages: host access asked for
 * per origin, and the script registered at run time (scripting API) for that origin only, so
 * the manifest holds no content script and no host permission.
 */
import { browser } from 'wxt/browser';
import { workspaceMatchPattern } from '../rules/workspace-bar-match';

/**
 * The id and the file of the registered script keep their first names: registrations persist
 * across browser sessions and updates, and name both.
 */
export const WORKSPACE_BAR_SCRIPT_ID = 'workspace-banner';
/** Where WXT puts entrypoints/workspace-banner.content.ts in the build. */
const WORKSPACE_BAR_FILE = 'content-scripts/workspace-banner.js';

/**
 * Asks the user for access to the pages of the workspaces that `template` opens (declared in
 * optional_host_permissions). Browsers only show the prompt during a user gesture: the Settings
 * page calls this straight from the Save click handler, before any other await. Resolves to
 * whether access was granted; false for a template without a usable origin.
 */
export async function requestWorkspaceAccess(template: string): Promise<boolean> {
  const pattern = workspaceMatchPattern(template);
  if (pattern === undefined) return false;
  return browser.permissions.request({ origins: [pattern] });
}

/** Whether the user has granted access to the pages of the workspaces that `template` opens. */
export async function hasWorkspaceAccess(template: string | undefined): Promise<boolean> {
  const pattern = workspaceMatchPattern(template);
  return pattern !== undefined && browser.permissions.contains({ origins: [pattern] });
}

/** What keeping the bar's registration in step needs from the browser; tests hand in a fake. */
export interface WorkspaceBarRegistry {
  /** The pattern the bar's script is registered for, if it is. */
  registeredPattern(): Promise<string | undefined>;
  register(pattern: string): Promise<void>;
  unregister(): Promise<void>;
  hasAccess(pattern: string): Promise<boolean>;
  /** Gives back host access that nothing needs any more. */
  removeAccess(pattern: string): Promise<void>;
}

export const browserWorkspaceBarRegistry: WorkspaceBarRegistry = {
  async registeredPattern() {
    const [script] = await browser.scripting.getRegisteredContentScripts({ ids: [WORKSPACE_BAR_SCRIPT_ID] });
    return script?.matches?.[0];
  },
  async register(pattern) {
    await browser.scripting.registerContentScripts([
      {
        id: WORKSPACE_BAR_SCRIPT_ID,
        js: [WORKSPACE_BAR_FILE],
        matches: [pattern],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  },
  async unregister() {
    await browser.scripting.unregisterContentScripts({ ids: [WORKSPACE_BAR_SCRIPT_ID] });
  },
  async hasAccess(pattern) {
    return browser.permissions.contains({ origins: [pattern] });
  },
  async removeAccess(pattern) {
    await browser.permissions.remove({ origins: [pattern] });
  },
};

/** Calls `listener` when the user grants or takes back host access (also from the browser's own UI). */
export function onHostAccessChanged(listener: () => void): void {
  browser.permissions.onAdded.addListener(() => listener());
  browser.permissions.onRemoved.addListener(() => listener());
}
