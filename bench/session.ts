// One browser, one roster size: the empty-roster and 100-client baselines first, then the
// roster grown to its size and every figure measured on it.

import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionHarness } from '../test/e2e/harness';
import { checkSummary, makeDue, timeRulesRun } from './background';
import { countRows, waitForDatabase, writeStores } from './idb';
import { importCsv, removeImported, timeImport } from './import';
import { FIRST_PAINT, dashboardOpen, popupKeystrokes, popupOpen, typedQuery } from './pages';
import { benchSettings, dueAllocated, dueSet, rosterSlice } from './roster';

/** Roster size of the background's baseline: the same ten due among a hundred. */
export const BACKGROUND_BASELINE = 100;
/** Clients written per page.evaluate while seeding. */
const SEED_CHUNK = 5_000;

export interface SessionOptions {
  size: number;
  extensionDir: string;
  /** Repetitions of each page and background figure (the median is reported). */
  runs: number;
  /** Typing runs in the popup, each the whole query. */
  typingRuns: number;
  importRuns: number;
  log(message: string): void;
}

/** Raw samples, in ms, of one session. */
export interface SessionSamples {
  size: number;
  popupEmpty: number[];
  popupFirstRow: number[];
  keystroke: number[];
  dashboardEmpty: number[];
  dashboardFirstRows: number[];
  background100: number[];
  background: number[];
  importCheck: number[];
  importWrite: number[];
  importTotal: number[];
  seedSeconds: number;
}

async function repeat(times: number, measure: () => Promise<number>): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < times; run += 1) samples.push(await measure());
  return samples;
}

/** Alternates two measurements, so that drift over time (caches, heat) weighs on both alike. */
async function interleave(times: number, first: () => Promise<number>, second: () => Promise<number>): Promise<[number[], number[]]> {
  const a: number[] = [];
  const b: number[] = [];
  for (let run = 0; run < times; run += 1) {
    a.push(await first());
    b.push(await second());
  }
  return [a, b];
}

async function seedRoster(page: Page, from: number, to: number, now: number, log: (message: string) => void): Promise<void> {
  for (let start = from; start < to; start += SEED_CHUNK) {
    const slice = rosterSlice(start, Math.min(to, start + SEED_CHUNK), now);
    await writeStores(page, { clients: slice.clients, experiments: slice.experiments, members: slice.members, orgIds: slice.orgIds });
    if (to - from > SEED_CHUNK) log(`  seeded ${Math.min(to, start + SEED_CHUNK).toLocaleString('en-US')} of ${to.toLocaleString('en-US')} clients`);
  }
}

function allocatedUpTo(size: number, now: number): number {
  let allocated = dueAllocated(dueSet(now));
  for (let start = 0; start < size; start += SEED_CHUNK) allocated += rosterSlice(start, Math.min(size, start + SEED_CHUNK), now).allocated;
  return allocated;
}

async function backgroundRuns(page: Page, runs: number, allocated: number, now: number): Promise<number[]> {
  const due = dueSet(now);
  // A first run wakes the worker and settles whatever its own start-up run found.
  await makeDue(page, due, allocated);
  await timeRulesRun(page);
  return repeat(runs, async () => {
    await makeDue(page, due, allocated);
    const { ms, summary } = await timeRulesRun(page);
    checkSummary(summary);
    return ms;
  });
}

export async function runSession(options: SessionOptions): Promise<SessionSamples> {
  const { size, runs, log } = options;
  const harness: ExtensionHarness = await launchExtension({ extensionDir: options.extensionDir });
  try {
    // One page stays open throughout: it seeds the database and asks the worker to run.
    // A page of the extension's origin that runs none of its code, so it reacts to nothing.
    const home = await harness.openExtensionPage('manifest.json');
    await waitForDatabase(home);
    const now = Date.now();

    log(`${size.toLocaleString('en-US')} clients: empty roster`);
    // Warm-up: the first opening of each page pays for reading its scripts from disk.
    await popupOpen(harness, FIRST_PAINT.popupEmpty, 0);
    await dashboardOpen(harness, FIRST_PAINT.dashboardEmpty);
    const [popupEmpty, dashboardEmpty] = await interleave(
      runs,
      () => popupOpen(harness, FIRST_PAINT.popupEmpty, 0),
      () => dashboardOpen(harness, FIRST_PAINT.dashboardEmpty),
    );

    log(`${size.toLocaleString('en-US')} clients: background with ${BACKGROUND_BASELINE} clients`);
    const seedStart = performance.now();
    const poolSize = 1_000_000_000;
    await writeStores(home, { meta: [benchSettings(poolSize)] });
    await seedRoster(home, 0, BACKGROUND_BASELINE, now, log);
    const background100 = await backgroundRuns(home, runs, allocatedUpTo(BACKGROUND_BASELINE, now), now);

    log(`${size.toLocaleString('en-US')} clients: seeding`);
    await seedRoster(home, BACKGROUND_BASELINE, size, now, log);
    const allocated = allocatedUpTo(size, now);
    await writeStores(home, { meta: [{ key: 'pool', value: { allocated } }] });
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const stored = await countRows(home, 'clients');
    if (stored !== size) throw new Error(`Seeded ${stored} clients, expected ${size}`);

    log(`${size.toLocaleString('en-US')} clients: background`);
    const background = await backgroundRuns(home, runs, allocated, now);

    log(`${size.toLocaleString('en-US')} clients: popup and dashboard`);
    await popupOpen(harness, FIRST_PAINT.popupRow, size);
    await dashboardOpen(harness, FIRST_PAINT.dashboardRow);
    const [popupFirstRow, dashboardFirstRows] = await interleave(
      runs,
      () => popupOpen(harness, FIRST_PAINT.popupRow, size),
      () => dashboardOpen(harness, FIRST_PAINT.dashboardRow),
    );

    log(`${size.toLocaleString('en-US')} clients: typing in the popup`);
    const keystroke: number[] = [];
    for (let run = 0; run < options.typingRuns; run += 1) keystroke.push(...(await popupKeystrokes(harness, size, typedQuery(size))));

    log(`${size.toLocaleString('en-US')} clients: import of a 10,000-row CSV`);
    const csv = importCsv();
    const importCheck: number[] = [];
    const importWrite: number[] = [];
    for (let run = 0; run < options.importRuns; run += 1) {
      const timing = await timeImport(harness, csv);
      importCheck.push(timing.checkMs);
      importWrite.push(timing.writeMs);
      await removeImported(home, allocated);
    }
    const importTotal = importCheck.map((check, index) => check + (importWrite[index] ?? 0));

    return {
      size,
      popupEmpty,
      popupFirstRow,
      keystroke,
      dashboardEmpty,
      dashboardFirstRows,
      background100,
      background,
      importCheck,
      importWrite,
      importTotal,
      seedSeconds,
    };
  } finally {
    await harness.close();
  }
}
