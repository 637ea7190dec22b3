// The popup's typing alone, for work on the switcher: seeds each roster size once per build,
// then alternates the builds, each run opening the popup, typing the bench's query a key at a
// time as bench/pages.ts does, and weighing the page's JS heap (after a garbage collection).
// The first key is reported apart from the others. Not part of `npm run bench`:
// `npx vite-node bench/popup-typing.ts -- --extension .output-a/chrome-mv3,.output-bench/chrome-mv3
//  --sizes 10000,100000 --typing 5 [--keys]` (default: the .output-bench build alone).

import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { popupKeystrokes, typedQuery } from './pages';
import { launch, seed, type Seeded } from './session';
import { median, percentile, round } from './stats';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const { values } = parseArgs({
  options: {
    extension: { type: 'string', default: join(ROOT, '.output-bench', 'chrome-mv3') },
    sizes: { type: 'string', default: '10000,100000' },
    typing: { type: 'string', default: '5' },
    // Prints every key's time of every run, to see which keys (the first, the second) cost.
    keys: { type: 'boolean', default: false },
  },
});

interface Build {
  dir: string;
  seeded?: Seeded;
  firstKey: number[];
  laterKeys: number[];
  heapMb: number[];
}

async function typingRun(build: Build, size: number): Promise<void> {
  const harness = build.seeded?.harness;
  if (!harness) throw new Error('not seeded');
  // The full bench's own typing run: a popup just opened, the heap weighed once the query is typed.
  const { keys, heapMb } = await popupKeystrokes(harness, size, typedQuery(size));
  const [first, ...later] = keys;
  if (first !== undefined) build.firstKey.push(first);
  build.laterKeys.push(...later);
  build.heapMb.push(heapMb);
  if (values.keys)
    console.log(`[popup-typing] ${build.dir} ${size} clients, each key: ${keys.map((ms) => round(ms)).join(' ')} ms`);
}

async function main(): Promise<void> {
  const log = (message: string) => console.log(`[popup-typing] ${message}`);
  const dirs = (values.extension ?? '').split(',').map((dir) => resolve(dir));
  const sizes = (values.sizes ?? '').split(',').map(Number);
  const runs = Number(values.typing);
  const now = Date.now();
  for (const size of sizes) {
    const builds: Build[] = dirs.map((dir) => ({ dir, firstKey: [], laterKeys: [], heapMb: [] }));
    try {
      for (const build of builds) {
        build.seeded = await launch(build.dir);
        log(`${size} clients: seeding for ${build.dir}`);
        await seed(build.seeded, size, now, () => undefined);
      }
      // Warm-up: the first opening pays for reading the scripts from disk.
      for (const build of builds) await typingRun({ ...build, firstKey: [], laterKeys: [], heapMb: [] }, size);
      for (let run = 0; run < runs; run += 1) for (const build of builds) await typingRun(build, size);
    } finally {
      for (const build of builds) await build.seeded?.harness.close();
    }
    for (const build of builds) {
      const all = [...build.firstKey, ...build.laterKeys];
      console.log(
        `${size} clients, ${build.dir}: keystroke median ${round(median(all))} ms, p90 ${round(percentile(all, 0.9))}; ` +
          `first key median ${round(median(build.firstKey))} (${build.firstKey.map((ms) => round(ms)).join(', ')}); ` +
          `later keys median ${round(median(build.laterKeys))}, p90 ${round(percentile(build.laterKeys, 0.9))}; ` +
          `heap ${round(median(build.heapMb))} MB`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
