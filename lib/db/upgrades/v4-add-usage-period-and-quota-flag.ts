/**
 * Version 4 upgrade: the billing period each client's usage counts in, and its 0/1 "at quota" flag.
 *
 * FROZEN: this file must never change once released. It decides what every version 3 database
 * turns into, on every machine that has not opened the extension since; editing it (or the
 * billing period, at-quota or default-settings logic below) would make old databases upgrade
 * differently from the ones already upgraded, with nothing to tell the two apart. That logic is
 * therefore a copy of lib/rules/billing.ts, lib/rules/calendar.ts, lib/rules/quota.ts and the
 * defaults of lib/model/settings.ts as they were when version 4 shipped, not an import
 * (eslint.config.js forbids importing lib/rules or lib/ops here). If one of those rules changes,
 * add a new schema version whose upgrade re-derives the fields; leave this one as it is.
 */
import type { Transaction } from 'dexie';

/** A version 3 client as far as this upgrade reads and writes it. */
interface V3Client {
  orgId: string;
  createdAt: number;
  usedVisitors: number;
  quota: number;
  usagePeriod?: string;
  atQuota?: number;
}

/** The settings fields this upgrade reads, as version 3 stored them (any of them may be absent). */
interface V3SettingsRecord {
  value?: { billingDay?: number; timeZone?: string };
}

/** The defaults version 3 used for settings never saved. */
const DEFAULT_BILLING_DAY = 1;
function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The calendar date (YYYY-MM-DD) the wall clock shows in `timeZone` at the instant `ms`. */
function localDate(ms: number, timeZone: string): string {
  const formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const parts = formatter.formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds calendar months; a day that the target month lacks becomes its last day. */
function addMonths(date: string, months: number): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(targetDay).padStart(2, '0')}`;
}

/** First day of the billing period that contains `now`, with periods starting on `billingDay`. */
function billingPeriodStart(now: number, billingDay: number, timeZone: string): string {
  const today = localDate(now, timeZone);
  const day = Number(today.slice(8, 10));
  const thisMonthStart = `${today.slice(0, 8)}${String(billingDay).padStart(2, '0')}`;
  return day >= billingDay ? thisMonthStart : addMonths(thisMonthStart, -1);
}

/** A client is at its quota once its usage reaches it. */
function isAtQuota(client: V3Client): boolean {
  return client.usedVisitors >= client.quota;
}

/**
 * The period of a client's usage is read from what is stored, not from the clock: the latest
 * period it has a usage report for, else the period in which it was created. A database
 * opened after months away then starts the periods it missed on the next background run.
 */
export async function addUsagePeriodAndQuotaFlag(tx: Transaction): Promise<void> {
  const stored = (await tx.table('meta').get('settings')) as V3SettingsRecord | undefined;
  const billingDay = stored?.value?.billingDay ?? DEFAULT_BILLING_DAY;
  const timeZone = stored?.value?.timeZone ?? defaultTimeZone();
  const latestReport = new Map<string, string>();
  await tx
    .table('reports')
    .toCollection()
    .each((report: { orgId: string; period: string }) => {
      const known = latestReport.get(report.orgId);
      if (known === undefined || report.period > known) latestReport.set(report.orgId, report.period);
    });
  await tx
    .table('clients')
    .toCollection()
    .modify((client: V3Client) => {
      client.usagePeriod = latestReport.get(client.orgId) ?? billingPeriodStart(client.createdAt, billingDay, timeZone);
      client.atQuota = isAtQuota(client) ? 1 : 0;
    });
}
