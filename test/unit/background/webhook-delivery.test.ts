import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { WEBHOOK_RETRY_ALARM } from '../../../lib/background/ports';
import { createClient, markInactive, reactivate, updateSettings } from '../../../lib/ops';
import { listReminderDeliveries, setReminderWebhook } from '../../../lib/ops/reminders';
import { clientInput, resetDb } from '../ops/helpers';
import { createWorld, HOUR } from './world';

const at = (iso: string) => Date.parse(iso);
const MINUTE = 60_000;
const INACTIVE_AT = at('2026-01-10T09:00:00Z');
const DUE = at('2026-03-11T06:00:00Z');

let orgId = '';
beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 100, timeZone: 'UTC' }, { now: INACTIVE_AT });
  await setReminderWebhook('https://hooks.example.com/agency', { now: INACTIVE_AT });
  const client = await createClient(clientInput({ quota: 5 }), { now: INACTIVE_AT });
  orgId = (await markInactive(client.orgId, { now: INACTIVE_AT })).orgId;
});

async function webhook() {
  return (await listReminderDeliveries())[0]?.webhook;
}

describe('reminder webhook delivery', () => {
  it('retries with exponential back-off on an alarm and records every try', async () => {
    const world = createWorld(DUE);
    world.replies.push('http_503', 'network', 'http_200');
    await world.run();
    expect(await webhook()).toEqual({
      status: 'pending',
      attempts: [{ at: DUE, result: 'http_503' }],
      nextAttemptAt: DUE + MINUTE,
    });
    expect((await browser.alarms.get(WEBHOOK_RETRY_ALARM))?.scheduledTime).toBe(DUE + MINUTE);

    await world.run(DUE + 50_000);
    expect(world.posts).toHaveLength(1);
    await world.run(DUE + MINUTE);
    expect(await webhook()).toMatchObject({ status: 'pending', nextAttemptAt: DUE + 3 * MINUTE });
    await world.run(DUE + 3 * MINUTE);
    expect(await webhook()).toEqual({
      status: 'delivered',
      attempts: [
        { at: DUE, result: 'http_503' },
        { at: DUE + MINUTE, result: 'network' },
        { at: DUE + 3 * MINUTE, result: 'http_200' },
      ],
    });
    expect(await browser.alarms.get(WEBHOOK_RETRY_ALARM)).toBeUndefined();
    // Every try carried the same id, so a receiver can drop repeats.
    expect(new Set(world.posts.map((post) => post.body.id))).toEqual(new Set([`reminder:${orgId}:2026-04-10:30`]));
    // The notification went out once, at the first run.
    expect(world.shown).toHaveLength(1);
  });

  it('gives up after six tries', async () => {
    const world = createWorld(DUE);
    world.replies.push(...Array(10).fill('http_500'));
    for (let time = DUE; time <= DUE + 2 * HOUR; time += MINUTE) await world.run(time);
    expect(world.posts).toHaveLength(6);
    expect(await webhook()).toMatchObject({ status: 'failed' });
    expect(await browser.alarms.get(WEBHOOK_RETRY_ALARM)).toBeUndefined();
  });

  it('does not retry what a retry cannot fix', async () => {
    const world = createWorld(DUE);
    world.replies.push('http_404');
    await world.run();
    await world.run(DUE + HOUR);
    expect(world.posts).toHaveLength(1);
    expect(await webhook()).toEqual({ status: 'failed', attempts: [{ at: DUE, result: 'http_404' }] });
  });

  it('keeps trying while the host permission is missing, in case the agency grants it', async () => {
    const world = createWorld(DUE);
    world.replies.push('no_permission', 'http_200');
    await world.run();
    await world.run(DUE + MINUTE);
    expect(await webhook()).toMatchObject({
      status: 'delivered',
      attempts: [{ result: 'no_permission' }, { result: 'http_200' }],
    });
  });

  it('drops the retries of a reminder whose client came back', async () => {
    const world = createWorld(DUE);
    world.replies.push('http_502');
    await world.run();
    await reactivate(orgId, 5, { now: DUE + 10_000 });
    await world.run(DUE + MINUTE);
    expect(world.posts).toHaveLength(1);
    expect(await webhook()).toEqual({ status: 'cancelled', attempts: [{ at: DUE, result: 'http_502' }] });
  });

  it('records a try without a webhook when the agency removed it meanwhile', async () => {
    const world = createWorld(DUE);
    world.replies.push('timeout');
    await world.run();
    await setReminderWebhook(undefined, { now: DUE + 1 });
    await world.run(DUE + MINUTE);
    expect(world.posts).toHaveLength(1);
    expect(await webhook()).toMatchObject({
      status: 'failed',
      attempts: [{ result: 'timeout' }, { result: 'no_webhook' }],
    });
  });
});
