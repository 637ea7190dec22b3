// The background worker in a real Chromium: its alarm survives install and restarts, a due
// reminder becomes a notification, a client past its grace period leaves the dashboard after
// a run, and a reminder is posted to a webhook on 127.0.0.1 once the agency allowed that host.

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Worker } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  inactiveClient,
  openDashboard,
  orgIdFor,
  readStores,
  runRules,
  seed,
  settingsRecord,
  stopWorker,
  storedClient,
  utcDate,
  wakeWorker,
  workerStartedAt,
} from './background-helpers';
import { allowSiteAccess, type ExtensionHarness, launchExtension } from './harness';

declare const chrome: {
  alarms: {
    get(name: string): Promise<{ name: string; periodInMinutes?: number; scheduledTime: number } | undefined>;
    clearAll(): Promise<boolean>;
  };
  notifications: { getAll(): Promise<Record<string, boolean>> };
  permissions: { request(permissions: { origins: string[] }): Promise<boolean> };
};

const DAY = 86_400_000;
let harness: ExtensionHarness | undefined;
let server: Server | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  server = undefined;
});

async function rulesAlarm(worker: Worker) {
  return worker.evaluate(() => chrome.alarms.get('lifecycle-rules'));
}

describe('background worker', () => {
  it('has its periodic alarm after install and after a restart of the worker', async () => {
    harness = await launchExtension();
    await expect.poll(() => rulesAlarm(harness!.serviceWorker)).toMatchObject({ periodInMinutes: 30 });
    const installed = await rulesAlarm(harness.serviceWorker);
    const page = await openDashboard(harness);

    const worker = harness.serviceWorker;
    const firstStart = await workerStartedAt(worker);

    // A restarted worker keeps the alarm as it was: waking up must not push the next run away.
    await stopWorker(harness.context, page);
    await wakeWorker(page);
    const secondStart = await workerStartedAt(worker);
    expect(secondStart).toBeGreaterThan(firstStart);
    expect(await rulesAlarm(worker)).toEqual(installed);

    // An alarm lost in between is created again when the worker starts.
    await worker.evaluate(() => chrome.alarms.clearAll());
    expect(await rulesAlarm(worker)).toBeUndefined();
    await stopWorker(harness.context, page);
    await wakeWorker(page);
    expect(await workerStartedAt(worker)).toBeGreaterThan(secondStart);
    await expect.poll(() => rulesAlarm(worker)).toMatchObject({ name: 'lifecycle-rules', periodInMinutes: 30 });
  });

  it('turns a due reminder into a notification', async () => {
    harness = await launchExtension();
    const page = await openDashboard(harness);
    const client = inactiveClient(1, 'Helios Energy', 5); // the 7-day reminder is due
    await seed(page, { meta: [settingsRecord(), { key: 'pool', value: { allocated: 5 } }], clients: [client] });

    expect(await runRules(page)).toMatchObject({ remindersDecided: 1, notificationsShown: 1, failedSteps: [] });
    const id = `reminder:${orgIdFor(1)}:${utcDate(5)}:7`;
    expect(Object.keys(await harness.serviceWorker.evaluate(() => chrome.notifications.getAll()))).toEqual([id]);
    // Once only: another run shows nothing new.
    expect(await runRules(page)).toMatchObject({ remindersDecided: 0, notificationsShown: 0 });
    // The 30-day step fell due while nobody ran the rules: it is skipped, not sent late.
    const { reminders } = await readStores(page, ['reminders']);
    expect(reminders).toMatchObject([
      { orgId: orgIdFor(1), daysBefore: 7, status: 'sent', notification: 'shown', skippedSteps: [30] },
      { orgId: orgIdFor(1), daysBefore: 30, status: 'skipped' },
    ]);
  });

  it('removes a client past its grace period from the dashboard after a run', async () => {
    harness = await launchExtension();
    const page = await openDashboard(harness);
    const leaving = inactiveClient(1, 'Northwind Books', -3);
    const staying = storedClient(2, 'Acme Outdoor', { quota: 20, usedVisitors: 3 });
    const lastReminder = Date.now() - 4 * DAY;
    await seed(page, {
      meta: [settingsRecord(), { key: 'pool', value: { allocated: 25 } }],
      clients: [leaving, staying],
      orgIds: [
        { orgId: orgIdFor(1), issuedAt: 0 },
        { orgId: orgIdFor(2), issuedAt: 0 },
      ],
      experiments: [
        {
          orgId: orgIdFor(1),
          name: 'Newsletter wording',
          status: 'paused',
          pausedBy: 'inactivity',
          createdAt: 0,
          updatedAt: 0,
        },
      ],
      members: [
        { orgId: orgIdFor(1), name: 'Oliver Grant', email: 'oliver@northwind.test', role: 'super_admin', createdAt: 0 },
      ],
      reminders: [30, 7, 1].map((daysBefore) => ({
        orgId: orgIdFor(1),
        purgeOn: utcDate(-3),
        daysBefore,
        status: 'sent',
        decidedAt: lastReminder,
        sentAt: lastReminder,
        notification: 'shown',
      })),
    });
    await page.reload();
    await expect.poll(() => page.getByText('Northwind Books', { exact: true }).count()).toBe(1);

    expect(await runRules(page)).toMatchObject({ clientsPurged: 1, failedSteps: [] });

    await expect.poll(() => page.getByText('Northwind Books', { exact: true }).count()).toBe(0);
    expect(await page.getByText('Acme Outdoor', { exact: true }).count()).toBe(1);
    const stores = await readStores(page, ['clients', 'experiments', 'members', 'activity', 'orgIds']);
    expect(stores.clients?.map((c) => c.orgId)).toEqual([orgIdFor(2)]);
    expect(stores.experiments).toEqual([]);
    expect(stores.members).toEqual([]);
    expect(stores.activity).toMatchObject([
      { action: 'client_purged', orgId: orgIdFor(1), actor: { type: 'rule', rule: 'purge' } },
    ]);
    expect(JSON.stringify(stores.activity)).not.toContain('Northwind');
    expect(stores.orgIds?.map((o) => o.orgId)).toContain(orgIdFor(1));
    expect(harness.problems(page).pageErrors).toEqual([]);
  });

  it('posts a reminder to a webhook on 127.0.0.1 once the agency has allowed that host', async () => {
    const received: { path: string; contentType: string; body: Record<string, unknown> }[] = [];
    server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({
          path: request.url ?? '',
          contentType: request.headers['content-type'] ?? '',
          body: JSON.parse(body),
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', listening));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/relay`;

    harness = await launchExtension();
    const page = await openDashboard(harness);
    // The agency allows the host: in Chromium's extension settings (site access), which is
    // where a person can also grant it; the dashboard's request then resolves without a prompt.
    await allowSiteAccess(harness, 'http://127.0.0.1/*');
    expect(await page.evaluate(() => chrome.permissions.request({ origins: ['http://127.0.0.1/*'] }))).toBe(true);

    await seed(page, {
      meta: [settingsRecord({ reminderWebhookUrl: url }), { key: 'pool', value: { allocated: 5 } }],
      clients: [inactiveClient(1, 'Blue Harbor Hotels', 1)],
    });
    expect(await runRules(page)).toMatchObject({ notificationsShown: 1, webhookTries: 1 });

    expect(received).toEqual([
      {
        path: '/relay',
        contentType: 'application/json',
        body: expect.objectContaining({
          event: 'purge_reminder',
          orgId: orgIdFor(1),
          clientName: 'Blue Harbor Hotels',
          purgeOn: utcDate(1),
          daysBefore: 1,
          final: false,
          agencyName: 'Northwind Digital',
          text: expect.stringContaining('all data of Blue Harbor Hotels will be deleted for good'),
        }),
      },
    ]);
    const { reminders } = await readStores(page, ['reminders']);
    expect(reminders?.find((reminder) => reminder.status === 'sent')).toMatchObject({
      daysBefore: 1,
      webhook: { status: 'delivered', attempts: [{ result: 'http_204' }] },
    });
  });
});
