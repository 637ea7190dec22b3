// A made-up agency roster as the extension stores it: clients with their derived fields
// (computed by the extension's own rules, so the records match what putClient writes),
// experiments, members, the usage warnings already told, a week of daily usage samples for
// the clients the bench's usage feed lists, and the settings and pool records.
// Deterministic: the same size gives the same roster, so runs on different days compare.

import { DEFAULT_USAGE_WARNING_LEVELS } from '../lib/model/usage-source';
import { billingPeriodStart } from '../lib/rules/billing';
import { addDays } from '../lib/rules/calendar';
import { clientSearchText, foldForSearch } from '../lib/rules/search';
import { runOutDay, runOutWarningDue, trendRunOutDay, type UsageTrend } from '../lib/rules/usage-forecast';
import { storedUsagePercent, warningDecision } from '../lib/rules/usage-warnings';

export type Row = Record<string, unknown>;

export interface Roster {
  clients: Row[];
  experiments: Row[];
  members: Row[];
  /** Org IDs of clients deleted in the past (one for every ten clients): retired, never issued again. */
  orgIds: Row[];
  /** The warnings the clients' usage called for so far this period, already told (or skipped). */
  usageAlerts: Row[];
  /** The six days before today of every client the usage feed lists (see feedSet). */
  usageSamples: Row[];
  /** Licenses the clients hold: the pool record's `allocated`. */
  allocated: number;
}

/** The clients the background finds due, and the records that make them due again. */
export interface DueSet {
  clients: Row[];
  experiments: Row[];
  /** Reminders already recorded for the client that is due to be purged. */
  reminders: Row[];
  orgIds: string[];
}

const DAY = 86_400_000;
const TIME_ZONE = 'UTC';
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const FIRST = [
  'Acme',
  'Blue Harbor',
  'Northwind',
  'Globex',
  'Initech',
  'Helios',
  'Umbrella',
  'Stark',
  'Wayne',
  'Tyrell',
  'Cyberdyne',
  'Soylent',
  'Vandelay',
  'Hooli',
  'Pied Piper',
  'Aperture',
  'Wonka',
  'Gringotts',
  'Monarch',
  'Oscorp',
];
const SECOND = [
  'Outdoor',
  'Hotels',
  'Finance',
  'Energy',
  'Software',
  'Books',
  'Foods',
  'Logistics',
  'Media',
  'Clinics',
  'Travel',
  'Retail',
  'Studios',
  'Labs',
  'Motors',
  'Realty',
];
const KANA = ['さくら旅行', 'ミドリ製薬', 'アサヒ商事', 'ひかり不動産', 'ヤマト書房', 'みなと物流'];
const INDUSTRIES = ['software', 'retail', 'travel', 'finance', 'media', 'healthcare'];

/** Org IDs of the form ORG-B…: a prefix the extension's random IDs may share but the seeded ones never repeat. */
export function benchOrgId(index: number): string {
  let code = '';
  for (let rest = index, digit = 0; digit < 7; digit += 1, rest = Math.floor(rest / 32))
    code = ALPHABET[rest % 32] + code;
  return `ORG-B${code}`;
}

export function benchSettings(poolSize: number): Row {
  return {
    key: 'settings',
    value: {
      agencyName: 'Benchmark Agency',
      poolSize,
      workspaceUrlTemplate: 'https://app.example.com/org/{orgId}',
      reminderDays: [30, 7, 1],
      billingDay: 1,
      timeZone: TIME_ZONE,
      language: 'en',
      usageWarningLevels: [...DEFAULT_USAGE_WARNING_LEVELS],
    },
  };
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The recent rate of a client's usage, as the extension keeps it with the client: 1–6% of the
 * quota a day, flat for one client in thirteen and none (too few samples) for another, fitted
 * up to yesterday. Set directly rather than fitted through samples, so that the Runs out sort
 * has dates to order whatever day of the billing period the bench runs on.
 */
function trendOf(index: number, quota: number, period: string, now: number): UsageTrend | undefined {
  if (index % 13 === 5) return undefined;
  const perDay = index % 13 === 6 ? 0 : (quota * (1 + (index % 6))) / 100;
  return { period, perDay, day: isoDay(now - DAY) };
}

/** The name of the client at roster index `index`. */
export function clientName(index: number): string {
  if (index % 50 === 7) return `${KANA[index % KANA.length]} ${index}`;
  return `${FIRST[index % FIRST.length]} ${SECOND[Math.floor(index / FIRST.length) % SECOND.length]} ${index}`;
}

/** One client as the extension stores it; `kind` says which rule, if any, finds it due. */
function storedClient(
  index: number,
  now: number,
  kind: 'active' | 'paused' | 'inactive' | 'rollover' | 'atQuota' | 'reminder' | 'purge',
): Row {
  const orgId = benchOrgId(index);
  const name = clientName(index);
  const company = index % 3 === 0 ? undefined : `${name.split(' ')[0]} Holdings`;
  const domain = `client${index}.example`;
  const contact = { firstName: 'Kim', lastName: `Owner${index}`, email: `owner${index}@${domain}` };
  const period = billingPeriodStart(now, 1, TIME_ZONE);
  const previousPeriod = billingPeriodStart(Date.parse(`${period}T00:00:00Z`) - DAY, 1, TIME_ZONE);
  const quota = 100 + (index % 9) * 50;
  let status = 'active';
  let usedVisitors = (index * 37) % quota;
  let usagePeriod = period;
  const extra: Row = {};
  switch (kind) {
    case 'active':
      break;
    case 'paused':
      status = 'paused';
      usedVisitors = quota;
      break;
    case 'rollover':
      usagePeriod = previousPeriod;
      usedVisitors = Math.max(1, usedVisitors);
      break;
    case 'atQuota':
      usedVisitors = quota;
      break;
    case 'inactive':
    case 'reminder':
    case 'purge': {
      status = 'inactive';
      // Inactive clients hold only what they used; the purge date is three months on.
      const purgeOn =
        kind === 'reminder' ? now + 7 * DAY : kind === 'purge' ? now - DAY : now + (40 + (index % 50)) * DAY;
      extra.quotaBeforeInactive = quota;
      extra.inactiveSince = purgeOn - 91 * DAY;
      extra.purgeOn = isoDay(purgeOn);
      break;
    }
  }
  const client: Row = {
    orgId,
    name,
    contact,
    ...(company === undefined ? {} : { company }),
    industry: INDUSTRIES[index % INDUSTRIES.length],
    domain,
    status,
    quota: status === 'inactive' ? usedVisitors : quota,
    usedVisitors,
    usagePeriod,
    createdAt: now - (400 - (index % 300)) * DAY,
    updatedAt: now - (index % 60) * DAY,
    ...extra,
  };
  // A few clients opened lately, as the switcher's first rows.
  if (index % 997 === 3) client.lastOpenedAt = now - (index % 1000) * 60_000;
  if (status !== 'inactive' && usagePeriod === period) {
    const trend = trendOf(index, quota, period, now);
    if (trend) client.usageTrend = trend;
  }
  return withDerivedFields(client);
}

/** The fields putClient derives from a client (lib/ops/store.ts toStoredClient). */
function withDerivedFields(client: Row): Row {
  const used = client.usedVisitors as number;
  const quota = client.quota as number;
  client.searchText = clientSearchText(client as Parameters<typeof clientSearchText>[0]);
  client.nameKey = foldForSearch(String(client.name));
  client.atQuota = used >= quota ? 1 : 0;
  client.usagePercent = storedUsagePercent(used, quota);
  // The run-out day the runsOutOn index holds: the list by Runs out and the daily scan read it.
  const runsOutOn =
    client.status === 'inactive'
      ? undefined
      : trendRunOutDay(client.usageTrend as UsageTrend | undefined, {
          usedVisitors: used,
          quota,
          usagePeriod: client.usagePeriod as string | undefined,
        });
  if (runsOutOn !== undefined) client.runsOutOn = runsOutOn;
  return client;
}

/**
 * The warnings a client's usage has called for this period, as the extension records them
 * (lib/ops/usage-alerts.ts decideUsageAlerts) and as they stand once told: the highest level
 * reached sent, the lower ones skipped (all skipped at the quota), and the run-out warning
 * sent when the forecast falls within a week and before the period ends.
 */
function alertsOf(client: Row, now: number): Row[] {
  if (client.status === 'inactive') return [];
  const period = String(client.usagePeriod);
  const today = isoDay(now);
  const used = client.usedVisitors as number;
  const quota = client.quota as number;
  const base = { orgId: client.orgId, period, used, quota, decidedAt: now - DAY };
  const told = { status: 'sent', sentAt: now - DAY, notification: 'shown' };
  const decision = warningDecision(DEFAULT_USAGE_WARNING_LEVELS, { usedVisitors: used, quota }, []);
  const alerts: Row[] = decision.skip.map((level) => ({ ...base, kind: `level-${level}`, level, status: 'skipped' }));
  if (decision.send !== undefined)
    alerts.push({ ...base, kind: `level-${decision.send}`, level: decision.send, ...told });
  const trend = client.usageTrend as UsageTrend | undefined;
  const runsOutOn = runOutDay(trend, { usedVisitors: used, quota, usagePeriod: period }, today);
  if (runOutWarningDue(runsOutOn, period, today)) alerts.push({ ...base, kind: 'run-out', runsOutOn, ...told });
  return alerts;
}

/** The six days before today, one sample a day along the client's rate (flat without one). */
function samplesOf(client: Row, now: number): Row[] {
  const trend = client.usageTrend as UsageTrend | undefined;
  const used = client.usedVisitors as number;
  const yesterday = isoDay(now - DAY);
  return Array.from({ length: 6 }, (_, back) => {
    const day = addDays(yesterday, -back);
    return {
      orgId: client.orgId,
      day,
      period: billingPeriodStart(now - (back + 1) * DAY, 1, TIME_ZONE),
      used: Math.max(0, used - Math.round((trend?.perDay ?? 0) * back)),
    };
  });
}

function experimentsOf(client: Row, index: number, now: number, firstId?: number): Row[] {
  const count = firstId !== undefined ? 2 : index % 3 === 0 ? 1 + (index % 2) : 0;
  const statuses = client.status === 'active' ? ['running', 'draft', 'completed'] : ['paused', 'draft', 'completed'];
  return Array.from({ length: count }, (_, offset) => {
    const status = statuses[offset % statuses.length];
    const experiment: Row = {
      orgId: client.orgId,
      name: `Experiment ${offset + 1} of ${String(client.name)}`,
      status,
      createdAt: now - 30 * DAY,
      updatedAt: now - DAY,
    };
    if (status === 'paused') experiment.pausedBy = client.status === 'inactive' ? 'inactivity' : 'quota';
    if (firstId !== undefined) experiment.id = firstId + offset;
    return experiment;
  });
}

function membersOf(client: Row, index: number, now: number): Row[] {
  if (index % 10 !== 0) return [];
  return [
    {
      orgId: client.orgId,
      name: 'Kim Owner',
      email: `owner${index}@client${index}.example`,
      role: 'super_admin',
      createdAt: now - 300 * DAY,
    },
    {
      orgId: client.orgId,
      name: 'Lee Staff',
      email: `staff${index}@client${index}.example`,
      role: 'user',
      createdAt: now - 200 * DAY,
    },
  ];
}

/** Roster indexes of the ten due clients: 4 new billing periods, 3 at quota, 2 reminders, 1 purge. */
const DUE_KINDS = [
  'rollover',
  'rollover',
  'rollover',
  'rollover',
  'atQuota',
  'atQuota',
  'atQuota',
  'reminder',
  'reminder',
  'purge',
] as const;
/** Explicit ids for the due clients' experiments, far above the auto-incremented ones. */
const DUE_EXPERIMENT_IDS = 50_000_000;

/** The ten clients due for the background rules, at roster indexes 0–9, as they are before a run. */
export function dueSet(now: number): DueSet {
  const clients = DUE_KINDS.map((kind, index) => storedClient(index, now, kind));
  const experiments = clients.flatMap((client, index) =>
    experimentsOf(client, index + 1, now, DUE_EXPERIMENT_IDS + index * 10),
  );
  const purge = clients[DUE_KINDS.indexOf('purge')];
  const purgeOn = String(purge?.purgeOn);
  const sentAt = now - 3 * DAY;
  const reminders = [30, 7, 1].map((daysBefore) => ({
    orgId: purge?.orgId,
    purgeOn,
    daysBefore,
    status: daysBefore === 1 ? 'sent' : 'skipped',
    decidedAt: sentAt,
    ...(daysBefore === 1 ? { sentAt, notification: 'shown' } : {}),
  }));
  return { clients, experiments, reminders, orgIds: clients.map((client) => String(client.orgId)) };
}

/**
 * Clients `from` to `to` - 1 of the roster (indexes below 10 are the due set, built by
 * dueSet): about 8% inactive (purged months from now), 4% paused at quota, the rest active;
 * one or two experiments for every third client, two members for every tenth.
 */
export function rosterSlice(from: number, to: number, now: number): Roster {
  const roster: Roster = {
    clients: [],
    experiments: [],
    members: [],
    orgIds: [],
    usageAlerts: [],
    usageSamples: [],
    allocated: 0,
  };
  const fed = feedIndexes();
  for (let index = Math.max(from, DUE_KINDS.length); index < to; index += 1) {
    const client = storedClient(index, now, kindOf(index));
    roster.clients.push(client);
    roster.experiments.push(...experimentsOf(client, index, now));
    roster.members.push(...membersOf(client, index, now));
    roster.usageAlerts.push(...alertsOf(client, now));
    if (fed.has(index)) roster.usageSamples.push(...samplesOf(client, now));
    if (index % 10 === 0)
      roster.orgIds.push({ orgId: benchOrgId(index).replace('ORG-B', 'ORG-R'), issuedAt: client.createdAt });
    roster.allocated += client.quota as number;
  }
  return roster;
}

function kindOf(index: number): 'active' | 'paused' | 'inactive' {
  return index % 25 < 2 ? 'inactive' : index % 25 === 2 ? 'paused' : 'active';
}

/** Clients the bench's usage feed lists at most. */
export const FEED_CLIENTS = 10_000;

let fedIndexes: Set<number> | undefined;

/**
 * Roster indexes of the clients the usage feed lists: the first FEED_CLIENTS after the due set
 * whose number a feed can raise by one without pausing them (active ones at least two short
 * of their quota, and paused ones), so that a read pauses nobody and the bench can put every
 * client back as it was between reads. Inactive clients, which a feed refuses, are left out.
 */
function feedIndexes(): Set<number> {
  if (fedIndexes) return fedIndexes;
  fedIndexes = new Set();
  for (let index = DUE_KINDS.length; fedIndexes.size < FEED_CLIENTS; index += 1) {
    const kind = kindOf(index);
    const quota = 100 + (index % 9) * 50;
    const used = (index * 37) % quota;
    if (kind === 'paused' || (kind === 'active' && used + 1 < quota)) fedIndexes.add(index);
  }
  return fedIndexes;
}

/** The clients a usage feed lists in a roster of `size`, as seeded, and what one read makes of them. */
export interface FeedSet {
  /** The feed's rows: every listed client's visitors used, one more than stored. */
  rows: { orgId: string; visitorsUsed: number }[];
  /** The listed clients as seeded, with their warnings and the days sampled before today. */
  clients: Row[];
  usageAlerts: Row[];
  usageSamples: Row[];
}

export function feedSet(size: number, now: number): FeedSet {
  const indexes = [...feedIndexes()].filter((index) => index < size);
  const clients = indexes.map((index) => storedClient(index, now, kindOf(index)));
  return {
    rows: clients.map((client) => ({ orgId: String(client.orgId), visitorsUsed: (client.usedVisitors as number) + 1 })),
    clients,
    usageAlerts: clients.flatMap((client) => alertsOf(client, now)),
    usageSamples: clients.flatMap((client) => samplesOf(client, now)),
  };
}

/** Licenses the due set holds before a run. */
export function dueAllocated(due: DueSet): number {
  return due.clients.reduce((sum, client) => sum + (client.quota as number), 0);
}
