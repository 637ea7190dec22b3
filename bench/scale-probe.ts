// A narrow bench for issue 16's two 100,000-client figures: the dashboard's opening against the
// empty dashboard, and the background run against the 100-client run (the same ten due), as
// `npm run bench` takes them (bench/session.ts), without the popup, import and feed figures.
// With two builds (`--extension A --extension B`) each gets its own browsers, one after the
// other, so compare the ratios. It also times raw IndexedDB reads the two figures make, and the
// worker's `performance.measure` entries when a build records any (a profiling build).
//
//   npx vite-node bench/scale-probe.ts -- --extension .output-bench/chrome-mv3 --size 100000 --runs 5

import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { dueSet } from './roster';
import { FIRST_PAINT, dashboardOpen } from './pages';
import { loadAverage } from './machine';
import { backgroundRun, type Baselines, interleave, launch, launchBaselines, seed, type Seeded } from './session';
import { median } from './stats';
import { makeDue } from './background';

const { values } = parseArgs({
  options: {
    extension: { type: 'string', multiple: true, default: ['.output-bench/chrome-mv3'] },
    size: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    'skip-background': { type: 'boolean', default: false },
  },
});
const size = Number(values.size);
const runs = Number(values.runs);
const log = (message: string) => console.log(`[probe] ${message}`);

/** Milliseconds of each raw read, median of 5, in one of the extension's pages. */
async function rawReads(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('agency-desk');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const time = async (make: (store: IDBObjectStore) => IDBRequest) => {
      const samples: number[] = [];
      for (let run = 0; run < 5; run += 1) {
        const start = performance.now();
        await new Promise((resolve, reject) => {
          const request = make(database.transaction('clients', 'readonly').objectStore('clients'));
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        samples.push(performance.now() - start);
      }
      return samples.sort((a, b) => a - b)[2] ?? 0;
    };
    const today = new Date().toISOString().slice(0, 10);
    const week = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const result: Record<string, number> = {
      'store count()': await time((store) => store.count()),
      'status index count()': await time((store) => store.index('status').count()),
      'revokedAt index count()': await time((store) => store.index('revokedAt').count()),
      "status 'paused' count": await time((store) => store.index('status').count('paused')),
      "status 'paused' 1,000 keys": await time((store) => store.index('status').getAllKeys('paused', 1000)),
      'purgeOn <= week count': await time((store) => store.index('purgeOn').count(IDBKeyRange.upperBound(week))),
      'active usage >= 90 count': await time((store) =>
        store.index('[status+usagePercent]').count(IDBKeyRange.bound(['active', 90], ['active', Infinity])),
      ),
      'runsOutOn <= week keys': await time((store) =>
        store.index('runsOutOn').getAllKeys(IDBKeyRange.upperBound(week)),
      ),
      'usagePeriod < today getAll(50)': await time((store) =>
        store.index('usagePeriod').getAll(IDBKeyRange.upperBound(today, true), 50),
      ),
      'nameKey first 50': await time((store) => store.index('nameKey').getAll(null, 50)),
    };
    database.close();
    return result;
  });
}

/** The worker's measures since the last call (a profiling build records them), by name: median ms. */
async function workerMeasures(target: Seeded): Promise<Record<string, number>> {
  const entries = await target.harness.serviceWorker.evaluate(() => {
    const list = performance.getEntriesByType('measure').map((entry) => [entry.name, entry.duration] as const);
    performance.clearMeasures();
    performance.clearMarks();
    return list;
  });
  const byName = new Map<string, number[]>();
  for (const [name, duration] of entries) byName.set(name, [...(byName.get(name) ?? []), duration]);
  return Object.fromEntries([...byName].map(([name, samples]) => [name, Math.round(median(samples) * 10) / 10]));
}

/** The marks and measures a profiling build's dashboard records while it opens (median of 3), by name. */
async function dashboardMarks(target: Seeded): Promise<Record<string, number>> {
  const byName = new Map<string, number[]>();
  for (let run = 0; run < 3; run += 1) {
    const page = await target.harness.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.addInitScript(() => {
      const tasks: [number, number][] = [];
      (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push([Math.round(entry.startTime), Math.round(entry.duration)]);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(target.harness.extensionUrl('options.html#/clients'));
    await page.locator(FIRST_PAINT.dashboardRow).first().waitFor({ timeout: 120_000 });
    await page.getByTestId('client-count').waitFor();
    await page.waitForTimeout(300);
    const entries = await page.evaluate(() =>
      [...performance.getEntriesByType('mark'), ...performance.getEntriesByType('measure')].map(
        (entry) =>
          [
            `${entry.entryType === 'mark' ? '@' : ''}${entry.name}`,
            entry.entryType === 'mark' ? entry.startTime : entry.duration,
          ] as const,
      ),
    );
    for (const [name, value] of entries) byName.set(name, [...(byName.get(name) ?? []), value]);
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: unknown }).__longTasks);
    log(
      `  run ${run}: ${entries.map(([name, value]) => `${name} ${Math.round(value)}`).join(', ')}; long tasks ${JSON.stringify(longTasks)}`,
    );
    await page.close();
  }
  return Object.fromEntries([...byName].map(([name, samples]) => [name, Math.round(median(samples) * 10) / 10]));
}

const round = (samples: number[]) => Math.round(median(samples) * 10) / 10;

async function backgroundFigure(big: Seeded, baselines: Baselines, now: number): Promise<void> {
  await backgroundRun(big, now);
  await workerMeasures(big);
  await workerMeasures(baselines.hundred);
  const [background, background100] = await interleave(
    2 * runs,
    () => backgroundRun(big, now),
    () => backgroundRun(baselines.hundred, now),
  );
  await makeDue(big.home, dueSet(now), big.allocated);
  log(
    `background: ${round(background)} vs ${round(background100)} ms = ${(median(background) / median(background100)).toFixed(2)}×`,
  );
  const steps = await workerMeasures(big);
  if (Object.keys(steps).length > 0) {
    log(`  steps at ${size}: ${JSON.stringify(steps)}`);
    log(`  steps at 100: ${JSON.stringify(await workerMeasures(baselines.hundred))}`);
  }
}

async function probe(extensionDir: string, now: number): Promise<void> {
  log(`${extensionDir}: load average ${loadAverage()}`);
  const baselines = await launchBaselines(extensionDir, now, log);
  const big = await launch(extensionDir);
  try {
    log(`seeding ${size.toLocaleString('en-US')} clients`);
    await seed(big, size, now, () => undefined);
    log(`raw reads at ${size} / at 100: ${JSON.stringify(await rawReads(big.home))}`);
    log(`                    at 100: ${JSON.stringify(await rawReads(baselines.hundred.home))}`);

    if (!values['skip-background']) await backgroundFigure(big, baselines, now);

    await dashboardOpen(big.harness, FIRST_PAINT.dashboardRow);
    const marks = await dashboardMarks(big);
    if (Object.keys(marks).length > 0) log(`dashboard marks at ${size}: ${JSON.stringify(marks)}`);
    const [dashboard, dashboardEmpty] = await interleave(
      runs,
      () => dashboardOpen(big.harness, FIRST_PAINT.dashboardRow),
      () => dashboardOpen(baselines.empty.harness, FIRST_PAINT.dashboardEmpty),
    );
    log(
      `dashboard: ${round(dashboard)} vs ${round(dashboardEmpty)} ms = ${(median(dashboard) / median(dashboardEmpty)).toFixed(2)}×  (samples ${dashboard.map(Math.round).join(', ')} / ${dashboardEmpty.map(Math.round).join(', ')})`,
    );
    log(`load average ${loadAverage()}`);
  } finally {
    await big.harness.close();
    await baselines.close();
  }
}

const now = Date.now();
for (const extensionDir of values.extension ?? []) await probe(extensionDir, now);
