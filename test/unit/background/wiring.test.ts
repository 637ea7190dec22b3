import { noTeamHandlers } from '../team/no-team-handlers';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { registerLifecycleRules } from '../../../lib/background/register-lifecycle-rules';
import { RULES_ALARM, RULES_PERIOD_MINUTES } from '../../../lib/background/ports';
import { registerRequests } from '../../../lib/background/register-requests';
import { serialRunner } from '../../../lib/background/serial-runner';
import { sendRequest } from '../../../lib/messages/send-request';
import { isAppError } from '../../../lib/model/errors';
import { createClient, markInactive, updateSettings } from '../../../lib/ops';
import { ensurePeriodicAlarm, scheduleAlarmAt } from '../../../lib/platform/alarms';
import { getBadgeText, setBadgeText } from '../../../lib/platform/badge';
import { clientInput, resetDb } from '../ops/helpers';
import { createWorld } from './world';

const at = (iso: string) => Date.parse(iso);
const NOW = at('2026-03-11T06:00:00Z');

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 100, timeZone: 'UTC' }, { now: NOW });
});

async function reminderDueClient() {
  const client = await createClient(clientInput({ quota: 5 }), { now: at('2026-01-10T08:00:00Z') });
  return markInactive(client.orgId, { now: at('2026-01-10T09:00:00Z') });
}

/** Lets the work that listeners started settle. */
async function settle(run: () => Promise<unknown>) {
  await run();
}

describe('the worker’s listeners', () => {
  it('create the periodic alarm and run the rules as soon as the worker starts', async () => {
    const client = await reminderDueClient();
    const world = createWorld(NOW);
    const run = registerLifecycleRules(world.ports);
    await settle(run);
    expect(await browser.alarms.get(RULES_ALARM)).toMatchObject({ periodInMinutes: RULES_PERIOD_MINUTES });
    expect(await world.notificationIds()).toEqual([`reminder:${client.orgId}:2026-04-10:30`]);
  });

  it('run the rules when the alarm goes off, at install and at browser start', async () => {
    const world = createWorld(NOW);
    const run = registerLifecycleRules(world.ports);
    await settle(run);
    const client = await reminderDueClient();
    await fakeBrowser.alarms.onAlarm.trigger({
      name: RULES_ALARM,
      scheduledTime: NOW,
      periodInMinutes: RULES_PERIOD_MINUTES,
    });
    await settle(run);
    expect(world.shown.map((s) => s.id)).toEqual([`reminder:${client.orgId}:2026-04-10:30`]);

    await browser.alarms.clearAll();
    await fakeBrowser.runtime.onStartup.trigger();
    await settle(run);
    expect(await browser.alarms.get(RULES_ALARM)).toBeDefined();
    await browser.alarms.clearAll();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await settle(run);
    expect(await browser.alarms.get(RULES_ALARM)).toBeDefined();
  });

  it('answer a page’s "run now" with what the run did, and ignore other messages', async () => {
    const world = createWorld(NOW);
    const run = registerLifecycleRules(world.ports);
    const notAskedHere = () => Promise.reject(new Error('not asked here'));
    registerRequests({
      'rules/run': () => run(),
      'banner/lookup': notAskedHere,
      'banner/sync': notAskedHere,
      'usageFeed/read': notAskedHere,
      ...noTeamHandlers(),
    });
    await settle(run);
    await reminderDueClient();
    expect(await sendRequest('rules/run')).toMatchObject({
      remindersDecided: 1,
      notificationsShown: 1,
      needingAttention: 0,
      failedSteps: [],
    });
    expect(await browser.runtime.sendMessage({ type: 'rules/unknown' })).toBeUndefined();
    expect(await browser.runtime.sendMessage('rules/run')).toBeUndefined();
  });

  it('open the client overview or the dashboard from a reminder notification', async () => {
    const world = createWorld(NOW);
    await settle(registerLifecycleRules(world.ports));
    const client = await reminderDueClient();
    const openOptionsPage = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue();
    const id = `reminder:${client.orgId}:2026-04-10:30`;

    await fakeBrowser.notifications.onButtonClicked.trigger(id, 0);
    await fakeBrowser.notifications.onClicked.trigger(id);
    await fakeBrowser.notifications.onButtonClicked.trigger(id, 1);
    await fakeBrowser.notifications.onButtonClicked.trigger('someone-else', 0);
    await vi.waitFor(() => expect(openOptionsPage).toHaveBeenCalledTimes(1));
    const urls = (await browser.tabs.query({})).map((tab) => tab.url);
    const overview = `chrome-extension://test-extension-id/options.html#/clients/${client.orgId}`;
    expect(urls.filter((url) => url === overview)).toHaveLength(2);
  });

  it('without a worker to answer, "run now" fails as unanswered, not as a refusal', async () => {
    const failure: unknown = await sendRequest('rules/run').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(isAppError(failure)).toBe(false);
  });
});

describe('serialRunner', () => {
  it('never runs twice at once, and folds requests made during a run into one more run', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const gates: (() => void)[] = [];
    const run = serialRunner(async () => {
      running += 1;
      most = Math.max(most, running);
      runs += 1;
      await new Promise<void>((open) => gates.push(open));
      running -= 1;
      return runs;
    });
    // Requests made before the run starts share it: it reads the data after all of them.
    const first = [run(), run()];
    await vi.waitFor(() => expect(gates).toHaveLength(1));
    // Requests made while it runs get one more run after it, not one each.
    const during = [run(), run(), run()];
    gates[0]?.();
    await vi.waitFor(() => expect(gates).toHaveLength(2));
    gates[1]?.();
    expect(await Promise.all([...first, ...during])).toEqual([1, 1, 2, 2, 2]);
    expect(most).toBe(1);
    const later = run();
    await vi.waitFor(() => expect(gates).toHaveLength(3));
    gates[2]?.();
    expect(await later).toBe(3);
  });

  it('carries on after a run that failed', async () => {
    let calls = 0;
    const run = serialRunner(async () => {
      calls += 1;
      if (calls === 1) throw new Error('first');
      return calls;
    });
    await expect(run()).rejects.toThrow('first');
    expect(await run()).toBe(2);
  });
});

describe('platform adapters', () => {
  it('create the periodic alarm once, so a waking worker does not push the next run away', async () => {
    expect(await ensurePeriodicAlarm('rules', 30)).toBe(true);
    const first = await browser.alarms.get('rules');
    expect(await ensurePeriodicAlarm('rules', 30)).toBe(false);
    expect(await browser.alarms.get('rules')).toEqual(first);
    expect(await ensurePeriodicAlarm('rules', 60)).toBe(true);
    expect((await browser.alarms.get('rules'))?.periodInMinutes).toBe(60);
  });

  it('schedule a one-off alarm no sooner than the browser allows, and clear it', async () => {
    await scheduleAlarmAt('retry', NOW + 1000, NOW);
    expect((await browser.alarms.get('retry'))?.scheduledTime).toBe(NOW + 30_000);
    await scheduleAlarmAt('retry', undefined, NOW);
    expect(await browser.alarms.get('retry')).toBeUndefined();
  });

  it('show and clear the badge', async () => {
    await setBadgeText('3');
    expect(await getBadgeText()).toBe('3');
    await setBadgeText('');
    expect(await getBadgeText()).toBe('');
  });
});
