import { type Browser, browser } from 'wxt/browser';

export interface NotificationContent {
  title: string;
  message: string;
  /** Button labels, in order; Firefox has no notification buttons and shows none. */
  buttons: string[];
}

/**
 * Shows a notification under `id`. Showing the same id again replaces the one in the
 * notification centre instead of adding a second, which makes a repeated delivery harmless.
 */
export async function showNotification(id: string, content: NotificationContent): Promise<void> {
  const options: Browser.notifications.NotificationCreateOptions = {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: content.title,
    message: content.message,
  };
  if (!import.meta.env.FIREFOX && content.buttons.length > 0)
    options.buttons = content.buttons.map((title) => ({ title }));
  await browser.notifications.create(id, options);
}

export async function clearNotification(id: string): Promise<void> {
  await browser.notifications.clear(id);
}

/** Ids of the extension's notifications still in the notification centre. */
export async function shownNotificationIds(): Promise<string[]> {
  return Object.keys(await browser.notifications.getAll());
}

export function onNotificationClicked(listener: (id: string) => void): void {
  browser.notifications.onClicked.addListener(listener);
}

export function onNotificationButtonClicked(listener: (id: string, buttonIndex: number) => void): void {
  browser.notifications.onButtonClicked?.addListener(listener);
}
