// A narrow A/B bench for the dashboard's two list figures, as `npm run bench` takes them: the
// list opened against the empty dashboard, and the list by Runs out against the list by name.
// Every build given gets its own empty and seeded browsers, all alive at once, and each round
// opens each build's pages in turn, so other work on the machine weighs on every build alike.
//
//   npx vite-node bench/dash-probe.ts -- --extension .output-base/chrome-mv3 --extension .output-bench/chrome-mv3 --size 100000 --runs 7

import { parseArgs } from 'node:util';
import { CLIENT_LISTS, FIRST_PAINT, dashboardOpen } from './pages';
import { loadAverage } from './machine';
import { launch, seed, type Seeded } from './session';
import { median } from './stats';

const { values } = parseArgs({
  options: {
    extension: { type: 'string', multiple: true, default: ['.output-bench/chrome-mv3'] },
    size: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '7' },
  },
});
const size = Number(values.size);
const runs = Number(values.runs);
const log = (message: string) => console.log(`[dash-probe] ${message}`);

interface Build {
  dir: string;
  empty: Seeded;
  big: Seeded;
  samples: { list: number[]; empty: number[]; runsOut: number[] };
}

const now = Date.now();
const builds: Build[] = [];
try {
  log(`load average ${loadAverage()}`);
  for (const dir of values.extension ?? []) {
    const empty = await launch(dir);
    const big = await launch(dir);
    builds.push({ dir, empty, big, samples: { list: [], empty: [], runsOut: [] } });
    log(`${dir}: seeding ${size.toLocaleString('en-US')} clients`);
    await seed(big, size, now, () => undefined);
    // Warm-up: the first opening of each page pays for reading its scripts from disk.
    await dashboardOpen(empty.harness, FIRST_PAINT.dashboardEmpty);
    await dashboardOpen(big.harness, FIRST_PAINT.dashboardRow);
    await dashboardOpen(big.harness, FIRST_PAINT.dashboardRow, CLIENT_LISTS.runsOut);
  }
  log(`load average ${loadAverage()}`);
  for (let run = 0; run < runs; run += 1) {
    for (const build of builds) {
      build.samples.list.push(await dashboardOpen(build.big.harness, FIRST_PAINT.dashboardRow));
      build.samples.empty.push(await dashboardOpen(build.empty.harness, FIRST_PAINT.dashboardEmpty));
      build.samples.runsOut.push(
        await dashboardOpen(build.big.harness, FIRST_PAINT.dashboardRow, CLIENT_LISTS.runsOut),
      );
    }
  }
  const ms = (samples: number[]) => Math.round(median(samples) * 10) / 10;
  for (const { dir, samples } of builds) {
    log(
      `${dir} at ${size}: dashboard ${(median(samples.list) / median(samples.empty)).toFixed(2)}× (${ms(samples.list)} vs ${ms(samples.empty)} ms); ` +
        `runs out ${(median(samples.runsOut) / median(samples.list)).toFixed(2)}× (${ms(samples.runsOut)} vs ${ms(samples.list)} ms)`,
    );
    log(
      `  samples list ${samples.list.map(Math.round).join(', ')} / empty ${samples.empty.map(Math.round).join(', ')} / runs out ${samples.runsOut.map(Math.round).join(', ')}`,
    );
  }
  log(`load average ${loadAverage()}`);
} finally {
  for (const build of builds) await Promise.all([build.empty.harness.close(), build.big.harness.close()]);
}
