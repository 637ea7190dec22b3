// The driver (driver.ts) in Firefox, over puppeteer-core and WebDriver BiDi (firefox/harness.ts).

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ElementHandle, KeyInput, Page } from 'puppeteer-core';
import type { Driver, DriverPage, LaunchDriverOptions, PickedFile } from '../driver';
import { QueryPage } from '../driver-page';
import { waitUntil } from '../wait';
import { elementExpression, type TargetSpec } from '../driver-query';
import { type FirefoxHarness, launchFirefox } from './harness';

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta']);

class FirefoxPage extends QueryPage {
  constructor(
    readonly page: Page,
    private readonly harness: FirefoxHarness,
    /** Where chosen files are written (removed when the browser closes). */
    private readonly uploads: string,
  ) {
    super();
  }

  protected label(): string {
    return `the tab ${this.harness.contextOf(this.page)}`;
  }

  protected evaluateExpression<T>(expression: string): Promise<T> {
    return this.page.evaluate(expression) as Promise<T>;
  }

  private async element(spec: TargetSpec): Promise<ElementHandle<Element>> {
    const element = (await this.page.evaluateHandle(elementExpression(spec))).asElement();
    if (!element) throw new Error(`The element went away before it could be used (${JSON.stringify(spec)})`);
    return element as ElementHandle<Element>;
  }

  protected async clickElement(spec: TargetSpec): Promise<void> {
    await (await this.element(spec)).click();
  }

  protected async focusElement(spec: TargetSpec): Promise<void> {
    await (await this.element(spec)).focus();
  }

  protected typeText(text: string): Promise<void> {
    return this.page.keyboard.type(text);
  }

  /** `Enter`, `ArrowDown`, or a combination such as `Shift+Tab` (Playwright's notation). */
  protected async pressKey(key: string): Promise<void> {
    const parts = key === '+' ? ['+'] : key.split('+');
    const modifiers = parts.slice(0, -1);
    for (const modifier of modifiers) {
      if (!MODIFIERS.has(modifier)) throw new Error(`Unknown modifier ${modifier} in ${key}`);
      await this.page.keyboard.down(modifier as KeyInput);
    }
    await this.page.keyboard.press(parts.at(-1) as KeyInput);
    for (const modifier of modifiers.reverse()) await this.page.keyboard.up(modifier as KeyInput);
  }

  protected async selectElementOption(spec: TargetSpec, value: string): Promise<void> {
    await (await this.element(spec)).select(value);
  }

  protected async setElementFile(spec: TargetSpec, file: PickedFile): Promise<void> {
    // The file picker hands over a file on disk, which Firefox reads only when the page does:
    // it stays until the browser closes.
    const path = join(this.uploads, `${Date.now()}-${Math.random().toString(36).slice(2)}`, file.name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.content);
    const input = (await this.element(spec)) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(path);
  }

  async goto(pathOrUrl: string): Promise<void> {
    await this.harness.navigate(this.page, absolute(this.harness, pathOrUrl));
  }

  async reload(): Promise<void> {
    await this.harness.reload(this.page);
  }

  async setViewport(width: number, height: number): Promise<void> {
    // page.setViewport also sends emulation commands Firefox 140 does not know.
    await this.harness.bidi('browsingContext.setViewport', {
      context: this.harness.contextOf(this.page),
      viewport: { width, height },
    });
  }

  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    // The scenarios pass plain data, which crosses into the page as it is.
    return this.page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg);
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

/** The add-on's own `browser` global, as its pages see it. */
interface FirefoxGlobals {
  browser: { notifications: { getAll(): Promise<unknown> } };
}

function absolute(harness: FirefoxHarness, pathOrUrl: string): string {
  return /^[a-z-]+:/.test(pathOrUrl) ? pathOrUrl : harness.extensionUrl(pathOrUrl);
}

export async function launchFirefoxDriver(options: LaunchDriverOptions = {}): Promise<Driver> {
  const harness = await launchFirefox({
    ...(options.locale ? { locale: options.locale } : {}),
    allowPermissionRequests: options.loopbackAccess ?? false,
  });
  const uploads = mkdtempSync(join(tmpdir(), 'agency-desk-upload-'));
  const wrap = (page: Page) => new FirefoxPage(page, harness, uploads);

  return {
    browser: 'firefox',
    extensionUrl: (path) => harness.extensionUrl(path),
    async open(pathOrUrl) {
      const page = await harness.newTab();
      await harness.navigate(page, absolute(harness, pathOrUrl));
      return wrap(page);
    },
    async tabUrls() {
      return (await harness.tabs()).map((tab) => tab.url);
    },
    async waitForTab(matches, description, waitOptions = {}): Promise<DriverPage> {
      let seen: string[] = [];
      const tab = await waitUntil(
        async () => {
          const tabs = await harness.tabs();
          seen = tabs.map((candidate) => candidate.url);
          return tabs.find((candidate) => matches(candidate.url));
        },
        (found) => found !== undefined,
        () => `a tab with ${description} (open: ${seen.join(', ')})`,
        waitOptions.timeout,
      );
      const page = await harness.pageOf(tab!.context);
      await waitUntil(
        () => page.evaluate(() => document.readyState),
        (state) => state === 'complete',
        () => `${tab!.url} to load`,
      );
      return wrap(page);
    },
    restartBackground: () => harness.reloadExtension(),
    async clickNotification(id) {
      // Firefox shows a notification in a small window of its own (alert.xhtml; the harness keeps
      // it from the desktop's notification service). ESR 140 gave that window the notification's
      // id as its cookie; ESR 153 gives it none (the id is the alert's name, which the window does
      // not keep), so the window is found by the notification's title and text, read from the
      // add-on. Clicking its body is what a person does; Firefox turns it into onClicked.
      const reader = await harness.newTab();
      let shown: { title: string; message: string } | undefined;
      try {
        await harness.navigate(reader, harness.extensionUrl('popup.html'));
        shown = await waitUntil(
          () =>
            reader.evaluate(async (wanted: string) => {
              const all = (await (globalThis as unknown as FirefoxGlobals).browser.notifications.getAll()) as Record<
                string,
                { title: string; message: string } | undefined
              >;
              return all[wanted];
            }, id),
          (options) => options !== undefined,
          () => `the add-on to show the notification ${id}`,
        );
      } finally {
        await reader.close();
      }
      const alertWindow = `[...Services.wm.getEnumerator('alert:alert')].find((w) => w.document.readyState === 'complete' && (w.gAlertCookie === ${JSON.stringify(id)} || (w.arguments[1] === ${JSON.stringify(shown?.title)} && w.arguments[2] === ${JSON.stringify(shown?.message)})))`;
      await waitUntil(
        () => harness.privileged<boolean>(`Boolean(${alertWindow})`),
        (found) => found,
        () => `Firefox to show the notification ${id}`,
      );
      await harness.privileged(
        `(() => { ${alertWindow}.document.getElementById('alertBox').click(); return true; })()`,
      );
    },
    async errors() {
      // Uncaught errors reach the Browser Console with their source: the add-on's own code only
      // (Firefox also logs errors of its own about the add-on, such as "sendRemoveListener on
      // closed conduit" while it reloads). console.error calls do not reach the parent's console
      // from the add-on's process, but Firefox prints them on its stdout, without their source;
      // the only content these tests load is the add-on's and the test's own plain pages.
      // Left out too: "Promise rejected after context unloaded: …", which Firefox logs when a tab
      // is closed while an extension call the page made (a runtime message, say) is unanswered.
      // The page is gone and nothing waits for the answer; Chromium drops such answers silently.
      const ours = harness.extensionUrl('');
      const uncaught = (await harness.browserConsole())
        .filter(
          (entry) =>
            entry.level === 'error' &&
            entry.source.startsWith(ours) &&
            !entry.message.startsWith('Promise rejected after context unloaded'),
        )
        .map((entry) => `${entry.source}: ${entry.message}`);
      const logged = harness.output().filter((line) => line.startsWith('console.error:'));
      return [...uncaught, ...logged];
    },
    async close() {
      try {
        await harness.close();
      } finally {
        rmSync(uploads, { recursive: true, force: true });
      }
    },
  };
}
