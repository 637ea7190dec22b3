/**
 * One server process's pass of the time rules, for the test that runs two at once:
 * `tsx test/server/time-rules-process.ts <database url> <now>`. It says `ready` once loaded,
 * waits for a line on stdin so that both processes start their pass together, then prints
 * the pass's summary as JSON and ends.
 */
import { once } from 'node:events';
import { createPool } from '../../server/db/pool';
import { runTimeRules } from '../../server/time-rules';

const [url, now] = process.argv.slice(2);
if (!url || !now) throw new Error('usage: time-rules-process.ts <database url> <now>');
const db = createPool(url, 4);
process.stdout.write('ready\n');
await once(process.stdin, 'data');
try {
  process.stdout.write(`${JSON.stringify(await runTimeRules(db, { now: Number(now), privateWebhookHosts: true }))}\n`);
} finally {
  await db.end();
  process.stdin.destroy();
}
