import { beforeEach, describe, expect, it } from 'vitest';
import {
  createClient,
  createExperiment,
  getClient,
  listActivity,
  listExperiments,
  markInactive,
  recordUsage,
  startExperiment,
  updateSettings,
} from '../../../lib/ops';
import { listReminderDeliveries } from '../../../lib/ops/reminders';
import { clientInput, resetDb } from '../ops/helpers';
import { createWorld, HOUR, type World } from './world';

const at = (iso: string) => Date.parse(iso);
const DAY = 24 * HOUR;

/** Runs the rules every `every` ms from `from` to `to` (inclusive), like the periodic alarm does. */
async function runEvery(world: World, from: number, to: number, every: number) {
  for (let time = from; time <= to; time += every) await world.run(time);
}

/** When (ISO) each reminder step of a client was shown, and when it was purged. */
async function timeline(world: World, orgId: string) {
  const purged = (await listActivity({ orgId })).find((entry) => entry.action === 'client_purged');
  return {
    reminders: world.shown
      .filter((s) => s.id.includes(orgId))
      .map((s) => [Number(s.id.split(':').at(-1)), new Date(s.at).toISOString()]),
    purgedAt: purged ? new Date(purged.at).toISOString() : undefined,
  };
}

async function inactiveAt(instant: number, quota = 10) {
  const client = await createClient(clientInput({ quota }), { now: instant - HOUR });
  return markInactive(client.orgId, { now: instant });
}

beforeEach(async () => {
  await resetDb();
});

describe('a browser that runs the rules all along', () => {
  it('sends each step on its day and purges 24 hours after the last, in a leap year', async () => {
    await updateSettings({ poolSize: 100, timeZone: 'UTC' }, { now: at('2023-11-01T00:00:00Z') });
    const client = await inactiveAt(at('2023-11-30T10:00:00Z'));
    expect(client.purgeOn).toBe('2024-02-29');
    const world = createWorld(0);
    await runEvery(world, at('2023-12-01T00:00:00Z'), at('2024-03-02T00:00:00Z'), 6 * HOUR);
    expect(await timeline(world, client.orgId)).toEqual({
      reminders: [
        [30, '2024-01-30T00:00:00.000Z'],
        [7, '2024-02-22T00:00:00.000Z'],
        [1, '2024-02-28T00:00:00.000Z'],
      ],
      purgedAt: '2024-02-29T00:00:00.000Z',
    });
  });

  it('counts from the last day of the month in a common year', async () => {
    await updateSettings({ poolSize: 100, timeZone: 'UTC' }, { now: at('2026-11-01T00:00:00Z') });
    const client = await inactiveAt(at('2026-11-30T10:00:00Z'));
    expect(client.purgeOn).toBe('2027-02-28');
    const world = createWorld(0);
    await runEvery(world, at('2027-01-28T00:00:00Z'), at('2027-03-02T00:00:00Z'), 12 * HOUR);
    expect(await timeline(world, client.orgId)).toEqual({
      reminders: [
        [30, '2027-01-29T00:00:00.000Z'],
        [7, '2027-02-21T00:00:00.000Z'],
        [1, '2027-02-27T00:00:00.000Z'],
      ],
      purgedAt: '2027-02-28T00:00:00.000Z',
    });
  });

  it('goes by the calendar of the agency’s time zone', async () => {
    await updateSettings({ poolSize: 100, timeZone: 'Asia/Tokyo' }, { now: at('2026-01-01T00:00:00Z') });
    // 10 January, 01:00 in Tokyo (still 9 January in UTC).
    const client = await inactiveAt(at('2026-01-09T16:00:00Z'));
    expect(client.purgeOn).toBe('2026-04-10');
    const world = createWorld(0);
    await runEvery(world, at('2026-04-01T00:00:00Z'), at('2026-04-11T00:00:00Z'), HOUR);
    expect(await timeline(world, client.orgId)).toEqual({
      reminders: [
        [30, '2026-04-01T00:00:00.000Z'], // fell due on 11 March; the first run sends it
        [7, '2026-04-02T15:00:00.000Z'], // midnight of 3 April in Tokyo
        [1, '2026-04-08T15:00:00.000Z'],
      ],
      purgedAt: '2026-04-09T15:00:00.000Z',
    });
    expect(world.shown.map((s) => s.id)).not.toContain(`reminder:${client.orgId}:2026-04-10:0`);
  });

  it('waits a full 24 hours across the switch to daylight saving time', async () => {
    await updateSettings({ poolSize: 100, timeZone: 'America/New_York' }, { now: at('2025-12-01T00:00:00Z') });
    const client = await inactiveAt(at('2025-12-09T17:00:00Z'));
    expect(client.purgeOn).toBe('2026-03-09');
    const world = createWorld(0);
    await runEvery(world, at('2026-03-01T00:00:00Z'), at('2026-03-10T00:00:00Z'), HOUR);
    expect(await timeline(world, client.orgId)).toEqual({
      reminders: [
        [30, '2026-03-01T00:00:00.000Z'], // fell due on 7 February; the first run sends it
        [7, '2026-03-02T05:00:00.000Z'], // midnight EST
        [1, '2026-03-08T05:00:00.000Z'], // midnight EST, the night clocks spring forward
      ],
      // Midnight EDT on 9 March is only 23 hours later; the purge waits one more hour.
      purgedAt: '2026-03-09T05:00:00.000Z',
    });
  });
});

describe('a browser asleep for four months', () => {
  it('catches up in order: new billing period, a final reminder, then the purge a day later', async () => {
    await updateSettings({ poolSize: 100, timeZone: 'UTC' }, { now: at('2026-01-01T00:00:00Z') });
    const leaving = await inactiveAt(at('2026-01-10T09:00:00Z')); // purge date 10 April
    const full = await createClient(clientInput({ name: 'Full Ltd', quota: 5 }), { now: at('2026-01-11T00:00:00Z') });
    const experiment = await createExperiment(full.orgId, { name: 'Banner' }, { now: at('2026-01-11T00:00:00Z') });
    await startExperiment(full.orgId, experiment.id as number, { now: at('2026-01-11T00:00:00Z') });
    await recordUsage(full.orgId, 5, { now: at('2026-01-12T00:00:00Z') });

    const world = createWorld(0);
    await runEvery(world, at('2026-01-12T00:00:00Z'), at('2026-01-20T00:00:00Z'), DAY);
    expect(world.shown).toEqual([]);
    expect((await getClient(full.orgId))?.status).toBe('paused');

    // The browser stays closed until 15 May, then runs every hour.
    const wake = at('2026-05-15T08:00:00Z');
    const first = await world.run(wake);
    expect(first).toMatchObject({
      usagePeriodsStarted: 2,
      remindersDecided: 1,
      notificationsShown: 1,
      clientsPurged: 0,
    });
    expect(await getClient(full.orgId)).toMatchObject({ status: 'active', usedVisitors: 0, usagePeriod: '2026-05-01' });
    expect((await listExperiments(full.orgId)).map((e) => e.status)).toEqual(['running']);
    expect(world.shown.map((s) => s.id)).toEqual([`reminder:${leaving.orgId}:2026-04-10:0`]);
    expect(world.shown[0]?.content.title).toBe(`Last reminder: ${leaving.name} will be deleted.`);
    expect(world.shown[0]?.content.message).toContain('ended on Apr 10, 2026');
    expect(await listReminderDeliveries({ orgId: leaving.orgId })).toMatchObject([
      { daysBefore: 0, status: 'sent', skippedSteps: [30, 7, 1] },
    ]);

    await runEvery(world, wake + HOUR, wake + 23 * HOUR, HOUR);
    expect(await getClient(leaving.orgId)).toBeDefined();
    await world.run(wake + 24 * HOUR);
    expect(await getClient(leaving.orgId)).toBeUndefined();
    expect(world.shown).toHaveLength(1);

    const rules = (await listActivity({ limit: 50 }))
      .filter((entry) => entry.actor.type === 'rule' && entry.at >= wake)
      .reverse()
      .map((entry) => `${entry.action} ${entry.orgId === leaving.orgId ? 'leaving' : 'full'}`);
    // The billing period first, then the reminder, then the purge. The leaving client had
    // used nothing, so its new period has nothing to reset and no entry.
    expect(rules.slice(0, 2).sort()).toEqual(['client_unpaused full', 'usage_reset full']);
    expect(rules.slice(2)).toEqual(['reminder_sent leaving', 'client_purged leaving']);
  });
});

describe('a clock that goes backwards', () => {
  it('neither sends a reminder again nor brings a purged client back', async () => {
    await updateSettings({ poolSize: 100, timeZone: 'UTC' }, { now: at('2026-01-01T00:00:00Z') });
    const early = await inactiveAt(at('2026-01-01T09:00:00Z')); // purge date 1 April
    const later = await inactiveAt(at('2026-01-10T09:00:00Z')); // purge date 10 April
    const world = createWorld(0);
    await runEvery(world, at('2026-03-01T00:00:00Z'), at('2026-04-04T00:00:00Z'), 12 * HOUR);
    expect(await getClient(early.orgId)).toBeUndefined();
    const shownBefore = world.shown.length;
    const deliveriesBefore = await listReminderDeliveries();

    // The clock jumps back three weeks and runs on from there.
    await runEvery(world, at('2026-03-14T00:00:00Z'), at('2026-03-20T00:00:00Z'), 12 * HOUR);
    expect(world.shown).toHaveLength(shownBefore);
    expect(await listReminderDeliveries()).toEqual(deliveriesBefore);
    expect(await getClient(early.orgId)).toBeUndefined();
    expect(await getClient(later.orgId)).toMatchObject({ status: 'inactive' });

    // Back to the right time: the last step goes out once, then the purge.
    await runEvery(world, at('2026-04-09T00:00:00Z'), at('2026-04-11T00:00:00Z'), 12 * HOUR);
    expect(world.shown.filter((s) => s.id.includes(later.orgId)).map((s) => s.id.split(':').at(-1))).toEqual([
      '30',
      '7',
      '1',
    ]);
    expect(await getClient(later.orgId)).toBeUndefined();
  });
});
