import { browser } from 'wxt/browser';
import { openInternalTab } from './tabs';

/** Opens the agency dashboard (the options page) in a tab. */
export async function openDashboard(): Promise<void> {
  await browser.runtime.openOptionsPage();
}

/**
 * Opens one client's overview in the dashboard (its #/clients/<Org ID> route) in a new tab.
 */
export async function openClientOverview(orgId: string): Promise<void> {
  await openInternalTab({ extensionPath: `/options.html#/clients/${encodeURIComponent(orgId)}` });
}

/** Opens the dashboard's Settings (its #/settings route) in a new tab. */
export async function openSettings(): Promise<void> {
  await openInternalTab({ extensionPath: '/options.html#/settings' });
}

/** Opens the dashboard's list of the changes the team's server refused (its #/refused route) in a new tab. */
export async function openRefusedChanges(): Promise<void> {
  await openInternalTab({ extensionPath: '/options.html#/refused' });
}
