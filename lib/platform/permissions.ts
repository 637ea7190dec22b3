import { browser } from 'wxt/browser';
import { originPatternFor } from '../rules/webhook';

/**
 * Asks the user for access to the host of `url` (declared in optional_host_permissions).
 * Browsers only show the prompt during a user gesture: call it straight from the click
 * handler, before any other await. Resolves to whether access was granted.
 */
export async function requestOriginPermission(url: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPatternFor(url)] });
}

export async function hasOriginPermission(url: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [originPatternFor(url)] });
}

/** Gives the access back, e.g. when the agency removes its webhook. */
export async function removeOriginPermission(url: string): Promise<boolean> {
  return browser.permissions.remove({ origins: [originPatternFor(url)] });
}

/**
 * Calls `listener` whenever the browser grants or takes back a permission of this extension: from
 * a prompt, from another page, or from the browser's own extension settings. Permissions are not
 * in IndexedDB, so liveQuery never sees these changes. Returns a function that stops listening.
 */
export function onPermissionsChanged(listener: () => void): () => void {
  const changed = () => listener();
  browser.permissions.onAdded.addListener(changed);
  browser.permissions.onRemoved.addListener(changed);
  return () => {
    browser.permissions.onAdded.removeListener(changed);
    browser.permissions.onRemoved.removeListener(changed);
  };
}
