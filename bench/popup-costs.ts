// What the popup's choices cost, for docs/BENCHMARKS.md ("the 40 KB bundles"): how long
// evaluating its scripts takes (Dexie included), and how long a message to the worker takes
// when the worker is awake and when Chromium has stopped it. Not part of `npm run bench`:
// `npx vite-node bench/popup-costs.ts [unpacked build]` (default .output/chrome-mv3).

import type { CDPSession, Page } from 'playwright-core';
import { stopWorker } from '../test/e2e/background-helpers';
import { DEFAULT_EXTENSION_DIR, type ExtensionHarness, launchExtension } from '../test/e2e/harness';
import { median } from './stats';

const RUNS = 9;

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
}

/** Milliseconds spent compiling and evaluating the popup's modules in one opening, from a trace. */
async function popupScriptMs(harness: ExtensionHarness): Promise<number> {
  const page = await harness.context.newPage();
  const cdp: CDPSession = await harness.context.newCDPSession(page);
  const events: TraceEvent[] = [];
  // The protocol's types call every field a string; durations arrive as numbers (µs).
  cdp.on('Tracing.dataCollected', (data) => {
    for (const raw of data.value)
      events.push({ name: String(raw.name), ph: String(raw.ph), dur: Number(raw.dur ?? 0) });
  });
  const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
  await cdp.send('Tracing.start', { categories: 'v8', transferMode: 'ReportEvents' });
  await page.goto(harness.extensionUrl('popup.html'));
  await page.waitForTimeout(400);
  await cdp.send('Tracing.end');
  await complete;
  await page.close();
  const modules = events.filter((event) => event.ph === 'X' && /^v8\.(compile|evaluate)Module$/.test(event.name));
  return modules.reduce((sum, event) => sum + (event.dur ?? 0), 0) / 1000;
}

/** Milliseconds from sending a message the worker does not answer to the browser giving up on it. */
function roundTrip(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const started = performance.now();
    const runtime = (
      globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }
    ).chrome.runtime;
    await runtime.sendMessage({ type: 'bench/ping' }).catch(() => undefined);
    return performance.now() - started;
  });
}

async function main(): Promise<void> {
  const harness = await launchExtension({ extensionDir: process.argv[2] ?? DEFAULT_EXTENSION_DIR });
  try {
    const page = await harness.openExtensionPage('popup.html');
    const scripts: number[] = [];
    const awake: number[] = [];
    const stopped: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      scripts.push(await popupScriptMs(harness));
      awake.push(await roundTrip(page));
      await stopWorker(harness.context, page);
      await page.waitForTimeout(300);
      stopped.push(await roundTrip(page));
    }
    console.log(`popup scripts, compiled and evaluated: ${median(scripts).toFixed(1)} ms (median of ${RUNS} openings)`);
    console.log(
      `message to the worker: ${median(awake).toFixed(1)} ms awake, ${median(stopped).toFixed(1)} ms stopped (medians of ${RUNS})`,
    );
  } finally {
    await harness.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
