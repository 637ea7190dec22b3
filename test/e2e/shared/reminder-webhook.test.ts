// The reminder webhook in each browser (E2E_BROWSER): the agency saves a relay on 127.0.0.1 in
// Settings, access to the host is granted (LaunchDriverOptions.loopbackAccess), and a reminder
// the background decides is posted to the relay and logged as delivered.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inactiveClient, orgIdFor, runRules, seed, settingsRecord } from '../background-helpers';
import { byCss, byRole, byTestId, currentBrowser, type Driver } from '../driver';
import { launchDriver } from '../launch-driver';
import { databaseReady } from './steps';

let driver: Driver;
let relay: Server;
let url = '';
const received: Record<string, unknown>[] = [];

beforeAll(async () => {
  relay = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(JSON.parse(body) as Record<string, unknown>);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((listening) => relay.listen(0, '127.0.0.1', listening));
  url = `http://127.0.0.1:${(relay.address() as AddressInfo).port}/relay`;
  driver = await launchDriver({ loopbackAccess: true });
});

afterAll(async () => {
  await driver?.close();
  await new Promise((done) => relay?.close(done));
});

describe(`the reminder webhook (${currentBrowser()})`, () => {
  it('posts a reminder to the relay saved in Settings, and logs the delivery', async () => {
    const page = await driver.open('options.html#/settings');
    await databaseReady(page);
    await seed(page, {
      meta: [settingsRecord(), { key: 'pool', value: { allocated: 5 } }],
      clients: [inactiveClient(1, 'Blue Harbor Hotels', 1)],
    });
    await page.reload();
    await page.fill(byRole('textbox', 'Reminder webhook'), url);
    await page.click(byRole('button', 'Save webhook'));
    // What follows "saved" names what is posted to it, which grows with the product.
    await page.waitForText(byTestId('webhook-notice'), /^The webhook is saved\. /);

    expect(await runRules(page)).toMatchObject({ notificationsShown: 1, webhookTries: 1, failedSteps: [] });
    expect(received).toEqual([
      expect.objectContaining({ event: 'purge_reminder', orgId: orgIdFor(1), clientName: 'Blue Harbor Hotels' }),
    ]);
    await page.waitForText(
      byCss('.settings-reminder-log tbody tr:first-child'),
      /Delivered\. Tries: 1; last result: http_204\./,
    );
    expect(await driver.errors()).toEqual([]);
  });
});
