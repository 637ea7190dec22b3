// Apart from updateSettings (settings.ts): reading needs no schema, and the popup, which only reads, loads no zod.
import type { Settings } from '../model/settings';
import { poolSummary, type PoolSummary } from '../rules/pool';
import { readTransaction } from './context';
import { loadAllocated, loadSettings } from './store';

export async function getSettings(): Promise<Settings> {
  return readTransaction(loadSettings);
}

export async function getPoolSummary(): Promise<PoolSummary> {
  return readTransaction(async () => {
    const [settings, allocated] = await Promise.all([loadSettings(), loadAllocated()]);
    return poolSummary(settings.poolSize, allocated);
  });
}
