/**
 * The bar at the top of a client's workspace pages: "You are currently managing your customer
 * <name> (<domain>)", with the client's status and a button that closes it for this page. It
 * lives in its own shadow root, so the page's styles and the bar's do not touch; it is built
 * with plain DOM (textContent only), as it runs inside someone else's page. The words come
 * from the background (lib/background/workspace-bar-text.ts), already in the dashboard's language.
 */
import type { WorkspaceBarText } from '../../lib/messages/protocol-schema';

/** The host element's tag: a name no page uses, so the bar is easy to find and never clashes. */
export const WORKSPACE_BAR_TAG = 'agency-desk-banner';

const STYLE = `
:host { all: initial; display: block; }
.bar {
  display: flex; align-items: center; gap: 12px; flex-wrap: wrap;
  box-sizing: border-box; width: 100%; padding: 8px 12px;
  background: #0b3d91; color: #ffffff; border-bottom: 2px solid #061f4a;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Noto Sans JP", sans-serif;
}
.text { margin: 0; flex: 1 1 auto; font-weight: 600; }
.status { margin: 0; padding: 2px 8px; border-radius: 999px; background: #ffffff; color: #0b3d91; font-weight: 600; }
.status[data-status="paused"] { background: #fff4d6; color: #5c3d00; }
.status[data-status="inactive"] { background: #f1f1f1; color: #333333; }
button {
  font: inherit; color: #ffffff; background: transparent; border: 1px solid #ffffff; border-radius: 4px;
  padding: 2px 10px; cursor: pointer;
}
button:hover { background: rgba(255, 255, 255, 0.15); }
button:focus-visible { outline: 3px solid #ffd54f; outline-offset: 2px; }
`;

export interface ShownWorkspaceBar {
  /** Rewrites the bar (a single-page app moved to another client's workspace). */
  update(text: WorkspaceBarText): void;
  remove(): void;
}

/**
 * Puts the bar at the top of `document`'s body. Closing it removes it from this page; it shows
 * again on the next page load.
 */
export function showWorkspaceBar(document: Document, text: WorkspaceBarText, onClose: () => void): ShownWorkspaceBar {
  const host = document.createElement(WORKSPACE_BAR_TAG);
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const bar = document.createElement('div');
  bar.className = 'bar';
  bar.setAttribute('role', 'region');
  const message = document.createElement('p');
  message.className = 'text';
  const status = document.createElement('p');
  status.className = 'status';
  const close = document.createElement('button');
  close.type = 'button';
  const remove = () => host.remove();
  close.addEventListener('click', () => {
    remove();
    onClose();
  });
  const update = (shown: WorkspaceBarText) => {
    bar.lang = shown.lang;
    bar.setAttribute('aria-label', shown.regionLabel);
    message.textContent = shown.message;
    status.textContent = shown.status;
    status.dataset.status = shown.statusKind;
    close.textContent = shown.close;
    close.setAttribute('aria-label', shown.closeLabel);
  };
  update(text);
  bar.append(message, status, close);
  root.append(style, bar);
  (document.body ?? document.documentElement).prepend(host);
  return { update, remove };
}
