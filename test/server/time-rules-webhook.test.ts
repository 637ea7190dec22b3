import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Reminder } from '../../lib/model/reminder';
import { runTimeRules } from '../../server/time-rules';
import { NOW, setUpAgency, type TestAgency } from './team';
import { testServer } from './test-server';
import {
  at,
  changeSettings,
  editClient,
  makeInactive,
  pulled,
  pushClient,
  type Receiver,
  startReceiver,
} from './time-rules-world';

const server = testServer({ perTest: true });
let team: TestAgency;
let receiver: Receiver;

const DAY_30 = at('2027-01-31T09:00:00Z'); // 30 days before a purge on 2027-03-02
const MINUTE = 60_000;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});
beforeEach(async () => {
  receiver.bodies.length = 0;
  receiver.answers.length = 0;
  team = await setUpAgency(server.db, 100);
  await changeSettings(server.db, team.agencyId, NOW, { reminderWebhookUrl: receiver.url });
});

// The receiver listens on 127.0.0.1, which the server refuses to post to unless told.
const run = (now: number) => runTimeRules(server.db, { now, privateWebhookHosts: true });

async function inactiveClient(name: string): Promise<string> {
  const orgId = await pushClient(server.app, team, name, 10);
  await makeInactive(server.db, team.agencyId, NOW, orgId);
  return orgId;
}

async function reminderOf(orgId: string): Promise<Reminder | undefined> {
  const rows = (await pulled(server.app, team.viewer, 'reminder')).filter((row) => row.orgId === orgId);
  return rows.map((row) => row.data as Reminder).find((reminder) => reminder.status !== 'skipped');
}

describe('time rules: the reminder webhook', () => {
  it('posts the extension’s payload once, and a browser pulls the delivery', async () => {
    const orgId = await inactiveClient('Sleepy Inc');

    expect((await run(DAY_30)).webhookTries).toBe(1);
    expect((await run(DAY_30 + MINUTE)).webhookTries).toBe(0);

    expect(receiver.bodies).toEqual([
      {
        event: 'purge_reminder',
        id: `reminder:${orgId}:2027-03-02:30`,
        orgId,
        clientName: 'Sleepy Inc',
        purgeOn: '2027-03-02',
        daysBefore: 30,
        final: false,
        agencyName: 'Northwind Digital',
        text: 'On Mar 2, 2027, all data of Sleepy Inc will be deleted for good. Reactivate the client before then to keep it.',
        sentAt: new Date(DAY_30).toISOString(),
      },
    ]);
    expect((await reminderOf(orgId))?.webhook).toEqual({
      status: 'delivered',
      attempts: [{ at: DAY_30, result: 'http_200' }],
    });
  });

  it('words the text in the agency’s language, from the extension’s catalogue', async () => {
    await changeSettings(server.db, team.agencyId, NOW, { language: 'ja' });
    await inactiveClient('さくら旅行');
    await run(at('2027-03-03T09:00:00Z'));
    expect(receiver.bodies[0]).toMatchObject({
      final: true,
      daysBefore: 0,
      text: 'さくら旅行の猶予期間は2027/03/02に終了しました。24時間が経過すると、すべてのデータが完全に削除されます。必要な場合は今すぐエクスポートしてください。',
    });
  });

  it('tries again after 1 and 2 minutes while the receiver fails, then records it delivered', async () => {
    const orgId = await inactiveClient('Flaky Relay Co');
    receiver.answers.push(503, 502);

    await run(DAY_30);
    expect((await reminderOf(orgId))?.webhook).toEqual({
      status: 'pending',
      attempts: [{ at: DAY_30, result: 'http_503' }],
      nextAttemptAt: DAY_30 + MINUTE,
    });
    expect((await run(DAY_30 + MINUTE - 1)).webhookTries).toBe(0);
    await run(DAY_30 + MINUTE);
    expect((await reminderOf(orgId))?.webhook).toMatchObject({ status: 'pending', nextAttemptAt: DAY_30 + 3 * MINUTE });
    await run(DAY_30 + 3 * MINUTE);

    expect((await reminderOf(orgId))?.webhook).toEqual({
      status: 'delivered',
      attempts: [
        { at: DAY_30, result: 'http_503' },
        { at: DAY_30 + MINUTE, result: 'http_502' },
        { at: DAY_30 + 3 * MINUTE, result: 'http_200' },
      ],
    });
    // Every try carries the same id, so the receiver can drop a repeat.
    expect(new Set(receiver.bodies.map((body) => body.id)).size).toBe(1);
    expect(receiver.bodies).toHaveLength(3);
  });

  it('gives up on a 4xx answer', async () => {
    const orgId = await inactiveClient('Wrong Address Ltd');
    receiver.answers.push(404);
    await run(DAY_30);
    await run(DAY_30 + 10 * MINUTE);
    expect(receiver.bodies).toHaveLength(1);
    expect((await reminderOf(orgId))?.webhook).toEqual({
      status: 'failed',
      attempts: [{ at: DAY_30, result: 'http_404' }],
    });
  });

  it('cancels a retry for a client that is active again, posting nothing more', async () => {
    const orgId = await inactiveClient('Came Back Co');
    receiver.answers.push(503);
    await run(DAY_30);
    await editClient(server.db, team.agencyId, DAY_30 + 1000, orgId, (client) => {
      const { purgeOn: _p, inactiveSince: _s, quotaBeforeInactive: _q, ...active } = client;
      return { ...active, status: 'active' };
    });

    await run(DAY_30 + MINUTE);

    expect(receiver.bodies).toHaveLength(1);
    expect((await reminderOf(orgId))?.webhook).toEqual({
      status: 'cancelled',
      attempts: [{ at: DAY_30, result: 'http_503' }],
    });
  });

  it('posts nothing for a reminder decided while no webhook was set', async () => {
    await changeSettings(server.db, team.agencyId, NOW, { reminderWebhookUrl: undefined });
    const orgId = await inactiveClient('No Hook Ltd');
    await run(DAY_30);
    await changeSettings(server.db, team.agencyId, DAY_30, { reminderWebhookUrl: receiver.url });
    await run(DAY_30 + MINUTE);
    expect(receiver.bodies).toEqual([]);
    expect(await reminderOf(orgId)).not.toHaveProperty('webhook');
  });
});

describe('where the server posts', () => {
  it('posts nothing to an address on its own machine by default, and records the delivery given up', async () => {
    const orgId = await inactiveClient('Local Relay Co');
    expect((await runTimeRules(server.db, { now: DAY_30 })).webhookTries).toBe(1);
    expect(receiver.bodies).toEqual([]);
    expect((await reminderOf(orgId))?.webhook).toEqual({
      status: 'failed',
      attempts: [{ at: DAY_30, result: 'blocked_host' }],
    });
  });

  it('does not post to its own machine or network unless told to, and gives the delivery up', async () => {
    const { webhookHostIsPublic, isPublicAddress } = await import('../../server/time-rules/webhook-host');
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '192.168.0.10',
      '172.20.0.1',
      '169.254.169.254',
      '::1',
      'fd00::1',
      '::ffff:127.0.0.1',
    ])
      expect(isPublicAddress(address), address).toBe(false);
    for (const address of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'])
      expect(isPublicAddress(address)).toBe(true);
    expect(await webhookHostIsPublic('http://127.0.0.1:9/hook')).toBe(false);
    expect(await webhookHostIsPublic('https://relay.example/hook', async () => ['10.0.0.5'])).toBe(false);
    expect(await webhookHostIsPublic('https://relay.example/hook', async () => ['93.184.216.34', '10.0.0.5'])).toBe(
      false,
    );
    expect(await webhookHostIsPublic('https://relay.example/hook', async () => ['93.184.216.34'])).toBe(true);
    expect(
      await webhookHostIsPublic('https://nowhere.invalid/hook', async () => {
        throw new Error('ENOTFOUND');
      }),
    ).toBe(false);
  });
});
