import { browser } from 'wxt/browser';
import { AppError } from '../model/errors';
import { isHttpUrl } from '../model/http-url';

/**
 * The one way the extension opens a workspace. It refuses anything that is not an absolute
 * http(s) URL (javascript:, data:, file:, chrome:, scheme-less text), whatever the caller checked.
 */
export type TabPlacement = 'new-tab' | 'background-tab' | 'current-tab';

export async function openWorkspaceTab(url: string, where: TabPlacement = 'new-tab'): Promise<void> {
  if (!isHttpUrl(url)) throw new AppError('rule', 'error_workspaceUrlNotHttp');
  if (where === 'current-tab') {
    const [active] = await browser.tabs.query({ active: true, currentWindow: true });
    if (active?.id !== undefined) {
      await browser.tabs.update(active.id, { url });
      return;
    }
  }
  await browser.tabs.create({ url, active: where !== 'background-tab' });
}

/**
 * Opens one of the extension's own pages (by its path in the package) or a page of the browser's
 * own settings in a new tab: never a workspace, so not held to the http(s) rule above.
 */
export async function openInternalTab(
  page: { extensionPath: `/options.html${string}` } | { browserPage: `chrome://${string}` },
): Promise<void> {
  const url = 'extensionPath' in page ? browser.runtime.getURL(page.extensionPath) : page.browserPage;
  await browser.tabs.create({ url });
}
