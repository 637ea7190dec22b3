// What both browsers' pages share: finding, waiting and reading go through the in-page finder
// (driver-query.ts) and a poll with a deadline; each browser supplies only how to evaluate an
// expression, act on the element found, and load documents.

import type { ClickOptions, DriverPage, PickedFile, Target, TextMatch, WaitOptions } from './driver';
import { describe, type Found, readExpression, type TargetSpec, toSpec } from './driver-query';
import { waitUntil } from './wait';

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
const textFits = (expected: TextMatch, text: string) =>
  typeof expected === 'string' ? collapse(text) === collapse(expected) : expected.test(text);

export abstract class QueryPage implements DriverPage {
  /** Evaluates an expression in the page's document and returns its (JSON-like) value. */
  protected abstract evaluateExpression<T>(expression: string): Promise<T>;
  /**
   * Clicks the first element the spec finds, with the browser's real input events; `force`:
   * even when it says it is disabled.
   */
  protected abstract clickElement(spec: TargetSpec, force: boolean): Promise<void>;
  /** Focuses the first element the spec finds. */
  protected abstract focusElement(spec: TargetSpec): Promise<void>;
  /** Types text with key events where the focus is. */
  protected abstract typeText(text: string): Promise<void>;
  protected abstract pressKey(key: string): Promise<void>;
  protected abstract selectElementOption(spec: TargetSpec, value: string): Promise<void>;
  protected abstract setElementFile(spec: TargetSpec, file: PickedFile): Promise<void>;
  /** A name for failure messages, e.g. the page's path. */
  protected abstract label(): string;

  abstract goto(pathOrUrl: string): Promise<void>;
  abstract reload(): Promise<void>;
  abstract setViewport(width: number, height: number): Promise<void>;
  abstract evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  abstract close(): Promise<void>;

  url(): Promise<string> {
    return this.evaluateExpression<string>('location.href');
  }

  async setHash(hash: string): Promise<void> {
    const wanted = hash.startsWith('#') ? hash : `#${hash}`;
    await this.evaluateExpression(`void (location.hash = ${JSON.stringify(wanted)})`);
    await waitUntil(
      () => this.evaluateExpression<string>('location.hash'),
      (current) => current === wanted,
      () => `${this.label()} to show ${wanted}`,
    );
  }

  protected read(target: Target, hidden = false): Promise<Found> {
    return this.evaluateExpression<Found>(readExpression(toSpec(target, hidden)));
  }

  /** Waits for exactly one element (enabled, if asked) and returns its spec. */
  protected async one(
    target: Target,
    options: WaitOptions & { enabled?: boolean; hidden?: boolean } = {},
  ): Promise<TargetSpec> {
    await waitUntil(
      () => this.read(target, options.hidden),
      (found) => found.count === 1 && (!options.enabled || found.first?.disabled === false),
      () => `one ${options.enabled ? 'enabled ' : ''}${describe(target)} on ${this.label()}`,
      options.timeout,
    );
    return toSpec(target, options.hidden);
  }

  async waitFor(target: Target, options: WaitOptions & { count?: number } = {}): Promise<void> {
    const wanted = options.count ?? 1;
    await waitUntil(
      () => this.read(target),
      (found) => found.count === wanted,
      () => `${wanted === 1 ? 'one' : wanted} ${describe(target)} on ${this.label()}`,
      options.timeout,
    );
  }

  async waitForText(target: Target, expected: TextMatch, options: WaitOptions = {}): Promise<void> {
    await waitUntil(
      () => this.read(target),
      (found) => found.count === 1 && textFits(expected, found.texts[0] ?? ''),
      () => `${describe(target)} on ${this.label()} to read ${String(expected)}`,
      options.timeout,
    );
  }

  async waitForGone(target: Target, options: WaitOptions = {}): Promise<void> {
    await waitUntil(
      () => this.read(target),
      (found) => found.count === 0,
      () => `${describe(target)} to go from ${this.label()}`,
      options.timeout,
    );
  }

  async count(target: Target): Promise<number> {
    return (await this.read(target)).count;
  }

  async texts(target: Target): Promise<string[]> {
    return (await this.read(target)).texts;
  }

  async text(target: Target): Promise<string> {
    await this.one(target);
    return (await this.read(target)).texts[0] ?? '';
  }

  async attribute(target: Target, name: string): Promise<string | null> {
    await this.one(target);
    return (await this.read(target)).first?.attributes[name] ?? null;
  }

  async value(target: Target): Promise<string> {
    await this.one(target);
    return (await this.read(target)).first?.value ?? '';
  }

  async isDisabled(target: Target): Promise<boolean> {
    await this.one(target);
    return (await this.read(target)).first?.disabled ?? false;
  }

  async isFocused(target: Target): Promise<boolean> {
    const found = await this.read(target);
    return found.count === 1 && (found.first?.focused ?? false);
  }

  async click(target: Target, options: ClickOptions = {}): Promise<void> {
    await this.clickElement(await this.one(target, { ...options, enabled: !options.force }), options.force ?? false);
  }

  async fill(target: Target, value: string): Promise<void> {
    const spec = await this.one(target, { enabled: true });
    await this.focusElement(spec);
    // Select what the field holds, so that the keys replace it.
    await this.evaluateExpression(
      `(() => { const field = document.activeElement; if (field && 'select' in field) field.select(); })()`,
    );
    if (value === '') await this.pressKey('Backspace');
    else await this.typeText(value);
    await waitUntil(
      () => this.read(target),
      (found) => found.first?.value === value,
      () => `${describe(target)} to hold ${JSON.stringify(value)} after typing it`,
    );
  }

  async type(target: Target, text: string): Promise<void> {
    await this.focusElement(await this.one(target, { enabled: true }));
    await this.typeText(text);
  }

  press(key: string): Promise<void> {
    return this.pressKey(key);
  }

  async selectOption(target: Target, value: string): Promise<void> {
    await this.selectElementOption(await this.one(target, { enabled: true }), value);
  }

  async setFile(target: Target, file: PickedFile): Promise<void> {
    await this.setElementFile(await this.one(target, { hidden: true }), file);
  }
}
