// Timing taken inside the page, where the user sees it: "painted" is the moment after the
// frame that first shows the change has been produced (the next animation frame after the
// DOM changed, plus a message-channel hop that runs once that frame is done), in
// performance.now() time, whose origin is the page's navigation start.

import type { Page } from 'playwright-core';

interface PaintProbe {
  found?: number;
  painted?: number;
}

interface KeyProbe {
  samples: number[];
}

type BenchWindow = Window & { __benchPaint?: PaintProbe; __benchKeys?: KeyProbe };

/** Init script: records when an element matching `selector` first appears and is painted. */
function paintProbe(selector: string): void {
  const probe: PaintProbe = {};
  (window as BenchWindow).__benchPaint = probe;
  const observer = new MutationObserver(() => {
    if (probe.found !== undefined || !document.querySelector(selector)) return;
    probe.found = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        probe.painted = performance.now();
      };
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

/**
 * Opens `url` in a new tab and returns the milliseconds from navigation start until an
 * element matching `selector` was painted. The tab closes only once `settled` says the page
 * has finished its work (e.g. the popup has read the whole roster): work left running in
 * the database would otherwise slow down the next measurement.
 */
export async function timeToPaint(
  newPage: () => Promise<Page>,
  url: string,
  selector: string,
  viewport: { width: number; height: number },
  settled: (page: Page) => Promise<void>,
): Promise<number> {
  const page = await newPage();
  try {
    await page.setViewportSize(viewport);
    await page.addInitScript(paintProbe, selector);
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(() => (window as BenchWindow).__benchPaint?.painted, undefined, {
      timeout: 120_000,
    });
    const painted = (await handle.jsonValue()) as number;
    await settled(page);
    return painted;
  } finally {
    await page.close();
  }
}

/**
 * Arms the page to time keystrokes: from a keydown in the element matching `inputSelector`
 * (its event time) to the paint after the first DOM change under `rootSelector`.
 */
export async function armKeyProbe(page: Page, inputSelector: string, rootSelector: string): Promise<void> {
  await page.evaluate(
    ({ inputSelector, rootSelector }) => {
      const probe: KeyProbe = { samples: [] };
      (window as BenchWindow).__benchKeys = probe;
      let pending: { start: number; changed: boolean } | undefined;
      const input = document.querySelector(inputSelector);
      const root = document.querySelector(rootSelector);
      if (!input || !root) throw new Error(`missing ${inputSelector} or ${rootSelector}`);
      input.addEventListener('keydown', (event) => (pending = { start: event.timeStamp, changed: false }), {
        capture: true,
      });
      new MutationObserver(() => {
        const keystroke = pending;
        if (!keystroke || keystroke.changed) return;
        keystroke.changed = true;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => probe.samples.push(performance.now() - keystroke.start);
          channel.port2.postMessage(null);
        });
      }).observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
    },
    { inputSelector, rootSelector },
  );
}

/** Presses one key and returns its time to paint, or undefined if the page did not change. */
export async function timeKeystroke(page: Page, key: string): Promise<number | undefined> {
  const before = await page.evaluate(() => (window as BenchWindow).__benchKeys?.samples.length ?? 0);
  await page.keyboard.press(key);
  try {
    const handle = await page.waitForFunction(
      (count) => {
        const samples = (window as BenchWindow).__benchKeys?.samples ?? [];
        return samples.length > count ? samples[count] : undefined;
      },
      before,
      { timeout: 3_000 },
    );
    return await handle.jsonValue();
  } catch {
    return undefined;
  }
}

/** Resolves after two animation frames: whatever the last change scheduled has been drawn. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 20)))),
  );
}
