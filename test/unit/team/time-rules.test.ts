// With a team connection the server runs the roster's rules on the clock once for everyone; each
// browser keeps its own usage warnings (docs/SYNC.md, "What stays in each browser").
import { describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import { createClient, markInactive, setVisitorsUsed, updateSettings } from '../../../lib/ops';
import { browserRunsTimeRule, TIME_RULE_STEPS } from '../../../lib/rules/team-time-rules';
import { createWorld } from '../background/world';
import { clientInput, resetDb } from '../ops/helpers';
import { connectTestTeam } from './team-fixture';

const at = (iso: string) => Date.parse(iso);

describe('browserRunsTimeRule', () => {
  it('runs every step alone', () => {
    for (const step of TIME_RULE_STEPS) expect(browserRunsTimeRule(step, false)).toBe(true);
  });

  it("leaves the roster's own rules to the server on a shared roster, and runs the browser's own", () => {
    const runs = TIME_RULE_STEPS.filter((step) => browserRunsTimeRule(step, true));
    expect(runs).toEqual([
      'run-out-scan',
      'usage-warnings',
      'usage-warning-webhooks',
      'usage-samples',
      'usage-source-alarm',
      'badge',
    ]);
  });
});

describe('a run of the background rules', () => {
  /** A client still in January's period past its warning level, one at its quota, and one inactive with a reminder due. */
  async function roster() {
    await updateSettings({ poolSize: 1000, timeZone: 'UTC', billingDay: 1 }, { now: at('2026-01-01T00:00:00Z') });
    const warned = await createClient(clientInput({ name: 'Acme', quota: 100 }), { now: at('2026-01-02T00:00:00Z') });
    await setVisitorsUsed(warned.orgId, 85, { now: at('2026-01-20T00:00:00Z') });
    const full = await createClient(clientInput({ name: 'Borealis', quota: 5 }), { now: at('2026-01-02T00:00:00Z') });
    // At its quota in the period of the run, as an import leaves it.
    await db.clients.update(full.orgId, { usedVisitors: 5, atQuota: 1, usagePeriod: '2026-03-01' });
    const inactive = await createClient(clientInput({ name: 'Cobalt', quota: 10 }), {
      now: at('2026-01-02T00:00:00Z'),
    });
    await markInactive(inactive.orgId, { now: at('2026-01-10T09:00:00Z') }); // purge on 2026-04-10
    return { warned, full, inactive };
  }

  // 2026-03-11: in March's period, 30 days before the purge date.
  const RUN_AT = at('2026-03-11T00:10:00Z');

  it('alone: starts the new period, pauses at quota, decides and shows the reminder', async () => {
    await resetDb();
    const { warned, full } = await roster();
    const summary = await createWorld(RUN_AT).run();
    expect(summary).toMatchObject({ clientsPaused: 1, remindersDecided: 1, notificationsShown: 1 });
    expect(summary.usagePeriodsStarted).toBeGreaterThan(0);
    expect((await db.clients.get(warned.orgId))?.usagePeriod).toBe('2026-03-01');
    expect((await db.clients.get(full.orgId))?.status).toBe('paused');
  });

  it('with a team: none of those, but the usage warning is still shown here', async () => {
    await resetDb();
    const { warned, full } = await roster();
    await connectTestTeam('manager');
    const before = await db.activity.count();
    const world = createWorld(RUN_AT);
    const summary = await world.run();
    expect(summary).toMatchObject({
      usagePeriodsStarted: 0,
      clientsPaused: 0,
      remindersDecided: 0,
      notificationsShown: 0,
      clientsPurged: 0,
      failedSteps: [],
    });
    expect(summary.usageWarningsShown).toBe(1);
    expect((await db.clients.get(warned.orgId))?.usagePeriod).toBe('2026-01-01');
    expect((await db.clients.get(full.orgId))?.status).toBe('active');
    expect(await db.reminders.count()).toBe(0);
    // The one line written is the warning's, this browser's own.
    const written = (await db.activity.toArray()).slice(before);
    expect(written.map((line) => [line.action, line.orgId, line.pending])).toEqual([
      ['usage_warning_sent', warned.orgId, undefined],
    ]);
    expect(await db.outbox.count()).toBe(0);
  });
});
