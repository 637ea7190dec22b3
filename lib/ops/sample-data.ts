import { db } from '../db/database';
import type { NewClientInput } from '../model/client';
import { AppError } from '../model/errors';
import type { MemberInput } from '../model/org-records';
import { createClient } from './clients';
import { ALL_TABLES, type OpContext, resolve } from './context';
import { emitDataChanged } from './events';
import { createExperiment, pauseExperiment, startExperiment } from './experiments';
import { markInactive } from './lifecycle';
import { rollOverBillingPeriods } from './billing';
import { addMember } from './members';
import { recordUsage, type UsageChange, usageClock, writeUsages } from './usage';
import { loadSettings } from './store';
import { billingPeriodStart } from '../rules/billing';
import { daysBetween, localDate } from '../rules/calendar';
import { usageSetEntry, usedInPeriod } from '../rules/usage-change';
import { updateSettings } from './settings';
import { refuseWhileShared } from './team-outbox';

const DAY = 86_400_000;

interface SampleClient {
  client: NewClientInput;
  used: number;
  experiments: { name: string; state: 'draft' | 'running' | 'paused' }[];
  members: MemberInput[];
  /** Days ago that the client went inactive, for clients in their grace period. */
  inactiveDaysAgo?: number;
}

const contact = (firstName: string, lastName: string, email: string) => ({ firstName, lastName, email });

const SAMPLES: SampleClient[] = [
  {
    client: {
      name: 'Acme Outdoor',
      contact: contact('Maya', 'Fischer', 'maya.fischer@acme-outdoor.test'),
      company: 'Acme Outdoor GmbH',
      industry: 'retail',
      domain: 'acme-outdoor.test',
      quota: 8000,
      address: { city: 'Munich', country: 'Germany' },
    },
    used: 5210,
    experiments: [
      { name: 'Checkout button colour', state: 'running' },
      { name: 'Free shipping banner', state: 'running' },
      { name: 'Size guide pop-up', state: 'draft' },
    ],
    members: [
      { name: 'Maya Fischer', email: 'maya.fischer@acme-outdoor.test', role: 'super_admin' },
      { name: 'Jonas Weber', email: 'jonas.weber@acme-outdoor.test', role: 'user' },
    ],
  },
  {
    client: {
      name: 'さくら旅行',
      contact: contact('花子', '山田', 'hanako.yamada@sakura-travel.test'),
      company: '株式会社さくら旅行',
      industry: 'travel',
      domain: 'sakura-travel.test',
      quota: 6000,
      address: { city: '京都市', region: '京都府', country: '日本' },
    },
    used: 6000,
    experiments: [
      { name: '早割プランの見出し', state: 'running' },
      { name: '予約フォームの短縮', state: 'running' },
    ],
    members: [{ name: '山田 花子', email: 'hanako.yamada@sakura-travel.test', role: 'super_admin' }],
  },
  {
    client: {
      name: 'Globex Finance',
      contact: contact('Priya', 'Raman', 'priya.raman@globex.test'),
      company: 'Globex Finance Ltd',
      industry: 'finance',
      domain: 'globex.test',
      quota: 12000,
    },
    used: 4380,
    experiments: [
      { name: 'Loan calculator layout', state: 'running' },
      { name: 'Trust badges', state: 'paused' },
    ],
    members: [
      { name: 'Priya Raman', email: 'priya.raman@globex.test', role: 'super_admin' },
      { name: 'Tom Baker', email: 'tom.baker@globex.test', role: 'admin' },
    ],
  },
  {
    client: {
      name: 'Initech Software',
      contact: contact('Bill', 'Lumbergh', 'bill@initech.test'),
      company: 'Initech',
      industry: 'software',
      domain: 'initech.test',
      quota: 3000,
    },
    used: 120,
    experiments: [{ name: 'Pricing page tiers', state: 'draft' }],
    members: [{ name: 'Bill Lumbergh', email: 'bill@initech.test', role: 'super_admin' }],
  },
  {
    client: {
      name: 'Blue Harbor Hotels',
      contact: contact('Lucía', 'Martín', 'lucia.martin@blueharbor.test'),
      company: 'Blue Harbor Hospitality',
      industry: 'hospitality',
      domain: 'blueharbor.test',
      quota: 5000,
    },
    used: 3900,
    experiments: [{ name: 'Room gallery order', state: 'running' }],
    members: [{ name: 'Lucía Martín', email: 'lucia.martin@blueharbor.test', role: 'super_admin' }],
  },
  {
    client: {
      name: 'ミドリ製薬',
      contact: contact('健', '佐藤', 'ken.sato@midori-pharma.test'),
      company: 'ミドリ製薬株式会社',
      industry: 'healthcare',
      domain: 'midori-pharma.test',
      quota: 4000,
    },
    used: 1500,
    experiments: [{ name: '問い合わせフォームの項目削減', state: 'running' }],
    members: [{ name: '佐藤 健', email: 'ken.sato@midori-pharma.test', role: 'super_admin' }],
  },
  {
    client: {
      name: 'Northwind Books',
      contact: contact('Oliver', 'Grant', 'oliver@northwind-books.test'),
      company: 'Northwind Books',
      industry: 'media',
      domain: 'northwind-books.test',
      quota: 2500,
    },
    used: 800,
    experiments: [{ name: 'Newsletter sign-up wording', state: 'paused' }],
    members: [{ name: 'Oliver Grant', email: 'oliver@northwind-books.test', role: 'super_admin' }],
    inactiveDaysAgo: 70,
  },
  {
    client: {
      name: 'Helios Energy',
      contact: contact('Sara', 'Lind', 'sara.lind@helios.test'),
      company: 'Helios Energy AB',
      industry: 'Renewable energy',
      domain: 'helios.test',
      quota: 2000,
    },
    used: 300,
    experiments: [{ name: 'Quote request steps', state: 'running' }],
    members: [{ name: 'Sara Lind', email: 'sara.lind@helios.test', role: 'super_admin' }],
    inactiveDaysAgo: 20,
  },
];

export const SAMPLE_POOL_SIZE = 50_000;
/** Days of usage history the active sample clients get, so that the chart and forecast have something to show. */
const HISTORY_DAYS = 8;

/**
 * Visitors used growing day by day up to each client's `used` today, over the days of the
 * current billing period (at most HISTORY_DAYS of them), as a usage source would have reported
 * them: each day's numbers written for all the clients at once, as a usage feed's batch is
 * (one client and day at a time, the sample took about a second to load in a browser).
 */
async function recordDailyUsage(usages: readonly { orgId: string; used: number }[], now: number): Promise<void> {
  const using = usages.filter(({ used }) => used > 0);
  if (using.length === 0) return;
  const settings = await loadSettings();
  const period = billingPeriodStart(now, settings.billingDay, settings.timeZone);
  const days = Math.min(HISTORY_DAYS, daysBetween(period, localDate(now, settings.timeZone)) + 1);
  for (let day = days - 1; day >= 0; day -= 1) {
    const at = now - day * DAY;
    const clock = usageClock(settings, at);
    const clients = await db.clients.bulkGet(using.map(({ orgId }) => orgId));
    const changes = using.flatMap(({ used }, index): UsageChange[] => {
      const stored = clients[index];
      // A little faster towards today, as real traffic often is; the last number is exactly `used`.
      const visitors = Math.round(used * ((days - day) / days) ** 1.2);
      if (!stored || visitors === usedInPeriod(stored, clock.period)) return [];
      return [
        {
          stored,
          visitors,
          entry: (before) => usageSetEntry(stored.orgId, before, visitors, clock.period, undefined),
        },
      ];
    });
    await writeUsages(changes, clock, resolve({ now: at }));
  }
}

/**
 * Fills an empty roster with a realistic agency, all in one transaction: either every
 * sample client is there afterwards, or none is.
 */
export async function loadSampleData(context?: OpContext): Promise<number> {
  const { now } = resolve(context);
  const orgIds = await db.transaction('rw', ALL_TABLES(), async () => {
    // Made-up clients are never shared with a team: its operations would queue them all.
    await refuseWhileShared('loadSampleData');
    if ((await db.clients.count()) > 0) throw new AppError('conflict', 'error_sampleNeedsEmptyRoster');
    const settings = await db.meta.get('settings');
    await updateSettings(
      {
        agencyName:
          settings?.key === 'settings' && settings.value.agencyName !== 'My agency'
            ? settings.value.agencyName
            : 'Northwind Digital',
        poolSize: Math.max(SAMPLE_POOL_SIZE, settings?.key === 'settings' ? settings.value.poolSize : 0),
        workspaceUrlTemplate:
          settings?.key === 'settings' && settings.value.workspaceUrlTemplate
            ? settings.value.workspaceUrlTemplate
            : 'https://app.example.com/orgs/{orgId}',
      },
      { now },
    );
    const ids: string[] = [];
    const usages: { orgId: string; used: number }[] = [];
    for (const sample of SAMPLES) {
      // Active clients live in the current billing period; inactive ones stopped in the past.
      const since =
        sample.inactiveDaysAgo === undefined ? now - HISTORY_DAYS * DAY : now - (sample.inactiveDaysAgo + 30) * DAY;
      const stoppedAt = sample.inactiveDaysAgo === undefined ? now : now - sample.inactiveDaysAgo * DAY;
      const created = await createClient(sample.client, { now: since });
      ids.push(created.orgId);
      // The sample orgs' people were set up by each client itself, admins and super admins
      // included: roles the agency, as partner admin, may not hand out (lib/rules/partner-permissions.ts).
      for (const member of sample.members)
        await addMember(created.orgId, member, { now: since, actingAs: 'super_admin' });
      for (const experiment of sample.experiments) {
        const made = await createExperiment(created.orgId, { name: experiment.name }, { now: since });
        if (experiment.state === 'draft' || made.id === undefined) continue;
        await startExperiment(created.orgId, made.id, { now: since });
        if (experiment.state === 'paused') await pauseExperiment(created.orgId, made.id, { now: since });
      }
      if (sample.inactiveDaysAgo !== undefined) {
        if (sample.used > 0) await recordUsage(created.orgId, sample.used, { now: since });
        await markInactive(created.orgId, { now: stoppedAt });
      } else {
        usages.push({ orgId: created.orgId, used: sample.used });
      }
    }
    await recordDailyUsage(usages, now);
    // Bring the past up to today, so that the background's next run finds nothing to redo.
    while ((await rollOverBillingPeriods(now)).more);
    return ids;
  });
  emitDataChanged({ orgIds });
  return orgIds.length;
}
