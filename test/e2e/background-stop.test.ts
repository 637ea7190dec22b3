// Stopping the background worker in the middle of a run, in a real Chromium: no client is
// left half-changed, and when the worker starts again it finishes the work without purging
// or reminding anyone twice.

import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  inactiveClient,
  openDashboard,
  orgIdFor,
  readStores,
  runRules,
  seed,
  settingsRecord,
  startRulesRun,
  stopWorker,
  type Row,
  type Tables,
  utcDate,
} from './background-helpers';
import { type ExtensionHarness, launchExtension } from './harness';

declare const chrome: {
  notifications: {
    getAll(): Promise<Record<string, boolean>>;
    onClosed: { addListener(listener: (id: string, byUser: boolean) => void): void };
  };
};
declare const window: { closedNotifications: string[] };

const DAY = 86_400_000;
const TO_PURGE = 400;
const TO_REMIND = 300;
const PURGE_ON = utcDate(-10);
const REMIND_PURGE_ON = utcDate(20); // the 30-day reminder is due

let harness: ExtensionHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** Clients due for a purge (their last reminder went out days ago), each with org data; and clients due for a reminder. */
function roster(): Tables {
  const sentAt = Date.now() - 3 * DAY;
  const tables: Tables = { clients: [], experiments: [], members: [], reports: [], reminders: [], orgIds: [] };
  for (let index = 1; index <= TO_PURGE + TO_REMIND; index += 1) {
    const purge = index <= TO_PURGE;
    const orgId = orgIdFor(index);
    tables.clients!.push(inactiveClient(index, `Client ${index}`, purge ? -10 : 20));
    tables.orgIds!.push({ orgId, issuedAt: 0 });
    for (let n = 0; n < 4; n += 1)
      tables.experiments!.push({
        orgId,
        name: `Test ${n}`,
        status: 'paused',
        pausedBy: 'inactivity',
        createdAt: 0,
        updatedAt: 0,
      });
    for (let n = 0; n < 3; n += 1)
      tables.members!.push({
        orgId,
        name: `Member ${n}`,
        email: `m${n}@client${index}.test`,
        role: 'user',
        createdAt: 0,
      });
    tables.reports!.push({ orgId, period: utcDate(-40).slice(0, 7) + '-01', visitors: 5, updatedAt: 0 });
    if (purge)
      for (const daysBefore of [30, 7, 1])
        tables.reminders!.push({
          orgId,
          purgeOn: PURGE_ON,
          daysBefore,
          status: 'sent',
          decidedAt: sentAt,
          sentAt,
          notification: 'shown',
        });
  }
  return tables;
}

/** Waits, inside the page, until `ready` holds for the counts of purge log entries and of pending reminders. */
async function waitForProgress(page: Page, ready: 'first purges committed' | 'first reminders shown'): Promise<void> {
  await page.evaluate(
    async ({ ready, toPurge }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('agency-desk');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const count = (store: string, index?: string, key?: string) =>
        new Promise<number>((resolve, reject) => {
          const source = db.transaction(store, 'readonly').objectStore(store);
          const request = index ? source.index(index).count(key) : source.count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      for (;;) {
        const logged = await count('activity');
        // Every purge logs one line; lines beyond them are reminders that went out.
        if (ready === 'first purges committed' && logged > 0) break;
        if (
          ready === 'first reminders shown' &&
          logged > toPurge &&
          (await count('reminders', 'status', 'pending')) > 0
        )
          break;
        await new Promise((tick) => setTimeout(tick, 2));
      }
      db.close();
    },
    { ready, toPurge: TO_PURGE },
  );
}

interface State {
  clients: Map<string, Row>;
  orgData: Map<string, number>;
  activity: Row[];
  reminders: Row[];
  allocated: number;
}

async function state(page: Page): Promise<State> {
  const stores = await readStores(page, [
    'clients',
    'experiments',
    'members',
    'reports',
    'activity',
    'reminders',
    'meta',
  ]);
  const orgData = new Map<string, number>();
  for (const store of ['experiments', 'members', 'reports'])
    for (const row of stores[store] ?? [])
      orgData.set(row.orgId as string, (orgData.get(row.orgId as string) ?? 0) + 1);
  const pool = (stores.meta ?? []).find((row) => row.key === 'pool')?.value as { allocated: number };
  return {
    clients: new Map((stores.clients ?? []).map((row) => [row.orgId as string, row])),
    orgData,
    activity: stores.activity ?? [],
    reminders: stores.reminders ?? [],
    allocated: pool.allocated,
  };
}

function count<T>(values: T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** What must hold whenever the worker stops: whole clients, a pool that adds up, nothing logged twice. */
function expectConsistent(now: State) {
  const purged = count(now.activity.filter((e) => e.action === 'client_purged').map((e) => e.orgId as string));
  for (let index = 1; index <= TO_PURGE + TO_REMIND; index += 1) {
    const orgId = orgIdFor(index);
    if (now.clients.has(orgId)) {
      expect(now.orgData.get(orgId), `${orgId} still has all its org data`).toBe(8);
      expect(purged.get(orgId), `${orgId} is not logged as purged`).toBeUndefined();
    } else {
      expect(now.orgData.get(orgId), `${orgId} has no org data left`).toBeUndefined();
      expect(purged.get(orgId), `${orgId} is logged as purged once`).toBe(1);
    }
  }
  const held = [...now.clients.values()].reduce((sum, client) => sum + (client.quota as number), 0);
  expect(now.allocated, 'the pool counts exactly what the clients hold').toBe(held);
  const sentLogged = count(now.activity.filter((e) => e.action === 'reminder_sent').map((e) => e.orgId as string));
  for (const [orgId, times] of sentLogged) expect(times, `reminder of ${orgId} logged once`).toBe(1);
  const sentRecords = now.reminders
    .filter((r) => r.purgeOn === REMIND_PURGE_ON && r.status === 'sent')
    .map((r) => r.orgId as string);
  expect(new Set(sentLogged.keys()), 'every sent reminder is logged, and only those').toEqual(new Set(sentRecords));
}

describe('a worker stopped in the middle of a run', () => {
  it('leaves no half-changed client, and sends no reminder twice when it carries on', async () => {
    harness = await launchExtension();
    const page = await openDashboard(harness);
    const monitor = await harness.openExtensionPage('popup.html');
    // Headless Chromium on Linux has no notification centre: each notification is a popup that
    // closes itself some seconds after it shows (a few show at a time), and then leaves getAll.
    // So a notification counts as shown if it is still there or was closed that way; an
    // extension page keeps hearing onClosed while the worker stops and starts.
    await monitor.evaluate(() => {
      window.closedNotifications = [];
      chrome.notifications.onClosed.addListener((id) => window.closedNotifications.push(id));
    });
    await seed(page, {
      meta: [settingsRecord(), { key: 'pool', value: { allocated: 5 * (TO_PURGE + TO_REMIND) } }],
      ...roster(),
    });

    // First stop: once the first batch of purges has committed.
    await startRulesRun(page);
    await waitForProgress(monitor, 'first purges committed');
    await stopWorker(harness.context, page);
    const firstStop = await state(monitor);
    const purgedAtFirstStop = TO_PURGE + TO_REMIND - firstStop.clients.size;
    expect(purgedAtFirstStop, 'stopped after some purges and before the last').toBeGreaterThan(0);
    expect(purgedAtFirstStop).toBeLessThan(TO_PURGE);
    expectConsistent(firstStop);

    // Second stop: once some reminders have gone out and others are still pending.
    await startRulesRun(page);
    await waitForProgress(monitor, 'first reminders shown');
    await stopWorker(harness.context, page);
    const secondStop = await state(monitor);
    const pending = secondStop.reminders.filter((r) => r.status === 'pending').length;
    expect(pending, 'stopped while reminders were still to be shown').toBeGreaterThan(0);
    expect(pending).toBeLessThan(TO_REMIND);
    expectConsistent(secondStop);

    // The worker starts again and finishes.
    await runRules(page);
    expect(await runRules(page)).toMatchObject({
      clientsPurged: 0,
      remindersDecided: 0,
      notificationsShown: 0,
      failedSteps: [],
    });
    const done = await state(monitor);
    expectConsistent(done);
    expect(done.clients.size).toBe(TO_REMIND);
    expect(done.activity.filter((e) => e.action === 'client_purged')).toHaveLength(TO_PURGE);
    expect(done.activity.filter((e) => e.action === 'reminder_sent')).toHaveLength(TO_REMIND);
    const notShown = done.reminders.filter((r) => r.purgeOn === REMIND_PURGE_ON && r.notification !== 'shown');
    expect(notShown, 'every reminder is recorded as shown').toEqual([]);
    // The browser goes on closing notifications while these are read: one listed by getAll can
    // be closed before the closed ones are read, and is then in both lists, which failed the
    // check as if it had been shown again. Shown again means listed after it was closed, so the
    // closed ones are read before getAll too, and the union counts each notification once.
    const closedBefore = await monitor.evaluate(() => [...window.closedNotifications]);
    const stillShown = Object.keys(await harness.serviceWorker.evaluate(() => chrome.notifications.getAll()));
    const closed = await monitor.evaluate(() => window.closedNotifications);
    expect(
      stillShown.filter((id) => closedBefore.includes(id)),
      'a closed notification was not shown again',
    ).toEqual([]);
    expect(
      closed.filter((id, index) => closed.indexOf(id) !== index),
      'no notification was closed twice',
    ).toEqual([]);
    const shownIds = [...new Set([...stillShown, ...closed])].sort();
    const expectedIds = Array.from(
      { length: TO_REMIND },
      (_, i) => `reminder:${orgIdFor(TO_PURGE + 1 + i)}:${REMIND_PURGE_ON}:30`,
    ).sort();
    expect(shownIds).toEqual(expectedIds);
  });
});
