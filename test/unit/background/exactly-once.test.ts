import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import { serialRunner } from '../../../lib/background/serial-runner';
import { runLifecycleRules } from '../../../lib/background/run-lifecycle-rules';
import {
  createClient,
  createExperiment,
  getClient,
  getPoolSummary,
  listActivity,
  markInactive,
  updateSettings,
} from '../../../lib/ops';
import { applyGracePeriodRules } from '../../../lib/ops/grace-period';
import { listReminderDeliveries } from '../../../lib/ops/reminders';
import { clientInput, resetDb, snapshot } from '../ops/helpers';
import { createWorld, HOUR } from './world';

const at = (iso: string) => Date.parse(iso);
const INACTIVE_AT = at('2026-01-10T09:00:00Z'); // purge date 10 April
const REMINDER_DAY = at('2026-03-11T06:00:00Z'); // the 30-day step is due

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 1000, timeZone: 'UTC' }, { now: INACTIVE_AT });
});

async function inactiveClients(count: number, inactiveAt = INACTIVE_AT) {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const client = await createClient(clientInput({ quota: 5 }), { now: inactiveAt - HOUR });
    await createExperiment(client.orgId, { name: 'Hero' }, { now: inactiveAt - HOUR });
    await markInactive(client.orgId, { now: inactiveAt });
    ids.push(client.orgId);
  }
  return ids;
}

async function remindersSentLogged() {
  return (await listActivity({ limit: 1000 })).filter((entry) => entry.action === 'reminder_sent').length;
}

describe('each reminder goes out exactly once', () => {
  it('when runs are asked for many times at once', async () => {
    const [orgId] = await inactiveClients(1);
    const world = createWorld(REMINDER_DAY);
    const run = serialRunner(() => runLifecycleRules(world.ports));
    await Promise.all([run(), run(), run(), run()]);
    await world.run(REMINDER_DAY + HOUR);
    expect(world.shown.map((s) => s.id)).toEqual([`reminder:${orgId}:2026-04-10:30`]);
    expect(await remindersSentLogged()).toBe(1);
  });

  it('when the worker stopped after deciding and before showing: the next start shows it', async () => {
    const [orgId] = await inactiveClients(1);
    await applyGracePeriodRules([orgId as string], REMINDER_DAY);
    expect(await listReminderDeliveries()).toMatchObject([{ status: 'pending' }]);

    // A new worker (or a restarted browser): fresh ports, the same database.
    const world = createWorld(REMINDER_DAY + 5 * 60_000);
    await world.run();
    await world.run(REMINDER_DAY + HOUR);
    await createWorld(REMINDER_DAY + 2 * HOUR).run();
    expect(world.shown.map((s) => s.id)).toEqual([`reminder:${orgId}:2026-04-10:30`]);
    expect(await listReminderDeliveries()).toMatchObject([{ status: 'sent', sentAt: REMINDER_DAY + 5 * 60_000 }]);
    expect(await remindersSentLogged()).toBe(1);
  });

  it('when the worker stopped after showing and before recording it: showing again replaces it', async () => {
    const [orgId] = await inactiveClients(1);
    await applyGracePeriodRules([orgId as string], REMINDER_DAY);
    const id = `reminder:${orgId}:2026-04-10:30`;
    const stopped = createWorld(REMINDER_DAY);
    await stopped.ports.showNotification(id, { title: 'x', message: 'y', buttons: [] });

    const world = createWorld(REMINDER_DAY + 60_000);
    await world.run();
    await world.run(REMINDER_DAY + HOUR);
    expect(await world.notificationIds()).toEqual([id]);
    expect(await remindersSentLogged()).toBe(1);
  });

  it('when a batch fails half-way: nothing of it is written, and the next run does it whole', async () => {
    const ids = await inactiveClients(3, at('2025-12-01T09:00:00Z')); // purge date 1 March
    await updateSettings({ reminderDays: [] }, { now: INACTIVE_AT });
    const before = await snapshot();
    // The worker dies while the purge transaction is deleting the second client's experiments.
    let deletions = 0;
    const stop = (): void => {
      deletions += 1;
      if (deletions === 2) throw new Error('worker stopped');
    };
    db.experiments.hook('deleting', stop);
    const interrupted = await createWorld(at('2026-03-01T06:00:00Z')).run();
    db.experiments.hook('deleting').unsubscribe(stop);

    expect(interrupted.failedSteps).toEqual(['grace-period']);
    const after = await snapshot();
    // Nothing of the batch was written; only the billing period, a step of its own, moved on.
    for (const table of ['experiments', 'members', 'reports', 'orgIds', 'reminders'])
      expect(after[table], table).toEqual(before[table]);
    expect((after.clients ?? []).map((c) => (c as { orgId: string }).orgId).sort()).toEqual([...ids].sort());

    const resumed = await createWorld(at('2026-03-01T07:00:00Z')).run();
    expect(resumed.clientsPurged).toBe(3);
    for (const orgId of ids) expect(await getClient(orgId)).toBeUndefined();
    expect(await db.experiments.count()).toBe(0);
    expect(await getPoolSummary()).toMatchObject({ allocated: 0 });
    const purges = (await listActivity({ limit: 100 })).filter((entry) => entry.action === 'client_purged');
    expect(purges.map((entry) => entry.orgId).sort()).toEqual([...ids].sort());
  });
});
