// The driver (driver.ts) in Chromium, over the playwright-core harness (harness.ts).

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ElementHandle, Page } from 'playwright-core';
import { stopWorker, workerStartedAt } from './background-helpers';
import type { Driver, DriverPage, LaunchDriverOptions, PickedFile } from './driver';
import { QueryPage } from './driver-page';
import { waitUntil } from './wait';
import { elementExpression, type TargetSpec } from './driver-query';
import { DEFAULT_EXTENSION_DIR, type ExtensionHarness, launchExtension } from './harness';

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  notifications: {
    getAll(): Promise<Record<string, unknown>>;
    onClicked: { dispatch(id: string): void };
  };
};

class ChromiumPage extends QueryPage {
  constructor(
    readonly page: Page,
    private readonly harness: ExtensionHarness,
  ) {
    super();
  }

  protected label(): string {
    return this.page.url();
  }

  protected evaluateExpression<T>(expression: string): Promise<T> {
    return this.page.evaluate<T>(expression);
  }

  private async element(spec: TargetSpec): Promise<ElementHandle> {
    const element = (await this.page.evaluateHandle(elementExpression(spec))).asElement();
    if (!element) throw new Error(`The element went away before it could be used (${JSON.stringify(spec)})`);
    return element;
  }

  protected async clickElement(spec: TargetSpec, force: boolean): Promise<void> {
    await (await this.element(spec)).click({ force, timeout: 10_000 });
  }

  protected async focusElement(spec: TargetSpec): Promise<void> {
    await (await this.element(spec)).focus();
  }

  protected typeText(text: string): Promise<void> {
    return this.page.keyboard.type(text);
  }

  protected pressKey(key: string): Promise<void> {
    return this.page.keyboard.press(key);
  }

  protected async selectElementOption(spec: TargetSpec, value: string): Promise<void> {
    await (await this.element(spec)).selectOption(value);
  }

  protected async setElementFile(spec: TargetSpec, file: PickedFile): Promise<void> {
    const buffer = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
    await (await this.element(spec)).setInputFiles({ name: file.name, mimeType: file.mimeType, buffer });
  }

  async goto(pathOrUrl: string): Promise<void> {
    await this.page.goto(absolute(this.harness, pathOrUrl), { waitUntil: 'load' });
  }

  async reload(): Promise<void> {
    await this.page.reload({ waitUntil: 'load' });
  }

  async setViewport(width: number, height: number): Promise<void> {
    await this.page.setViewportSize({ width, height });
  }

  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    return this.page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown);
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}

function absolute(harness: ExtensionHarness, pathOrUrl: string): string {
  return /^[a-z-]+:/.test(pathOrUrl) ? pathOrUrl : harness.extensionUrl(pathOrUrl);
}

/** A copy of the build whose manifest grants http://127.0.0.1/* at install (see LaunchDriverOptions). */
function buildWithLoopbackAccess(buildDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'agency-desk-loopback-'));
  cpSync(buildDir, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), 'http://127.0.0.1/*'];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}

export async function launchChromiumDriver(options: LaunchDriverOptions = {}): Promise<Driver> {
  const buildDir = resolve(process.env.E2E_EXTENSION_DIR || DEFAULT_EXTENSION_DIR);
  const copy = options.loopbackAccess ? buildWithLoopbackAccess(buildDir) : undefined;
  let harness: ExtensionHarness;
  try {
    harness = await launchExtension({
      ...(copy ? { extensionDir: copy } : {}),
      ...(options.locale ? { locale: options.locale } : {}),
    });
  } catch (error) {
    if (copy) rmSync(copy, { recursive: true, force: true });
    throw error;
  }
  const { context } = harness;
  const errors: string[] = [];
  const extensionOrigin = harness.extensionUrl('');
  const watch = (page: Page) => {
    page.on('pageerror', (error) => {
      if (page.url().startsWith(extensionOrigin)) errors.push(`${page.url()}: ${error.stack ?? error.message}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && page.url().startsWith(extensionOrigin))
        errors.push(`${page.url()}: ${message.text()}`);
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const wrap = (page: Page) => new ChromiumPage(page, harness);

  /** A page of the extension for what only an extension page may do (its DevTools session, its messages). */
  const withExtensionPage = async <T>(work: (page: Page) => Promise<T>): Promise<T> => {
    const page = await context.newPage();
    try {
      await page.goto(harness.extensionUrl('manifest.json'));
      return await work(page);
    } finally {
      await page.close();
    }
  };

  return {
    browser: 'chromium',
    extensionUrl: (path) => harness.extensionUrl(path),
    async open(pathOrUrl) {
      const page = await context.newPage();
      await page.goto(absolute(harness, pathOrUrl), { waitUntil: 'load' });
      return wrap(page);
    },
    async tabUrls() {
      return Promise.resolve(context.pages().map((page) => page.url()));
    },
    async waitForTab(matches, description, waitOptions = {}): Promise<DriverPage> {
      const page = await waitUntil(
        () => Promise.resolve(context.pages().find((candidate) => matches(candidate.url()))),
        (found) => found !== undefined,
        () =>
          `a tab with ${description} (open: ${context
            .pages()
            .map((page) => page.url())
            .join(', ')})`,
        waitOptions.timeout,
      );
      await page!.waitForLoadState('load');
      return wrap(page!);
    },
    async restartBackground() {
      const worker = harness.serviceWorker;
      const before = await workerStartedAt(worker);
      await withExtensionPage(async (page) => {
        await stopWorker(context, page);
        // Any event starts it again; an unknown message is answered with a refusal, or not at all.
        await page.evaluate(() => chrome.runtime.sendMessage({ type: 'e2e/wake' }).catch(() => undefined));
      });
      await waitUntil(
        () => workerStartedAt(worker),
        (startedAt) => startedAt > before,
        () => 'the service worker to start again',
      );
    },
    async clickNotification(id) {
      // Headless Chromium shows notifications nowhere a click could reach; the click event is
      // fired in the worker instead, after checking the notification is there to be clicked.
      await waitUntil(
        () => harness.serviceWorker.evaluate(() => chrome.notifications.getAll()),
        (shown) => id in shown,
        () => `the notification ${id} to be shown`,
      );
      await harness.serviceWorker.evaluate((clicked) => chrome.notifications.onClicked.dispatch(clicked), id);
    },
    errors: () => Promise.resolve([...errors]),
    async close() {
      try {
        await harness.close();
      } finally {
        if (copy) rmSync(copy, { recursive: true, force: true });
      }
    },
  };
}
