// A narrow bench for the usage feed's figure alone: a feed read (Read now to its answer) against
// the raw write of what it wrote (its floor), taken as `npm run bench` takes it
// (bench/session.ts), without the other figures. With several builds (`--extension A
// --extension B`) each gets its own browser, seeded alike, and the reads alternate between
// them (A read, A floor, B read, B floor, …), so that other work on the machine weighs on
// every build alike: compare the ratios.
//
//   npx vite-node bench/feed-probe.ts -- --extension .output-bench/chrome-mv3 --size 100000 --runs 3

import { parseArgs } from 'node:util';
import { loadAverage } from './machine';
import { launch, seed, type Seeded } from './session';
import { median } from './stats';
import { prepareFeedFigure, startFeedServer } from './usage-feed';

const { values } = parseArgs({
  options: {
    extension: { type: 'string', multiple: true, default: ['.output-bench/chrome-mv3'] },
    size: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
  },
});
const size = Number(values.size);
const runs = Number(values.runs);
const log = (message: string) => console.log(`[feed] ${message}`);
/** As bench/session.ts seeds the pool. */
const POOL_SIZE = 1_000_000_000;

interface Build {
  dir: string;
  target: Seeded;
  read: () => Promise<number>;
  floor: () => Promise<number>;
  reads: number[];
  floors: number[];
  warnings: number;
  rows: number;
}

async function prepare(dir: string, url: (path: string, body: string) => string, now: number): Promise<Build> {
  const target = await launch(dir);
  log(`${dir}: seeding ${size.toLocaleString('en-US')} clients`);
  await seed(target, size, now, () => undefined);
  const { read, floor, warnings, rows } = await prepareFeedFigure(
    target.harness,
    target.home,
    size,
    now,
    POOL_SIZE,
    url,
  );
  return { dir, target, read, floor, reads: [], floors: [], warnings, rows };
}

const round = (samples: number[]) => Math.round(median(samples));

/**
 * The worker's `performance.measure` entries since the last call (a profiling build records
 * some), by name: the sum over a read of each name's entries, median over the reads, in ms.
 */
async function workerMeasures(target: Seeded, reads: number): Promise<Record<string, number>> {
  const entries = await target.harness.serviceWorker.evaluate(() => {
    const list = performance.getEntriesByType('measure').map((entry) => [entry.name, entry.duration] as const);
    performance.clearMeasures();
    return list;
  });
  const sums = new Map<string, number>();
  for (const [name, duration] of entries) sums.set(name, (sums.get(name) ?? 0) + duration);
  return Object.fromEntries([...sums].map(([name, sum]) => [name, Math.round(sum / Math.max(1, reads))]));
}

const now = Date.now();
const server = await startFeedServer();
const builds: Build[] = [];
try {
  for (const [index, dir] of (values.extension ?? []).entries())
    builds.push(await prepare(dir, (path, body) => server.serve(`/${index}${path}`, body), now));
  for (const build of builds) await workerMeasures(build.target, 1);
  log(`load average ${loadAverage()} before the reads`);
  for (let run = 0; run < runs; run += 1)
    for (const build of builds) {
      build.reads.push(await build.read());
      build.floors.push(await build.floor());
    }
  for (const build of builds)
    log(
      `${build.dir} at ${size}: ${round(build.reads)} vs ${round(build.floors)} ms = ${(median(build.reads) / median(build.floors)).toFixed(2)}× ` +
        `(${build.rows} clients, ${build.warnings} warnings; reads ${build.reads.map(Math.round).join(', ')}; floors ${build.floors.map(Math.round).join(', ')})`,
    );
  for (const build of builds) {
    const steps = await workerMeasures(build.target, runs);
    if (Object.keys(steps).length > 0) log(`  ${build.dir}: worker measures per read (ms): ${JSON.stringify(steps)}`);
  }
  log(`load average ${loadAverage()} after the reads`);
} finally {
  await Promise.all(builds.map((build) => build.target.harness.close()));
  await server.close();
}
