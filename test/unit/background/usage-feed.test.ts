import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { USAGE_FEED_ALARM } from '../../../lib/background/ports';
import { readUsageFeed, syncUsageFeedAlarm } from '../../../lib/background/read-usage-feed';
import { registerUsageFeed } from '../../../lib/background/register-usage-feed';
import {
  createClient,
  getClient,
  getUsageSourceView,
  listActivity,
  saveUsageSource,
  setVisitorsUsed,
  updateSettings,
} from '../../../lib/ops';
import { setReminderWebhook } from '../../../lib/ops/reminders';
import { clientInput, clientWithExperiments, experimentStates, resetDb } from '../ops/helpers';
import { createWorld, HOUR } from './world';

const DAY = 24 * HOUR;

const at = (iso: string) => Date.parse(iso);
const NOW = at('2026-11-20T09:00:00Z');
const SOURCE = 'https://usage.example/feed.json';

function feed(usage: { org_id: string; visitors_used: number; period_start?: string }[]) {
  return {
    ok: true as const,
    text: JSON.stringify({ generated_at: '2026-11-20T08:59:00Z', usage }),
    contentType: 'application/json',
  };
}

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 100_000, timeZone: 'UTC', agencyName: 'Northwind Digital' }, { now: NOW - HOUR });
  await saveUsageSource(
    { url: SOURCE, intervalMinutes: 60, acceptCorrections: false, token: 'tok-123' },
    { now: NOW - HOUR },
  );
});

describe('reading the usage source', () => {
  it('applies the answer through the usage operation: a client over its quota is paused with its experiments', async () => {
    const client = await clientWithExperiments(8000, NOW - 2 * HOUR);
    const world = createWorld(NOW);
    world.feedAnswers.push(feed([{ org_id: client.orgId.toLowerCase(), visitors_used: 8100 }]));

    const status = await readUsageFeed(world.ports);

    expect(world.feedReads).toEqual([{ url: SOURCE, token: 'tok-123' }]);
    expect(status).toMatchObject({ updated: 1, problemCount: 0, failuresInRow: 0 });
    expect(await getClient(client.orgId)).toMatchObject({ usedVisitors: 8100, status: 'paused' });
    expect(await experimentStates(client.orgId)).toMatchObject({
      running: ['paused', 'quota'],
      'person-paused': ['paused', 'person'],
    });
    const actions = (await listActivity({ orgId: client.orgId })).map((entry) => [entry.action, entry.actor]);
    expect(actions).toContainEqual(['usage_set', { type: 'rule', rule: 'usage_feed' }]);
    expect(actions).toContainEqual(['client_paused', { type: 'rule', rule: 'quota' }]);
  });

  it('writes nothing from an answer that fails, and says so once after three failures in a row', async () => {
    const client = await createClient(clientInput({ name: 'Acme Outdoor', quota: 8000 }), { now: NOW - 2 * HOUR });
    const world = createWorld(NOW);
    world.feedAnswers.push(
      { ok: true, text: '<!doctype html><p>Sign in</p>', contentType: 'text/html' },
      { ok: false, failure: { key: 'usageFeed_timeout', params: {} } },
      { ok: true, text: '{"usage": [', contentType: 'application/json' },
      { ok: false, failure: { key: 'usageFeed_timeout', params: {} } },
    );
    for (let read = 1; read <= 4; read += 1) {
      world.now = NOW + read * HOUR;
      const status = await readUsageFeed(world.ports);
      expect(status?.failuresInRow).toBe(read);
      expect(status?.failure?.key).toMatch(/^usageFeed_/);
    }
    expect((await getClient(client.orgId))?.usedVisitors).toBe(0);
    expect(world.shown.map((shown) => shown.id)).toEqual(['usage-feed:failing']);
    expect(world.shown[0]?.content.title).toBe('The usage source is failing');

    // One good read sets the count back: three more failures tell again.
    world.feedAnswers.push(feed([{ org_id: client.orgId, visitors_used: 10 }]));
    expect(await readUsageFeed(world.ports)).toMatchObject({ failuresInRow: 0, updated: 1 });
  });

  it('lists unknown Org IDs as problems of their rows and applies the rest', async () => {
    const client = await createClient(clientInput({ quota: 500 }), { now: NOW - 2 * HOUR });
    const world = createWorld(NOW);
    world.feedAnswers.push(
      feed([
        { org_id: 'ORG-00000000', visitors_used: 5 },
        { org_id: client.orgId, visitors_used: 50 },
      ]),
    );
    const status = await readUsageFeed(world.ports);
    expect(status).toMatchObject({ updated: 1, problemCount: 1 });
    expect(status?.problems[0]).toMatchObject({ orgId: 'ORG-00000000', line: 1, key: 'usageFeed_rowUnknown' });
    expect((await getUsageSourceView()).status?.updated).toBe(1);
  });
});

describe('usage warnings', () => {
  it('tell once per level and period, by notification and webhook, even when the worker stops before showing', async () => {
    await setReminderWebhook('https://hooks.example/agency', { now: NOW - HOUR });
    const client = await createClient(clientInput({ name: 'Acme Outdoor', quota: 8000 }), { now: NOW - 2 * HOUR });
    // Decided in the usage change's transaction; the worker "stopped" before any run showed it.
    await setVisitorsUsed(client.orgId, 6400, { now: NOW });
    const world = createWorld(NOW + 1000);
    const first = await world.run();
    expect(first.usageWarningsShown).toBe(1);
    const id = `usage:${client.orgId}:2026-11-01:level-80`;
    expect(world.shown.map((shown) => shown.id)).toEqual([id]);
    expect(world.shown[0]?.content.message).toBe('Acme Outdoor has used 80% of its 8,000 visitors.');
    expect(world.posts).toHaveLength(1);
    expect(world.posts[0]?.body).toMatchObject({ event: 'quota_threshold', id, level: 80, quota: 8000 });

    // Another run, a restarted worker, the same level again after a dip: nothing more.
    await world.run(NOW + 2000);
    await createWorld(NOW + 3000).run();
    await setVisitorsUsed(client.orgId, 6000, { now: NOW + 4000, reason: 'Bot traffic removed' });
    await setVisitorsUsed(client.orgId, 6500, { now: NOW + 5000 });
    await world.run(NOW + 6000);
    expect(world.shown).toHaveLength(1);
    expect(world.posts).toHaveLength(1);
    expect(await world.badge()).toBe('');

    // The highest level is counted on the badge.
    await setVisitorsUsed(client.orgId, 7200, { now: NOW + 7000 });
    const third = await world.run(NOW + 8000);
    expect(third.usageWarningsShown).toBe(1);
    expect(world.shown.at(-1)?.id).toBe(`usage:${client.orgId}:2026-11-01:level-90`);
    expect(await world.badge()).toBe('1');
  });
});

describe('run-out warnings', () => {
  it('go out once the forecast day comes within the week, even with no usage written since', async () => {
    const client = await createClient(clientInput({ name: 'Acme Outdoor', quota: 1300 }), { now: NOW - 2 * HOUR });
    // 100 a day on Nov 18–20: 1,000 to go at that rate, run-out on Nov 30.
    for (const day of [2, 1, 0]) await setVisitorsUsed(client.orgId, 100 * (3 - day), { now: NOW - day * DAY });
    const world = createWorld(NOW);
    expect((await world.run()).usageWarningsShown).toBe(0);
    expect((await world.run(NOW + 3 * DAY)).usageWarningsShown).toBe(1);
    expect(world.shown.map((shown) => shown.content.message)).toEqual([
      'At this rate, Acme Outdoor reaches its quota of 1,300 visitors on Nov 30, 2026.',
    ]);
    await world.run(NOW + 4 * DAY);
    expect(world.shown).toHaveLength(1);
  });
});

describe('the usage source alarm', () => {
  it('exists only while a source is set, at its interval, and a read is due when none was made yet', async () => {
    const world = createWorld(NOW);
    expect(await syncUsageFeedAlarm(world.ports)).toEqual({ configured: true, due: true });
    expect(await browser.alarms.get(USAGE_FEED_ALARM)).toMatchObject({ periodInMinutes: 60 });
    await readUsageFeed(world.ports);
    expect((await syncUsageFeedAlarm(world.ports)).due).toBe(false);
    world.now = NOW + HOUR;
    expect((await syncUsageFeedAlarm(world.ports)).due).toBe(true);

    await updateSettings({ usageSource: undefined }, { now: NOW });
    expect(await syncUsageFeedAlarm(world.ports)).toEqual({ configured: false, due: false });
    expect(await browser.alarms.get(USAGE_FEED_ALARM)).toBeUndefined();
  });

  it('is brought in step by every run of the rules, for a source that came with a restored backup', async () => {
    await browser.alarms.clearAll();
    expect((await createWorld(NOW).run()).failedSteps).toEqual([]);
    expect(await browser.alarms.get(USAGE_FEED_ALARM)).toMatchObject({ periodInMinutes: 60 });
  });

  it('answers "read now" by reading and then running the rules', async () => {
    const world = createWorld(NOW);
    let rulesRuns = 0;
    const handlers = registerUsageFeed(world.ports, async () => {
      rulesRuns += 1;
    });
    expect(await handlers['usageFeed/read']()).toEqual({ read: true });
    expect(world.feedReads.length).toBeGreaterThanOrEqual(1);
    expect(rulesRuns).toBeGreaterThanOrEqual(1);
  });
});
