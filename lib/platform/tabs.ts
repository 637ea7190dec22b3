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
