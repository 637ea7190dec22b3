import { browser } from 'wxt/browser';

const ATTENTION_COLOR = '#b3261e';

/** The toolbar button's API: `action` in Manifest V3, `browserAction` in V2 (Firefox). */
function toolbarButton() {
  return browser.action ?? browser.browserAction;
}

/** Sets the toolbar badge; an empty text removes it. */
export async function setBadgeText(text: string): Promise<void> {
  const button = toolbarButton();
  await button.setBadgeText({ text });
  if (text !== '') await button.setBadgeBackgroundColor({ color: ATTENTION_COLOR });
}

export async function getBadgeText(): Promise<string> {
  return toolbarButton().getBadgeText({});
}
