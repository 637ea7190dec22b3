// The browsers of a bench run. Two baselines live through the whole run: one extension with an
// empty roster (what the popup and the dashboard are compared with) and one with 100 clients
// of which 10 are due (what the background run is compared with). Each roster size gets its
// own browser, and every figure that is a ratio is measured alternately on it and on its
// baseline, so that whatever else the machine does weighs on both sides alike.

import type { Page } from 'playwright-core';
import { launchExtension, type ExtensionHarness } from '../test/e2e/harness';
import { checkSummary, makeDue, timeRulesRun } from './background';
import { timeRawPut } from './floor';
import { countRows, type Tables, waitForDatabase, writeStores } from './idb';
import { importCsv, importWrites, removeImported, timeImport } from './import';
import {
  CLIENT_LISTS,
  FIRST_PAINT,
  dashboardOpen,
  dashboardSortShown,
  popupKeystrokes,
  popupOpen,
  typedQuery,
} from './pages';
import { benchSettings, dueAllocated, dueSet, rosterSlice } from './roster';
import { type FeedServer, prepareFeedFigure } from './usage-feed';

/** Roster size of the background's baseline: the same ten due among a hundred. */
export const BACKGROUND_BASELINE = 100;
/** Clients written per page.evaluate while seeding. */
const SEED_CHUNK = 5_000;
const POOL_SIZE = 1_000_000_000;

/** An extension in its own browser, with a page of its origin open to seed it and ask its worker. */
export interface Seeded {
  harness: ExtensionHarness;
  /** A page of the extension's origin that runs none of its code, so it reacts to nothing. */
  home: Page;
  /** The pool's allocated licenses when the roster is as seeded. */
  allocated: number;
}

export interface Baselines {
  empty: Seeded;
  hundred: Seeded;
  close(): Promise<void>;
}

export interface SessionOptions {
  size: number;
  /** Repetitions of each page figure, twice as many background runs (the median is reported). */
  runs: number;
  /** Typing runs in the popup, each the whole query. */
  typingRuns: number;
  importRuns: number;
  /** Reads of the usage feed, each beside a raw write of the same numbers. */
  feedRuns: number;
  /** Where the feed's answer is served from. */
  feedServer: FeedServer;
  log: (message: string) => void;
}

/** Raw samples, in ms, of one roster size. */
export interface SessionSamples {
  size: number;
  popupEmpty: number[];
  popupFirstRow: number[];
  keystroke: number[];
  /** The first key of each typed query, into a popup just opened (also among `keystroke`). */
  firstKeystroke: number[];
  /** The popup's JS heap after each typed query, after a garbage collection, in MB. */
  popupHeapMb: number[];
  dashboardEmpty: number[];
  dashboardFirstRows: number[];
  /** The list by name and the list by Runs out, opened one after the other on the same roster. */
  listByName: number[];
  listRunsOut: number[];
  /** The sort the Runs out address opened with: 'name' while the build has no Runs out sort. */
  runsOutSortShown: string;
  background100: number[];
  background: number[];
  importCheck: number[];
  importWrite: number[];
  importTotal: number[];
  /** The records one import wrote (clients, history lines, the pool) put raw in one transaction, alternating with the imports. */
  importFloor: number[];
  /** The imported clients alone put raw in one transaction: the floor without the history lines. */
  importClientsFloor: number[];
  /** How many records the import's floor puts, by store. */
  importFloorRecords: Record<string, number>;
  /** Clients the usage feed listed (and each read updated). */
  feedRows: number;
  /** Warnings one read decided (levels crossed by the new numbers). */
  feedWarnings: number;
  feed: number[];
  /** The records one read wrote, every store, put raw in one transaction. */
  feedFloor: number[];
  /** How many records the feed's floor puts, by store. */
  feedFloorRecords: Record<string, number>;
  seedSeconds: number;
}

export async function launch(extensionDir: string): Promise<Seeded> {
  const harness = await launchExtension({ extensionDir });
  try {
    const home = await harness.openExtensionPage('manifest.json');
    await waitForDatabase(home);
    return { harness, home, allocated: 0 };
  } catch (error) {
    await harness.close();
    throw error;
  }
}

async function seedRoster(
  page: Page,
  from: number,
  to: number,
  now: number,
  log: (message: string) => void,
): Promise<number> {
  let allocated = 0;
  for (let start = from; start < to; start += SEED_CHUNK) {
    const slice = rosterSlice(start, Math.min(to, start + SEED_CHUNK), now);
    allocated += slice.allocated;
    await writeStores(page, {
      clients: slice.clients,
      experiments: slice.experiments,
      members: slice.members,
      orgIds: slice.orgIds,
      usageAlerts: slice.usageAlerts,
      usageSamples: slice.usageSamples,
    });
    if (to - from > SEED_CHUNK)
      log(
        `  seeded ${Math.min(to, start + SEED_CHUNK).toLocaleString('en-US')} of ${to.toLocaleString('en-US')} clients`,
      );
  }
  return allocated;
}

/** Writes a roster of `size` clients, the ten due ones among them, with settings and pool. */
export async function seed(target: Seeded, size: number, now: number, log: (message: string) => void): Promise<void> {
  const due = dueSet(now);
  const allocated = dueAllocated(due) + (await seedRoster(target.home, 0, size, now, log));
  await writeStores(target.home, {
    meta: [benchSettings(POOL_SIZE), { key: 'pool', value: { allocated } }],
  });
  await makeDue(target.home, due, allocated);
  target.allocated = allocated;
  const stored = await countRows(target.home, 'clients');
  if (stored !== size) throw new Error(`Seeded ${stored} clients, expected ${size}`);
}

export async function launchBaselines(
  extensionDir: string,
  now: number,
  log: (message: string) => void,
): Promise<Baselines> {
  const empty = await launch(extensionDir);
  const hundred = await launch(extensionDir).catch(async (error: unknown) => {
    await empty.harness.close();
    throw error;
  });
  const close = async () => {
    await Promise.all([empty.harness.close(), hundred.harness.close()]);
  };
  try {
    await seed(hundred, BACKGROUND_BASELINE, now, log);
    // Warm-up: the first opening of each page pays for reading its scripts from disk.
    await popupOpen(empty.harness, FIRST_PAINT.popupEmpty, 0);
    await dashboardOpen(empty.harness, FIRST_PAINT.dashboardEmpty);
    await timeRulesRun(hundred.home);
    return { empty, hundred, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Alternates two measurements, so that drift over time (other work, caches, heat) weighs on both alike. */
export async function interleave(
  times: number,
  first: () => Promise<number>,
  second: () => Promise<number>,
): Promise<[number[], number[]]> {
  const a: number[] = [];
  const b: number[] = [];
  for (let run = 0; run < times; run += 1) {
    a.push(await first());
    b.push(await second());
  }
  return [a, b];
}

/**
 * Reads of a usage feed listing up to 10,000 of the roster's clients, each beside a raw write
 * of the same numbers into the clients store (the floor); before each, the listed clients are
 * put back as seeded. The rules run once first, so that the run after each read finds no due
 * client but the read's own warnings.
 */
async function usageFeedRuns(
  target: Seeded,
  size: number,
  now: number,
  options: SessionOptions,
): Promise<Pick<SessionSamples, 'feedRows' | 'feedWarnings' | 'feed' | 'feedFloor' | 'feedFloorRecords'>> {
  const figure = await prepareFeedFigure(target.harness, target.home, size, now, POOL_SIZE, (path, body) =>
    options.feedServer.serve(path, body),
  );
  options.log(`  ${figure.rows.toLocaleString('en-US')} clients listed`);
  const [feed, feedFloor] = await interleave(options.feedRuns, figure.read, figure.floor);
  await figure.reset();
  return {
    feedRows: figure.rows,
    feedWarnings: figure.warnings,
    feed,
    feedFloor,
    feedFloorRecords: recordCounts(figure.written),
  };
}

function recordCounts(tables: Tables): Record<string, number> {
  return Object.fromEntries(Object.entries(tables).map(([store, rows]) => [store, rows.length]));
}

/**
 * Imports of a 10,000-row CSV through the Backup view, each followed by its floor: what it
 * wrote (read back), put raw in one transaction. The imported records are removed after each.
 */
async function importRuns(
  target: Seeded,
  options: SessionOptions,
): Promise<
  Pick<
    SessionSamples,
    'importCheck' | 'importWrite' | 'importTotal' | 'importFloor' | 'importClientsFloor' | 'importFloorRecords'
  >
> {
  const csv = importCsv();
  const importCheck: number[] = [];
  const importWrite: number[] = [];
  const importFloor: number[] = [];
  const importClientsFloor: number[] = [];
  let importFloorRecords: Record<string, number> = {};
  for (let run = 0; run < options.importRuns; run += 1) {
    const since = Date.now();
    const timing = await timeImport(target.harness, csv);
    importCheck.push(timing.checkMs);
    importWrite.push(timing.writeMs);
    const written = await importWrites(target.home, since);
    importFloorRecords = recordCounts(written);
    await removeImported(target.home, target.allocated, since);
    importFloor.push(await timeRawPut(target.home, written));
    await removeImported(target.home, target.allocated, since);
    importClientsFloor.push(await timeRawPut(target.home, { clients: written.clients ?? [] }));
    await removeImported(target.home, target.allocated, since);
  }
  const importTotal = importCheck.map((check, index) => check + (importWrite[index] ?? 0));
  return { importCheck, importWrite, importTotal, importFloor, importClientsFloor, importFloorRecords };
}

/** One background run with the ten clients due again beforehand; checks it handled them. */
export async function backgroundRun(target: Seeded, now: number): Promise<number> {
  await makeDue(target.home, dueSet(now), target.allocated);
  const { ms, summary } = await timeRulesRun(target.home);
  checkSummary(summary);
  return ms;
}

export async function runSession(
  extensionDir: string,
  baselines: Baselines,
  now: number,
  options: SessionOptions,
): Promise<SessionSamples> {
  const { size, runs, log } = options;
  const label = `${size.toLocaleString('en-US')} clients`;
  const seeded = await launch(extensionDir);
  const { harness } = seeded;
  try {
    log(`${label}: seeding`);
    const seedStart = performance.now();
    await seed(seeded, size, now, log);
    const seedSeconds = (performance.now() - seedStart) / 1000;

    log(`${label}: background, against ${BACKGROUND_BASELINE} clients`);
    await timeRulesRun(seeded.home);
    const [background, background100] = await interleave(
      2 * runs,
      () => backgroundRun(seeded, now),
      () => backgroundRun(baselines.hundred, now),
    );
    await makeDue(seeded.home, dueSet(now), seeded.allocated);

    log(`${label}: popup, against the empty popup`);
    await popupOpen(harness, FIRST_PAINT.popupRow, size);
    const [popupFirstRow, popupEmpty] = await interleave(
      runs,
      () => popupOpen(harness, FIRST_PAINT.popupRow, size),
      () => popupOpen(baselines.empty.harness, FIRST_PAINT.popupEmpty, 0),
    );

    log(`${label}: dashboard, against the empty dashboard`);
    await dashboardOpen(harness, FIRST_PAINT.dashboardRow);
    const [dashboardFirstRows, dashboardEmpty] = await interleave(
      runs,
      () => dashboardOpen(harness, FIRST_PAINT.dashboardRow),
      () => dashboardOpen(baselines.empty.harness, FIRST_PAINT.dashboardEmpty),
    );

    log(`${label}: the list by Runs out, against the list by name`);
    const runsOutSortShown = await dashboardSortShown(harness, CLIENT_LISTS.runsOut);
    if (runsOutSortShown !== 'runsOut') log(`  this build has no Runs out sort: the list opens by ${runsOutSortShown}`);
    await dashboardOpen(harness, FIRST_PAINT.dashboardRow, CLIENT_LISTS.runsOut);
    const [listRunsOut, listByName] = await interleave(
      runs,
      () => dashboardOpen(harness, FIRST_PAINT.dashboardRow, CLIENT_LISTS.runsOut),
      () => dashboardOpen(harness, FIRST_PAINT.dashboardRow, CLIENT_LISTS.byName),
    );

    log(`${label}: typing in the popup`);
    const keystroke: number[] = [];
    const firstKeystroke: number[] = [];
    const popupHeapMb: number[] = [];
    for (let run = 0; run < options.typingRuns; run += 1) {
      // Each query is typed into a popup just opened: its first key is the one after opening.
      const typed = await popupKeystrokes(harness, size, typedQuery(size));
      keystroke.push(...typed.keys);
      if (typed.keys[0] !== undefined) firstKeystroke.push(typed.keys[0]);
      popupHeapMb.push(typed.heapMb);
    }

    log(`${label}: import of a 10,000-row CSV, against a raw write of what it wrote`);
    const imports = await importRuns(seeded, options);

    log(`${label}: a usage feed, against a raw write of the same numbers`);
    const feed = await usageFeedRuns(seeded, size, now, options);

    return {
      size,
      popupEmpty,
      popupFirstRow,
      keystroke,
      firstKeystroke,
      popupHeapMb,
      dashboardEmpty,
      dashboardFirstRows,
      listByName,
      listRunsOut,
      runsOutSortShown,
      background100,
      background,
      ...imports,
      ...feed,
      seedSeconds,
    };
  } finally {
    await harness.close();
  }
}
