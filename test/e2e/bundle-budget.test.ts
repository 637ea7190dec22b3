// The built scripts stay within the sizes docs/BENCHMARKS.md reports, so that a stray import
// (a zod schema reached from the popup, a second copy of a library) shows up here and not
// in the next benchmark. Sizes are of the production build, gzipped as bench/bundle.ts does.

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleSizes } from '../../bench/bundle';
import { DEFAULT_EXTENSION_DIR } from './harness';

const BUILD = resolve(process.env.E2E_EXTENSION_DIR || DEFAULT_EXTENSION_DIR);

/**
 * Today's sizes plus ~1.5 KB: room for a feature's worth of code, not for a library. Dexie
 * (29.5 KB), Preact (5.6 KB) and the polyfill (3.0 KB) are most of each (docs/BENCHMARKS.md).
 * The dashboard's also holds Papa Parse for its CSV import and export: it added 6,772 B
 * (88,354 → 95,126 B measured), which its budget grew by; the popup loads none of it.
 * The worker's grew with the usage source (issue 12: 57,126 → 71,400 B measured): it reads
 * the source's CSV answers with the same Papa Parse (about 6.8 KB of it), and checks the
 * answer, applies it and words and posts the warnings (the other 7.5 KB). The dashboard's grew
 * with the usage screens (94,801 → 103,704 B measured): Settings' usage source, warning levels,
 * status line and delivery log; the overview's Record visitors used, forecast and usage chart;
 * the Runs out column. The popup's grew with the run-out line in its rows, and because the chunk
 * all three surfaces load carries the usage rules that the dashboard and worker share
 * (46,573 → 47,510 B measured).
 * The sync server (issue 14) moved the operations' decisions into lib/rules so that the server
 * runs the same ones (usage changes, lifecycle, experiments, members, subscription, settings,
 * import checks, reminder records and sentences, the message formatter), and the import's file
 * checks grew stricter (calendar dates, Org IDs held elsewhere): the worker 72,300 → 73,290 B
 * and the dashboard 103,800 → 105,248 B measured, generic rule functions where the ops had
 * inline code. No sync code is in any surface yet (its protocol schemas are the server's).
 * The shared roster's screens (issue 15, part 2): the popup's footer says how syncing goes (the
 * team status read and its sentence, shared with the dashboard header: 47,960 → 48,477 B
 * measured); the dashboard gained Settings' Team section, the header's status, the Changes
 * refused view and notice, and the role checks of every action (105,612 → 109,574 B measured).
 * With the sync engine and the operations' outbox (issue 15, all of it): the worker holds the
 * server's client with the schemas it checks every answer by, the writers of every pulled
 * entity, connect (upload builds a roster.import from a backup) and the reminders pulled
 * (73,838 → 88,259 B measured: the largest growth, and the first place to look when the worker
 * is slimmed); each operation's queued change and role check are in all three surfaces (popup
 * 48,477 → 49,418 B, dashboard 109,574 → 114,254 B measured).
 * Speed at 100,000 clients (issue 16): the popup's narrowed search and its idle warm-up
 * (49,418 → 50,501 B), the usage feed's batched writes and the badge's bounded count in the
 * worker (88,259 → 89,502 B) and the dashboard (whose import shares the batched usage code),
 * with its list's count read apart (114,254 → 115,481 B measured). Then the popup's first-key
 * index (one-letter queries ranked from bits an idle pass fills) and, in the chunk all three
 * load, the Runs-out page read through its index and the usage warnings decided once and
 * delivered together (popup 50,501 → 51,058 B, dashboard 115,481 → 116,107 B measured).
 */
const BUDGET_BYTES = { popup: 51_500, background: 90_000, dashboard: 116_500 } as const;

describe('bundle sizes of the build', () => {
  const sizes = bundleSizes(BUILD);

  it.each(Object.entries(BUDGET_BYTES))('keeps the %s scripts within their budget', (surface, budget) => {
    const size = sizes[surface as keyof typeof BUDGET_BYTES];
    expect(size.files.length, `${surface} loads at least its entry`).toBeGreaterThan(0);
    expect(
      size.gzipBytes,
      `${surface}: ${size.files.map((file) => `${file.file} ${file.gzipBytes} B`).join(', ')}`,
    ).toBeLessThanOrEqual(budget);
  });

  it('loads the CSV library in the dashboard (import, export) and the worker (usage source) only: the popup reads no CSV', () => {
    // Papa Parse's error codes are strings, so they keep their names through minification.
    const withPapa = (surface: keyof typeof BUDGET_BYTES) =>
      sizes[surface].files
        .filter((file) => readFileSync(join(BUILD, file.file), 'utf8').includes('MissingQuotes'))
        .map((file) => file.file);
    expect(withPapa('popup')).toEqual([]);
    expect(withPapa('background')).not.toEqual([]);
    expect(withPapa('dashboard')).not.toEqual([]);
  });

  it('loads no zod in the popup: it validates no input, and zod is ~10 KB of it', () => {
    // Zod's config object keeps this property name through minification.
    const withZod = sizes.popup.files.filter((file) =>
      readFileSync(join(BUILD, file.file), 'utf8').includes('jitless'),
    );
    expect(withZod.map((file) => file.file)).toEqual([]);
    // The marker itself is real: the worker, which validates messages, has it.
    const workerHasZod = sizes.background.files.some((file) =>
      readFileSync(join(BUILD, file.file), 'utf8').includes('jitless'),
    );
    expect(workerHasZod).toBe(true);
  });
});
