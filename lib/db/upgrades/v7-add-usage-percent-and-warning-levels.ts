/**
 * Version 7 upgrade: every client's usage as a whole percentage of its quota (indexed with its
 * status, so the toolbar badge counts the clients over the highest warning level without
 * reading them), and the default warning levels in saved settings.
 *
 * FROZEN: this file must never change once released (see lib/db/schema.ts). The percentage
 * is a copy of lib/rules/usage-warnings.ts storedUsagePercent and the levels a copy of
 * lib/model/usage-source.ts DEFAULT_USAGE_WARNING_LEVELS as they were when version 7 shipped.
 */
import type { Transaction } from 'dexie';

interface V6Client {
  usedVisitors: number;
  quota: number;
  usagePercent?: number;
}

interface V6SettingsRecord {
  key: 'settings';
  value: Record<string, unknown>;
}

const DEFAULT_LEVELS = [80, 90];

function usagePercent(used: number, quota: number): number {
  if (quota <= 0) return used > 0 ? 100 : 0;
  return Math.min(100, Math.floor((used * 100) / quota));
}

export async function addUsagePercentAndWarningLevels(tx: Transaction): Promise<void> {
  await tx
    .table('clients')
    .toCollection()
    .modify((client: V6Client) => {
      client.usagePercent = usagePercent(client.usedVisitors, client.quota);
    });
  const settings = (await tx.table('meta').get('settings')) as V6SettingsRecord | undefined;
  if (settings && !Array.isArray(settings.value.usageWarningLevels))
    await tx.table('meta').put({ ...settings, value: { ...settings.value, usageWarningLevels: [...DEFAULT_LEVELS] } });
}
