import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendRequest } from '../../lib/messages/send-request';
import { type ShownWorkspaceBar, showWorkspaceBar } from './show-workspace-bar';

/**
 * The bar's script on a page of the workspace origin: asks the background what to say on this
 * page and shows the bar, or nothing. A single-page app that moves to another address is asked
 * about again; once closed, the bar stays closed on this page.
 */
export async function runWorkspaceBar(ctx: ContentScriptContext): Promise<void> {
  let shown: ShownWorkspaceBar | undefined;
  let closed = false;
  const refresh = async () => {
    if (closed) return;
    // Without an answer (the extension was updated or removed), the page shows no bar.
    const text = (await sendRequest('banner/lookup').catch(() => undefined))?.banner;
    if (ctx.isInvalid || closed) return;
    if (!text) {
      shown?.remove();
      shown = undefined;
      return;
    }
    if (shown) {
      shown.update(text);
      return;
    }
    shown = showWorkspaceBar(document, text, () => {
      closed = true;
      shown = undefined;
    });
  };
  ctx.onInvalidated(() => shown?.remove());
  ctx.addEventListener(window, 'wxt:locationchange', () => void refresh());
  await refresh();
}
