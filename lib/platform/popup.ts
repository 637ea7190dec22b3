import { browser } from 'wxt/browser';

/**
 * Closes the toolbar popup once it has done its job. The same page opened as a tab (tests,
 * or someone who opened it that way) stays: closing it could cut short a navigation in it.
 */
export async function closePopup(): Promise<void> {
  if (await browser.tabs.getCurrent()) return;
  window.close();
}
