// What the dashboard reads from IndexedDB on its way to the first rows, and when: every request
// of the page's own IndexedDB (store and index reads, cursors, the open), with its start in the
// page's clock and how long it took to its first answer, beside the moment the first row was
// produced. A profiling aid for the opening figure, not a figure of the bench.
//
//   npx vite-node bench/dash-reads.ts -- --extension .output-bench/chrome-mv3 --size 100000 --route '#/clients'

import { parseArgs } from 'node:util';
import { FIRST_PAINT } from './pages';
import { launch, seed } from './session';

const { values } = parseArgs({
  options: {
    extension: { type: 'string', default: '.output-bench/chrome-mv3' },
    size: { type: 'string', default: '100000' },
    route: { type: 'string', default: '#/clients' },
    runs: { type: 'string', default: '3' },
  },
});

const big = await launch(values.extension);
try {
  await seed(big, Number(values.size), Date.now(), () => undefined);
  for (let run = 0; run < Number(values.runs); run += 1) {
    const page = await big.harness.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.addInitScript((rowSelector: string) => {
      const log: [string, number, number][] = [];
      const marks: Record<string, number> = {};
      Object.assign(window, { __reads: log, __marks: marks });
      const wrap = (proto: object, kind: string, methods: string[]) => {
        for (const method of methods) {
          const target = proto as Record<string, (...args: unknown[]) => IDBRequest>;
          const original = target[method];
          if (!original) continue;
          target[method] = function (this: IDBIndex | IDBObjectStore, ...args: unknown[]) {
            const start = performance.now();
            const request = original.apply(this, args);
            const owner = 'objectStore' in this ? `${this.objectStore.name}.${this.name}` : this.name;
            const key =
              args[0] instanceof IDBKeyRange ? ' range' : args[0] === undefined ? '' : ` ${JSON.stringify(args[0])}`;
            const limit = typeof args[1] === 'number' ? ` ×${String(args[1])}` : '';
            let logged = false;
            request.addEventListener('success', () => {
              if (logged) return;
              logged = true;
              log.push([
                `${kind} ${owner}.${method}${key}${limit}`,
                Math.round(start),
                Math.round(performance.now() - start),
              ]);
            });
            return request;
          };
        }
      };
      const reads = ['get', 'getAll', 'getAllKeys', 'count', 'openCursor', 'openKeyCursor', 'getKey'];
      wrap(IDBObjectStore.prototype, 'store', reads);
      wrap(IDBIndex.prototype, 'index', reads);
      const factory = IDBFactory.prototype as unknown as Record<string, (...args: unknown[]) => IDBOpenDBRequest>;
      const open = factory.open;
      if (open)
        factory.open = function (this: IDBFactory, ...args: unknown[]) {
          const start = performance.now();
          const request = open.apply(this, args);
          request.addEventListener('success', () =>
            log.push([`open ${String(args[0])}`, Math.round(start), Math.round(performance.now() - start)]),
          );
          return request;
        };
      const observer = new MutationObserver(() => {
        if (marks.row === undefined && document.querySelector(rowSelector)) {
          marks.row = Math.round(performance.now());
          observer.disconnect();
        }
      });
      document.addEventListener('DOMContentLoaded', () => {
        marks.dom = Math.round(performance.now());
        observer.observe(document.body, { childList: true, subtree: true });
      });
    }, FIRST_PAINT.dashboardRow);
    await page.goto(big.harness.extensionUrl(`options.html${values.route}`));
    await page.locator(FIRST_PAINT.dashboardRow).first().waitFor({ timeout: 120_000 });
    await page.getByTestId('client-count').waitFor();
    await page.waitForTimeout(500);
    const { reads, marks } = await page.evaluate(() => ({
      reads: (window as unknown as { __reads: [string, number, number][] }).__reads,
      marks: (window as unknown as { __marks: Record<string, number> }).__marks,
    }));
    console.log(`run ${run}: DOMContentLoaded ${marks.dom} ms, first row in the DOM ${marks.row} ms`);
    for (const [name, start, ms] of reads.sort((a, b) => a[1] - b[1]))
      console.log(`  ${String(start).padStart(5)} +${String(ms).padStart(4)}  ${name}`);
    await page.close();
  }
} finally {
  await big.harness.close();
}
