// A purge reminder from the background in each browser (E2E_BROWSER): the run the dashboard asks
// for shows it as a notification and records it, a click on the notification opens the client's
// overview, and after the background restarts (Chromium: its service worker stopped; Firefox: the
// add-on reloaded) the next run shows nothing twice.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inactiveClient,
  orgIdFor,
  readStores,
  type Row,
  runRules,
  seed,
  settingsRecord,
  utcDate,
} from '../background-helpers';
import { byCss, currentBrowser, type Driver, type DriverPage } from '../driver';
import { launchDriver } from '../launch-driver';
import { databaseReady } from './steps';

const CLIENT = 'Helios Energy';
const ORG_ID = orgIdFor(1);
// The client is purged in 5 days: the 7-day reminder is due, the 30-day one was missed.
const NOTIFICATION_ID = `reminder:${ORG_ID}:${utcDate(5)}:7`;

let driver: Driver;
let page: DriverPage;

beforeAll(async () => {
  driver = await launchDriver();
  page = await driver.open('options.html');
  await databaseReady(page);
  await seed(page, {
    meta: [settingsRecord(), { key: 'pool', value: { allocated: 5 } }],
    clients: [inactiveClient(1, CLIENT, 5)],
  });
});

afterAll(async () => {
  await driver?.close();
});

const sentReminders = (stores: Record<string, Row[]>) =>
  (stores.reminders ?? []).filter((reminder) => reminder.status === 'sent');

describe(`a purge reminder from the background (${currentBrowser()})`, () => {
  it('is shown as a notification and recorded once', async () => {
    expect(await runRules(page)).toMatchObject({ remindersDecided: 1, notificationsShown: 1, failedSteps: [] });
    const stores = await readStores(page, ['reminders', 'activity']);
    expect(stores.reminders).toMatchObject([
      { orgId: ORG_ID, daysBefore: 7, status: 'sent', notification: 'shown', skippedSteps: [30] },
      { orgId: ORG_ID, daysBefore: 30, status: 'skipped' },
    ]);
    expect(stores.activity?.filter((entry) => entry.action === 'reminder_sent')).toHaveLength(1);
  });

  it("opens the client's overview when the notification is clicked", async () => {
    await driver.clickNotification(NOTIFICATION_ID);
    const overview = await driver.waitForTab(
      (url) => url === driver.extensionUrl(`options.html#/clients/${ORG_ID}`),
      `the overview of ${ORG_ID}`,
    );
    await overview.waitForText(byCss('#overview-heading'), CLIENT);
    await overview.close();
  });

  it('shows nothing twice after the background restarts', async () => {
    const before = await readStores(page, ['reminders', 'activity']);
    await driver.restartBackground();
    // Firefox closes the add-on's pages when it reloads; a fresh one works in both.
    page = await driver.open('options.html');
    await databaseReady(page);
    expect(await runRules(page)).toMatchObject({ remindersDecided: 0, notificationsShown: 0, failedSteps: [] });
    const after = await readStores(page, ['reminders', 'activity']);
    expect(sentReminders(after)).toEqual(sentReminders(before));
    expect(after.activity?.filter((entry) => entry.action === 'reminder_sent')).toHaveLength(1);
    expect(await driver.errors()).toEqual([]);
  });
});
