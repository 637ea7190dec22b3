import { type Browser, browser } from 'wxt/browser';

export interface NotificationContent {
  title: string;
  message: string;
  /** Button labels, in order; shown only where notifications have buttons (not in Firefox). */
  buttons: string[];
}

/**
 * Whether this browser's notifications carry buttons. Chromium's do. Firefox's have none: it
 * shows no buttons, and its notifications.onButtonClicked is a stub whose addListener only logs
 * "attempting to use listener "notifications.onButtonClicked", which is unimplemented". There a
 * click on the notification itself (onNotificationClicked) opens what the first button would.
 */
function notificationsHaveButtons(): boolean {
  return !import.meta.env.FIREFOX;
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
  if (notificationsHaveButtons() && content.buttons.length > 0)
    options.buttons = content.buttons.map((title) => ({ title }));
  try {
    await browser.notifications.create(id, options);
  } catch {
    // Chromium now and then refuses one notification with "Unable to download all specified
    // images." though the icon is the package's own file (a CI run lost one reminder of 300 so,
    // the first a restarted worker showed); the same call again succeeds. A second refusal is
    // real and goes to the caller. Trying again is safe: the same id replaces, never adds.
    await browser.notifications.create(id, options);
  }
}

export async function clearNotification(id: string): Promise<void> {
  await browser.notifications.clear(id);
}

/** Ids of the extension's notifications still in the notification centre. */
export async function shownNotificationIds(): Promise<string[]> {
  return Object.keys(await browser.notifications.getAll());
}

/** A click on the notification itself (its body), in every browser. */
export function onNotificationClicked(listener: (id: string) => void): void {
  browser.notifications.onClicked.addListener(listener);
}

/** A click on one of a notification's buttons; never called where notifications have none (Firefox). */
export function onNotificationButtonClicked(listener: (id: string, buttonIndex: number) => void): void {
  if (notificationsHaveButtons()) browser.notifications.onButtonClicked.addListener(listener);
}
