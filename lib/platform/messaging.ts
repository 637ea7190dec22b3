import { browser } from 'wxt/browser';

/** Sends a message to the extension's background; resolves to its answer. */
export async function sendRuntimeMessage(message: unknown): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

/**
 * Answers the extension's own runtime messages (runtime.onMessage never carries other
 * extensions' or web pages' messages), with the address of the page (or extension page) that
 * sent them, as the browser reports it: a content script's own claim about where it runs is
 * never trusted. `handler` returns a promise of the answer, or undefined to leave the message
 * to other listeners.
 */
export function onRuntimeMessage(
  handler: (message: unknown, senderUrl: string | undefined) => Promise<unknown> | undefined,
): void {
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the polyfill answers with the promise a listener returns (Chrome's types say void)
  browser.runtime.onMessage.addListener((message: unknown, sender: { url?: string }) => handler(message, sender.url));
}

/** Calls `listener` when the extension is installed or updated. */
export function onInstalled(listener: () => void): void {
  browser.runtime.onInstalled.addListener(() => listener());
}

/** Calls `listener` when the browser starts with the extension enabled. */
export function onBrowserStartup(listener: () => void): void {
  browser.runtime.onStartup.addListener(() => listener());
}
