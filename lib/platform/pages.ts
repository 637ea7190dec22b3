import { browser } from 'wxt/browser';

/** Opens the agency dashboard (the options page) in a tab. */
export async function openDashboard(): Promise<void> {
  await browser.runtime.openOptionsPage();
}
