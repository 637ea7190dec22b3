import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPool, type Db } from '../../server/db/pool';
import { runTimeRules, startTimeRules, TIME_RULES_LOCK_KEY, type TimeRulesSummary } from '../../server/time-rules';
import { applyAgencyRules } from '../../server/time-rules/agency-rules';
import { deliverDueReminderWebhooks } from '../../server/time-rules/reminder-webhooks';
import { NOW, pull, setUpAgency, type TestAgency } from './team';
import { testServer } from './test-server';
import {
  at,
  changeSettings,
  clientOf,
  historyOf,
  makeInactive,
  pulled,
  pushClient,
  type Receiver,
  startReceiver,
} from './time-rules-world';

const server = testServer({ perTest: true });
let team: TestAgency;
let receiver: Receiver;
/** The pools of the second "server process", closed after each test. */
const others: Db[] = [];

const THEN = at('2027-03-02T10:00:00Z');

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});
beforeEach(async () => {
  receiver.bodies.length = 0;
  receiver.delayMs = 0;
  team = await setUpAgency(server.db, 100);
});
afterEach(async () => {
  await Promise.all(others.splice(0).map((db) => db.end()));
});

function otherProcess(): Db {
  const db = createPool(server.url, 5);
  others.push(db);
  return db;
}

/**
 * At THEN, one client is due a reminder (30 days before its purge date) and another is due
 * its purge (its last reminder went out a day before), with the webhook set for what is decided now.
 */
async function dueAtThen(): Promise<{ reminded: string; purged: string }> {
  const purged = await pushClient(server.app, team, 'Purge Due Co', 10);
  await makeInactive(server.db, team.agencyId, NOW, purged); // purge date 2027-03-02
  await runTimeRules(server.db, { now: at('2027-03-01T09:00:00Z'), privateWebhookHosts: true }); // its reminders, the last one a day before
  const reminded = await pushClient(server.app, team, 'Reminder Due Co', 10);
  await makeInactive(server.db, team.agencyId, at('2027-01-01T10:00:00Z'), reminded); // purge date 2027-04-01
  await changeSettings(server.db, team.agencyId, NOW, { reminderWebhookUrl: receiver.url });
  return { reminded, purged };
}

async function expectDoneOnce({ reminded, purged }: { reminded: string; purged: string }) {
  const reminders = (await pulled(server.app, team.viewer, 'reminder')).filter((row) => row.orgId === reminded);
  expect(reminders.map((row) => row.key)).toEqual(['2027-04-01/30']);
  const remindedHistory = await historyOf(server.app, team.viewer, reminded);
  expect(remindedHistory.filter((entry) => entry.action === 'reminder_sent')).toHaveLength(1);
  const purgedHistory = await historyOf(server.app, team.viewer, purged);
  expect(purgedHistory.filter((entry) => entry.action === 'client_purged')).toHaveLength(1);
  expect((await clientOf(server.app, team.viewer, purged))?.deleted).toBe(true);
  expect(receiver.bodies.map((body) => body.id)).toEqual([`reminder:${reminded}:2027-04-01:30`]);
}

function total(summaries: TimeRulesSummary[], field: 'remindersDecided' | 'clientsPurged' | 'webhookTries') {
  return summaries.reduce((sum, summary) => sum + summary[field], 0);
}

describe('time rules: several server processes', () => {
  it('skips the pass while another session holds the lock, writing nothing', async () => {
    await dueAtThen();
    const before = (await pull(server.app, team.viewer)).version;
    const holder = await otherProcess().connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [TIME_RULES_LOCK_KEY]);
      expect(await runTimeRules(server.db, { now: THEN, privateWebhookHosts: true })).toMatchObject({
        ran: false,
        remindersDecided: 0,
      });
      expect((await pull(server.app, team.viewer)).version).toBe(before);
      expect(receiver.bodies).toEqual([]);
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1)', [TIME_RULES_LOCK_KEY]);
      holder.release();
    }
    expect(await runTimeRules(server.db, { now: THEN, privateWebhookHosts: true })).toMatchObject({
      ran: true,
      remindersDecided: 1,
    });
  });

  it('two passes at once, from two pools, do the work once', async () => {
    const due = await dueAtThen();
    // A slow receiver keeps the first pass holding the lock while the second one asks for it.
    receiver.delayMs = 200;
    const summaries = await Promise.all([
      runTimeRules(server.db, { now: THEN, privateWebhookHosts: true }),
      runTimeRules(otherProcess(), { now: THEN, privateWebhookHosts: true }),
    ]);
    expect(summaries.filter((summary) => summary.ran).length).toBeGreaterThanOrEqual(1);
    expect(total(summaries, 'remindersDecided')).toBe(1);
    expect(total(summaries, 'clientsPurged')).toBe(1);
    expect(total(summaries, 'webhookTries')).toBe(1);
    await expectDoneOnce(due);
  });

  it('without the pass lock, the agency lock and the webhook claim still do each thing once', async () => {
    const due = await dueAtThen();
    const other = otherProcess();
    const results = await Promise.all([
      applyAgencyRules(server.db, team.agencyId, THEN),
      applyAgencyRules(other, team.agencyId, THEN),
    ]);
    expect(results.reduce((sum, result) => sum + (result?.remindersDecided ?? 0), 0)).toBe(1);
    receiver.delayMs = 200;
    const tries = await Promise.all([
      deliverDueReminderWebhooks(server.db, THEN, fetch, true),
      deliverDueReminderWebhooks(other, THEN, fetch, true),
    ]);
    expect(tries[0] + tries[1]).toBe(1);
    await expectDoneOnce(due);
  });

  it('two real server processes at the same moment do the work once', { timeout: 60_000 }, async () => {
    const due = await dueAtThen();
    receiver.delayMs = 200;
    const summaries = await Promise.all([passInAProcess(server.url, THEN), passInAProcess(server.url, THEN)]);
    expect(total(summaries, 'remindersDecided')).toBe(1);
    expect(total(summaries, 'clientsPurged')).toBe(1);
    expect(total(summaries, 'webhookTries')).toBe(1);
    await expectDoneOnce(due);
  });
});

const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./time-rules-process.ts', import.meta.url));
const PROCESS_TIMEOUT_MS = 45_000;

/** Runs test/server/time-rules-process.ts in a child process; its pass starts once every child is ready. */
function passInAProcess(url: string, now: number): Promise<TimeRulesSummary> {
  return startedTogether.add(spawn(TSX, [SCRIPT, url, String(now)], { stdio: ['pipe', 'pipe', 'pipe'] }));
}

/** Children that said `ready`; once two have, both are told to go at once. */
const startedTogether = {
  waiting: [] as ChildProcess[],
  add(child: ChildProcess): Promise<TimeRulesSummary> {
    return new Promise((resolve, reject) => {
      let out = '';
      let err = '';
      let ready = false;
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the pass process took over ${PROCESS_TIMEOUT_MS} ms: ${err}`));
      }, PROCESS_TIMEOUT_MS);
      child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (!ready && out.startsWith('ready\n')) {
          ready = true;
          this.waiting.push(child);
          if (this.waiting.length === 2) for (const one of this.waiting.splice(0)) one.stdin?.write('go\n');
        }
      });
      child.on('error', reject);
      child.on('exit', (code) => {
        clearTimeout(timer);
        if (code !== 0) return reject(new Error(`the pass process ended with ${code}: ${err}`));
        resolve(JSON.parse(out.slice('ready\n'.length)) as TimeRulesSummary);
      });
    });
  },
};

describe('time rules: the schedule', () => {
  it('runs a pass at start and after each interval, one at a time, until stopped', async () => {
    const due = await dueAtThen();
    receiver.delayMs = 150;
    let passes = 0;
    const logged: { data: object; message: string }[] = [];
    const record = (data: object, message: string) => logged.push({ data, message });
    const rules = startTimeRules(server.db, {
      intervalMs: 20,
      clock: () => {
        passes += 1;
        return THEN;
      },
      log: { info: record, error: record },
      privateWebhookHosts: true,
    });
    await until(() => passes >= 4);
    await rules.stop();
    const stoppedAt = passes;
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(passes).toBe(stoppedAt);
    // A pass that overlapped another of this process would have found the lock taken and said so.
    expect(logged.map((entry) => entry.message)).toEqual(['time rules pass']);
    expect(logged[0]?.data).toMatchObject({ remindersDecided: 1, clientsPurged: 1, webhookTries: 1 });
    await expectDoneOnce(due);
  });
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
