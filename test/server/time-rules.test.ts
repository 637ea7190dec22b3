import { beforeEach, describe, expect, it } from 'vitest';
import type { Reminder } from '../../lib/model/reminder';
import { runTimeRules } from '../../server/time-rules';
import { NOW, pull, setUpAgency, type TestAgency } from './team';
import { testServer } from './test-server';
import {
  addExperiment,
  at,
  clientOf,
  historyOf,
  makeInactive,
  pulled,
  pushClient,
  useVisitors,
} from './time-rules-world';

// A database for each test: a pass runs the rules of every agency in it, and its counts say so.
const server = testServer({ perTest: true });
let team: TestAgency;

beforeEach(async () => {
  team = await setUpAgency(server.db, 100);
});

const run = (now: number) => runTimeRules(server.db, { now });

async function remindersOf(orgId: string): Promise<Reminder[]> {
  return (await pulled(server.app, team.viewer, 'reminder'))
    .filter((row) => row.orgId === orgId)
    .map((row) => row.data as Reminder)
    .sort((a, b) => b.daysBefore - a.daysBefore);
}

describe('time rules: billing periods', () => {
  it('starts the new period: usage back to zero, in the history as the billing rule', async () => {
    const orgId = await pushClient(server.app, team, 'Acme Outdoor', 40);
    await useVisitors(server.db, team.agencyId, NOW, orgId, 30);

    expect((await run(at('2026-12-31T23:59:00Z'))).usagePeriodsStarted).toBe(0);
    const summary = await run(at('2027-01-01T00:01:00Z'));

    expect(summary).toMatchObject({ ran: true, usagePeriodsStarted: 1 });
    expect((await clientOf(server.app, team.viewer, orgId))?.data).toMatchObject({
      usedVisitors: 0,
      usagePeriod: '2027-01-01',
      status: 'active',
      quota: 40,
    });
    expect(await historyOf(server.app, team.viewer, orgId)).toContainEqual(
      expect.objectContaining({
        action: 'usage_reset',
        actor: { type: 'rule', rule: 'billing' },
        details: { period: '2027-01-01', usedVisitors: 30, licensesReturned: 0 },
      }),
    );
  });

  it('lifts a quota pause with exactly the experiments the quota rule paused', async () => {
    const orgId = await pushClient(server.app, team, 'Paused Co', 10);
    await addExperiment(server.db, team.agencyId, orgId, 'by-quota', 'paused', 'quota');
    await addExperiment(server.db, team.agencyId, orgId, 'by-person', 'paused');
    await useVisitors(server.db, team.agencyId, NOW, orgId, 10);
    expect((await run(NOW)).clientsPaused).toBe(1);

    await run(at('2027-01-01T00:01:00Z'));

    expect((await clientOf(server.app, team.viewer, orgId))?.data).toMatchObject({ status: 'active', usedVisitors: 0 });
    const experiments = (await pulled(server.app, team.viewer, 'experiment')).filter((row) => row.orgId === orgId);
    expect(Object.fromEntries(experiments.map((row) => [row.key, (row.data as { status: string }).status]))).toEqual({
      'by-quota': 'running',
      'by-person': 'paused',
    });
    expect(await historyOf(server.app, team.viewer, orgId)).toContainEqual(
      expect.objectContaining({
        action: 'client_unpaused',
        actor: { type: 'rule', rule: 'billing' },
        details: { usedVisitors: 0, quota: 10, experimentsResumed: 1 },
      }),
    );
  });

  it('gives an inactive client’s licences back to the pool, as a ledger entry', async () => {
    const orgId = await pushClient(server.app, team, 'Leaving Ltd', 20);
    await useVisitors(server.db, team.agencyId, NOW, orgId, 5);
    await makeInactive(server.db, team.agencyId, NOW, orgId);

    await run(at('2027-01-01T00:01:00Z'));

    expect((await clientOf(server.app, team.viewer, orgId))?.data).toMatchObject({ status: 'inactive', quota: 0 });
    expect(await historyOf(server.app, team.viewer, orgId)).toContainEqual(
      expect.objectContaining({
        action: 'usage_reset',
        quotaDelta: -5,
        details: expect.objectContaining({ licensesReturned: 5 }),
      }),
    );
    const { rows } = await server.db.query<{ allocated: number }>('SELECT allocated FROM agencies WHERE id = $1', [
      team.agencyId,
    ]);
    expect(rows[0]?.allocated).toBe(0);
  });

  it('leaves the version alone when nothing is due', async () => {
    await pushClient(server.app, team, 'Quiet Co', 5);
    const before = (await pull(server.app, team.viewer)).version;
    expect(await run(at('2026-12-02T10:00:00Z'))).toMatchObject({
      ran: true,
      usagePeriodsStarted: 0,
      clientsPaused: 0,
    });
    expect((await pull(server.app, team.viewer)).version).toBe(before);
  });
});

describe('time rules: auto-pause', () => {
  it('pauses an active client at its quota with its running experiments, as the quota rule', async () => {
    const orgId = await pushClient(server.app, team, 'Full House', 25);
    await addExperiment(server.db, team.agencyId, orgId, 'hero', 'running');
    await useVisitors(server.db, team.agencyId, NOW, orgId, 25);

    expect((await run(NOW)).clientsPaused).toBe(1);

    expect((await clientOf(server.app, team.viewer, orgId))?.data).toMatchObject({ status: 'paused' });
    const [experiment] = (await pulled(server.app, team.viewer, 'experiment')).filter((row) => row.orgId === orgId);
    expect(experiment?.data).toMatchObject({ status: 'paused', pausedBy: 'quota' });
    expect(await historyOf(server.app, team.viewer, orgId)).toContainEqual(
      expect.objectContaining({
        action: 'client_paused',
        actor: { type: 'rule', rule: 'quota' },
        details: { usedVisitors: 25, quota: 25, experimentsPaused: 1 },
      }),
    );
    expect((await run(NOW)).clientsPaused).toBe(0);
  });
});

describe('time rules: reminders before a purge', () => {
  it('decides each step on its day, once, and a browser pulls it to show', async () => {
    const orgId = await pushClient(server.app, team, 'Sleepy Inc', 10);
    await makeInactive(server.db, team.agencyId, NOW, orgId); // purge date 2027-03-02
    expect((await clientOf(server.app, team.viewer, orgId))?.data).toMatchObject({ purgeOn: '2027-03-02' });

    expect((await run(at('2027-01-30T23:59:00Z'))).remindersDecided).toBe(0);
    const day30 = at('2027-01-31T00:01:00Z');
    expect((await run(day30)).remindersDecided).toBe(1);
    expect((await run(at('2027-01-31T12:00:00Z'))).remindersDecided).toBe(0);

    const rows = (await pulled(server.app, team.viewer, 'reminder')).filter((row) => row.orgId === orgId);
    expect(rows).toEqual([
      expect.objectContaining({
        key: '2027-03-02/30',
        deleted: false,
        data: { orgId, purgeOn: '2027-03-02', daysBefore: 30, status: 'sent', decidedAt: day30, sentAt: day30 },
      }),
    ]);
    expect(await historyOf(server.app, team.viewer, orgId)).toContainEqual(
      expect.objectContaining({
        action: 'reminder_sent',
        actor: { type: 'rule', rule: 'reminder' },
        details: { purgeOn: '2027-03-02', daysBefore: 30, skippedSteps: '' },
      }),
    );

    await run(at('2027-02-23T00:01:00Z'));
    await run(at('2027-03-01T00:01:00Z'));
    expect((await remindersOf(orgId)).map((r) => [r.daysBefore, r.status])).toEqual([
      [30, 'sent'],
      [7, 'sent'],
      [1, 'sent'],
    ]);
  });

  it('collapses steps that fell due together into the latest, the others skipped', async () => {
    const orgId = await pushClient(server.app, team, 'Offline Co', 10);
    await makeInactive(server.db, team.agencyId, NOW, orgId);

    await run(at('2027-02-24T08:00:00Z'));

    const reminders = await remindersOf(orgId);
    expect(reminders.map((r) => [r.daysBefore, r.status])).toEqual([
      [30, 'skipped'],
      [7, 'sent'],
    ]);
    expect(reminders[1]?.skippedSteps).toEqual([30]);
  });
});

describe('time rules: the purge', () => {
  it('purges on the purge date, 24 hours after the last reminder, leaving a tombstone', async () => {
    const orgId = await pushClient(server.app, team, 'Gone Soon', 10);
    await useVisitors(server.db, team.agencyId, NOW, orgId, 4);
    await addExperiment(server.db, team.agencyId, orgId, 'old', 'running');
    await makeInactive(server.db, team.agencyId, NOW, orgId);
    const lastStep = at('2027-03-01T09:00:00Z');
    for (const when of ['2027-01-31T09:00:00Z', '2027-02-23T09:00:00Z', '2027-03-01T09:00:00Z']) await run(at(when));

    // The purge date has come, but the last reminder went out less than 24 hours ago.
    expect((await run(at('2027-03-02T00:01:00Z'))).clientsPurged).toBe(0);
    expect((await run(lastStep + 24 * 3600_000 - 60_000)).clientsPurged).toBe(0);
    expect((await clientOf(server.app, team.viewer, orgId))?.deleted).toBe(false);

    const purgedAt = lastStep + 24 * 3600_000;
    expect((await run(purgedAt)).clientsPurged).toBe(1);

    const page = await pull(server.app, team.viewer);
    const tombstone = page.rows.find((row) => row.entity === 'client' && row.orgId === orgId);
    expect(tombstone).toMatchObject({ deleted: true });
    expect(tombstone).not.toHaveProperty('data');
    expect(page.rows.filter((row) => row.orgId === orgId && ['reminder', 'experiment'].includes(row.entity))).toEqual(
      [],
    );
    const history = await historyOf(server.app, team.viewer, orgId);
    // The licences it used went back to the pool when January began, so the purge returns none.
    expect(history.filter((entry) => entry.action === 'client_purged')).toEqual([
      expect.objectContaining({
        actor: { type: 'rule', rule: 'purge' },
        quotaDelta: 0,
        details: { purgeOn: '2027-03-02' },
      }),
    ]);
    const { rows } = await server.db.query<{ allocated: number }>('SELECT allocated FROM agencies WHERE id = $1', [
      team.agencyId,
    ]);
    expect(rows[0]?.allocated).toBe(0);
    expect((await run(purgedAt + 60_000)).clientsPurged).toBe(0);
  });

  it('sends a final reminder when the purge date came first, and purges a day later', async () => {
    const orgId = await pushClient(server.app, team, 'Forgotten Ltd', 10);
    await makeInactive(server.db, team.agencyId, NOW, orgId);

    const late = at('2027-03-05T10:00:00Z');
    expect(await run(late)).toMatchObject({ remindersDecided: 1, clientsPurged: 0 });
    const reminders = await remindersOf(orgId);
    expect(reminders.find((r) => r.status === 'sent')).toMatchObject({ daysBefore: 0, skippedSteps: [30, 7, 1] });

    expect((await run(late + 23 * 3600_000)).clientsPurged).toBe(0);
    expect((await run(late + 24 * 3600_000)).clientsPurged).toBe(1);
    expect((await clientOf(server.app, team.viewer, orgId))?.deleted).toBe(true);
  });
});
