// The few things a real-browser scenario does, said once for both browsers: the scenarios in
// test/e2e/shared are written against this interface and run in Chromium (over playwright-core,
// driver-chromium.ts) and in Firefox (over puppeteer-core and WebDriver BiDi, firefox/driver.ts).
//
// Elements are found by what a person sees (role and name, label, text) or by a test id, by one
// finder that runs inside the page (driver-query.ts) in both browsers, so a target means the same
// element in each. Names, labels and texts given as strings match whole (white space collapsed);
// a RegExp matches anywhere. `hasText` narrows a target to elements whose text contains it.
// Only visible elements are found. An action wants exactly one element and waits for it.
//
// Seeding and reading the extension's IndexedDB and sending it runtime messages are not the
// driver's: background-helpers.ts (seed, readStores, sendRuntimeMessage, runRules) takes a driver
// page as well as a playwright one, since both can evaluate a function in the page.

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

export type TextMatch = string | RegExp;

export interface Target {
  role?: string;
  /** With `role`: the accessible name (aria-labelledby, aria-label, the label of a control, or its text). */
  name?: TextMatch;
  /** A form control by its label (or aria-label). */
  label?: TextMatch;
  testId?: string;
  css?: string;
  /** The innermost element whose text this is. */
  text?: TextMatch;
  /** Only elements whose text contains this. */
  hasText?: TextMatch;
  /** Only inside this element. */
  within?: Target;
}

export const byRole = (role: string, name?: TextMatch): Target => (name === undefined ? { role } : { role, name });
export const byLabel = (label: TextMatch): Target => ({ label });
export const byTestId = (testId: string, hasText?: TextMatch): Target =>
  hasText === undefined ? { testId } : { testId, hasText };
export const byCss = (css: string, hasText?: TextMatch): Target => (hasText === undefined ? { css } : { css, hasText });
export const byText = (text: TextMatch): Target => ({ text });
export const inside = (within: Target, target: Target): Target => ({ ...target, within });

export interface WaitOptions {
  /** Milliseconds; defaults to 10 s. */
  timeout?: number;
}

export interface ClickOptions extends WaitOptions {
  /** Click even a disabled element (a person can click it; nothing should happen). */
  force?: boolean;
}

/** A file as the file picker would hand it over. */
export interface PickedFile {
  name: string;
  mimeType: string;
  content: string | Buffer;
}

export interface DriverPage {
  /** The address of the page's document, as the page reports it. */
  url(): Promise<string>;
  /** Loads an extension page (`options.html#/backup`) or an absolute URL in this tab and waits for it. */
  goto(pathOrUrl: string): Promise<void>;
  /** Changes the address's hash, as a link inside the page does. */
  setHash(hash: string): Promise<void>;
  reload(): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;

  /** Waits until the target is shown (exactly one element unless `count` says otherwise). */
  waitFor(target: Target, options?: WaitOptions & { count?: number }): Promise<void>;
  /** Waits until the target's text is `expected` (whole, white space collapsed) or matches it. */
  waitForText(target: Target, expected: TextMatch, options?: WaitOptions): Promise<void>;
  /** Waits until no element matches the target. */
  waitForGone(target: Target, options?: WaitOptions): Promise<void>;
  count(target: Target): Promise<number>;
  /** The text of the one element the target finds (white space collapsed). */
  text(target: Target): Promise<string>;
  /** The texts of every element the target finds, in document order. */
  texts(target: Target): Promise<string[]>;
  attribute(target: Target, name: string): Promise<string | null>;
  /** The value of a form control. */
  value(target: Target): Promise<string>;
  isDisabled(target: Target): Promise<boolean>;
  /** Whether the element has the keyboard focus. */
  isFocused(target: Target): Promise<boolean>;

  click(target: Target, options?: ClickOptions): Promise<void>;
  /** Replaces a text field's value by typing (select all, then the keys). */
  fill(target: Target, value: string): Promise<void>;
  /** Types into an element, key by key, after what it holds. */
  type(target: Target, text: string): Promise<void>;
  /** Presses a key (or a combination such as `Shift+Tab`) where the focus is. */
  press(key: string): Promise<void>;
  selectOption(target: Target, value: string): Promise<void>;
  /** Chooses a file in a file input, as the file picker would. */
  setFile(target: Target, file: PickedFile): Promise<void>;

  /** Runs a function in the page; `fn` must not use anything from outside its own body. */
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  close(): Promise<void>;
}

export interface LaunchDriverOptions {
  /** Browser UI language, e.g. 'ja'; defaults to 'en-US'. */
  locale?: string;
  /**
   * Stand-in for the person answering Allow when the extension asks for access to
   * http://127.0.0.1 (the managing bar's host in the tests). Chromium cannot answer its prompt
   * headless, so it loads a copy of the build that holds the host already; Firefox is told to
   * grant optional permissions without the prompt, so the extension's own request is what grants it.
   */
  loopbackAccess?: boolean;
}

export interface Driver {
  readonly browser: BrowserName;
  /** The address of an extension page, e.g. `options.html`. */
  extensionUrl(path: string): string;
  /** Opens an extension page (`options.html`) or an absolute URL in a new tab and waits for it. */
  open(pathOrUrl: string): Promise<DriverPage>;
  /** The addresses of the open tabs. */
  tabUrls(): Promise<string[]>;
  /** Waits for a tab whose address `matches`, e.g. one the extension opened, and returns it. */
  waitForTab(matches: (url: string) => boolean, description: string, options?: WaitOptions): Promise<DriverPage>;
  /**
   * Restarts the extension's background: Chromium stops its service worker as it does when idle
   * (the next event starts it again); Firefox reloads the add-on, whose background is a page
   * that never idles. Extension pages may close (Firefox): open them again afterwards.
   */
  restartBackground(): Promise<void>;
  /** Clicks the body of a notification the extension shows, as a person would. */
  clickNotification(id: string): Promise<void>;
  /** Uncaught errors and console errors of the extension's pages and background so far. */
  errors(): Promise<string[]>;
  close(): Promise<void>;
}

/** The browser a test file runs in: the vitest project sets E2E_BROWSER (vitest.e2e.config.ts). */
export function currentBrowser(): BrowserName {
  const name = process.env.E2E_BROWSER ?? 'chromium';
  if (!BROWSERS.includes(name as BrowserName))
    throw new Error(`E2E_BROWSER=${name}: expected one of ${BROWSERS.join(', ')}`);
  return name as BrowserName;
}
