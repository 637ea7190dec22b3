// Firefox only: its notifications have no buttons, and its notifications.onButtonClicked is a
// stub whose addListener only logs, in the Browser Console, "attempting to use listener
// "notifications.onButtonClicked", which is unimplemented". The add-on must not lean on it: it
// registers no such listener (nothing logged as it starts, nor when it starts again), and a
// click on a reminder's notification itself opens the client's overview (the shared
// background-reminder scenario clicks one in both browsers).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirefoxHarness, launchFirefox } from './harness';

declare const browser: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

let firefox: FirefoxHarness;

beforeAll(async () => {
  firefox = await launchFirefox();
});

afterAll(async () => {
  await firefox?.close();
});

/** Resolves once the background has registered its listeners: it answers a page's "run now". */
async function backgroundAnswers(): Promise<void> {
  const page = await firefox.newTab();
  try {
    await firefox.navigate(page, firefox.extensionUrl('options.html'));
    expect(await page.evaluate(() => browser.runtime.sendMessage({ type: 'rules/run' }))).toMatchObject({ ok: true });
  } finally {
    await page.close();
  }
}

const unimplemented = async () =>
  (await firefox.browserConsole())
    .filter((entry) => /which is unimplemented/.test(entry.message))
    .map((entry) => entry.message);

describe('notification buttons in Firefox', () => {
  it('are not listened for when the add-on starts', async () => {
    await backgroundAnswers();
    expect(await unimplemented()).toEqual([]);
  });

  it('are not listened for when the add-on starts again', async () => {
    await firefox.reloadExtension();
    await backgroundAnswers();
    expect(await unimplemented()).toEqual([]);
  });
});
