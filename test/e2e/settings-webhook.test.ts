// The reminder webhook as a person sets it in Settings: a bad address is refused next to the
// field; a good one is saved after the browser grants access to its host; a reminder then
// reaches the relay on 127.0.0.1 and the reminder log says so.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { axeViolations } from './axe';
import { inactiveClient, runRules, seed, settingsRecord } from './background-helpers';
import { allowSiteAccess, type ExtensionHarness, launchExtension } from './harness';

let harness: ExtensionHarness | undefined;
let server: Server | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  server = undefined;
});

describe('reminder webhook in Settings', () => {
  it('refuses a bad address, saves a good one and logs the delivery', async () => {
    const received: string[] = [];
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push(body);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', listening));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/relay`;

    harness = await launchExtension();
    const page = await harness.openExtensionPage('options.html#/settings');
    await seed(page, {
      meta: [settingsRecord(), { key: 'pool', value: { allocated: 5 } }],
      clients: [inactiveClient(1, 'Blue Harbor Hotels', 1)],
    });
    await page.reload();
    const field = page.getByRole('textbox', { name: 'Reminder webhook' });
    const save = page.getByRole('button', { name: 'Save webhook' });

    await field.fill('http://relay.example.com/hook');
    await save.click();
    await expect
      .poll(() => page.locator('#field-reminderWebhookUrl-error').textContent())
      .toBe('The reminder webhook must be an https:// address, or http://127.0.0.1 for a relay on this computer.');

    // A person grants site access in the browser's extension settings; the request then needs no prompt.
    await allowSiteAccess(harness, 'http://127.0.0.1/*');

    await field.fill(url);
    await save.click();
    await expect
      .poll(() => page.getByTestId('webhook-notice').textContent())
      .toBe('The webhook is saved. Reminders and usage warnings will also be posted to it.');

    expect(await runRules(page)).toMatchObject({ notificationsShown: 1, webhookTries: 1 });
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!)).toMatchObject({ event: 'purge_reminder', clientName: 'Blue Harbor Hotels' });
    await expect
      .poll(() => page.locator('.settings-reminder-log tbody tr').first().textContent())
      .toContain('Delivered. Tries: 1; last result: http_204.');
    expect(await axeViolations(page)).toEqual([]);
  });
});
