// `npm run bench`: builds the extension into .output-bench, loads it in Chromium, fills it
// with 1,000, 10,000 and 100,000 clients and measures what people feel at each size; then puts
// the sync server under load (bench/sync-load.ts). Prints tables, writes
// bench-results/latest.json (and sync-latest.json), and with --docs the figures in
// docs/BENCHMARKS.md. Not a test: nothing here fails on a slow machine, and CI does not run it.
//
// Options: --suites pages,sync,team (any of them alone: --suites sync)
//          --sizes 1000,10000  --runs 7  --typing 5  --imports 3  --feeds 3  --no-build  --docs
//          --extension <unpacked build> (implies --no-build; to compare builds)
//          --sync-changes 500 (changes per manager in the sync bench's first run)
//          --suites team: two browsers on a shared roster (bench/team-sync.ts); --team-clients 10000,
//          --team-runs 3 (first syncs), --team-changes 10 (changes from A to B)

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_CHROMIUM_PATH } from '../test/e2e/harness';
import { bundleSizes, catalogueSizes } from './bundle';
import { describeMachine, loadAverage } from './machine';
import { figuresOf, markdownBundles, markdownMachine, markdownTable, type Results, verdictsOf } from './report';
import { launchBaselines, runSession } from './session';
import { DEFAULT_SYNC_LOAD, markdownSync, runSyncLoad } from './sync-load';
import { startFeedServer } from './usage-feed';
import { markdownTeam, runTeamBench } from './team-sync';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = '.output-bench';
const DOCS = join(ROOT, 'docs', 'BENCHMARKS.md');

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    runs: { type: 'string', default: '7' },
    typing: { type: 'string', default: '5' },
    imports: { type: 'string', default: '3' },
    feeds: { type: 'string', default: '3' },
    'no-build': { type: 'boolean', default: false },
    docs: { type: 'boolean', default: false },
    extension: { type: 'string' },
    suites: { type: 'string', default: 'pages,sync,team' },
    'sync-changes': { type: 'string', default: String(DEFAULT_SYNC_LOAD.changesEach) },
    'team-clients': { type: 'string', default: '10000' },
    'team-runs': { type: 'string', default: '3' },
    'team-changes': { type: 'string', default: '10' },
  },
});

const SUITES = ['pages', 'sync', 'team'] as const;
const suites = new Set((values.suites ?? '').split(',').map((name) => name.trim()));

const sizes = (values.sizes ?? '')
  .split(',')
  .map(Number)
  .filter((size) => Number.isInteger(size) && size >= 200);
const runs = Number(values.runs);
const typingRuns = Number(values.typing);
const importRuns = Number(values.imports);
const feedRuns = Number(values.feeds);
const extensionDir = values.extension ? resolve(values.extension) : join(ROOT, OUT_DIR, 'chrome-mv3');
const log = (message: string) => console.log(`[bench] ${message}`);

function build(): void {
  log(`building into ${OUT_DIR}`);
  const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'wxt'), ['build'], {
    cwd: ROOT,
    env: { ...process.env, WXT_OUT_DIR: OUT_DIR },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`wxt build failed (exit ${result.status})`);
}

/** Replaces what lies between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`, keeping the prose around it. */
function fillSection(text: string, name: string, content: string): string {
  const pattern = new RegExp(`(<!-- bench:${name} -->\\n)[\\s\\S]*?(<!-- /bench:${name} -->)`);
  if (!pattern.test(text)) throw new Error(`${DOCS} has no <!-- bench:${name} --> section`);
  return text.replace(pattern, (_, open: string, close: string) => `${open}${content}\n${close}`);
}

async function runPages(): Promise<void> {
  if (sizes.length === 0) throw new Error('--sizes: give roster sizes of at least 200, comma-separated');
  if (!values['no-build'] && !values.extension) build();
  built = true;
  if (!existsSync(join(extensionDir, 'manifest.json')))
    throw new Error(`No build at ${extensionDir}; run without --no-build`);
  const machine = describeMachine(process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH);

  const now = Date.now();
  log('baselines: an empty roster, and 100 clients with 10 due');
  const baselines = await launchBaselines(extensionDir, now, log);
  const figures = [];
  // The usage source the seeded extensions read, on a free port of 127.0.0.1, for the whole run.
  const feedServer = await startFeedServer();
  try {
    for (const size of sizes) {
      const samples = await runSession(extensionDir, baselines, now, {
        size,
        runs,
        typingRuns,
        importRuns,
        feedRuns,
        feedServer,
        log,
      });
      const sizeFigures = figuresOf(samples);
      figures.push(sizeFigures);
      log(`${size.toLocaleString('en-US')} clients: ${JSON.stringify(sizeFigures)}`);
    }
  } finally {
    await Promise.all([baselines.close(), feedServer.close()]);
  }
  machine.loadAverage.end = loadAverage();
  const bundles = bundleSizes(extensionDir);
  const results: Results = {
    machine,
    runs: { pages: runs, typing: typingRuns, imports: importRuns, feeds: feedRuns },
    sizes: figures,
    bundles,
    catalogues: catalogueSizes(extensionDir),
    verdicts: verdictsOf(figures, bundles),
  };

  console.log(`\n${markdownTable(results)}\n\n${markdownBundles(results)}\n\n${markdownMachine(results)}`);
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  log('figures written to bench-results/latest.json');
  if (values.docs) {
    let text = readFileSync(DOCS, 'utf8');
    text = fillSection(text, 'figures', markdownTable(results));
    text = fillSection(text, 'bundles', markdownBundles(results));
    text = fillSection(text, 'machine', markdownMachine(results));
    writeFileSync(DOCS, text);
    log('figures written to docs/BENCHMARKS.md');
  }
}

async function runSync(): Promise<void> {
  const changesEach = Number(values['sync-changes']);
  if (!Number.isInteger(changesEach) || changesEach < 10)
    throw new Error('--sync-changes: a whole number of 10 or more');
  log('sync server: a durable PostgreSQL cluster, one server on 127.0.0.1, managers pushing over HTTP');
  const results = await runSyncLoad({ ...DEFAULT_SYNC_LOAD, changesEach, log });
  const table = markdownSync(results);
  console.log(`\n${table}`);
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results', 'sync-latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  log('figures written to bench-results/sync-latest.json');
  if (values.docs) {
    writeFileSync(DOCS, fillSection(readFileSync(DOCS, 'utf8'), 'sync', table));
    log('sync figures written to docs/BENCHMARKS.md');
  }
}

let built = false;

async function runTeam(): Promise<void> {
  if (!values['no-build'] && !values.extension && !built) build();
  if (!existsSync(join(extensionDir, 'manifest.json')))
    throw new Error(`No build at ${extensionDir}; run without --no-build`);
  log('team: two Chromium profiles, one sync server and one PostgreSQL on 127.0.0.1');
  const results = await runTeamBench({
    extensionDir,
    clients: Number(values['team-clients']),
    firstSyncRuns: Number(values['team-runs']),
    latencySamples: Number(values['team-changes']),
    log,
  });
  const table = markdownTeam(results);
  console.log(`\n${table}`);
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results', 'team-latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  if (values.docs) {
    writeFileSync(DOCS, fillSection(readFileSync(DOCS, 'utf8'), 'team', table));
    log('team figures written to docs/BENCHMARKS.md');
  }
}

async function main(): Promise<void> {
  const unknown = [...suites].filter((name) => !(SUITES as readonly string[]).includes(name));
  if (unknown.length > 0 || suites.size === 0)
    throw new Error(`--suites: a comma-separated list of ${SUITES.join(', ')} (not ${unknown.join(', ')})`);
  const started = performance.now();
  if (suites.has('pages')) await runPages();
  if (suites.has('sync')) await runSync();
  if (suites.has('team')) await runTeam();
  console.log(`\n[bench] done in ${Math.round((performance.now() - started) / 1000)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
