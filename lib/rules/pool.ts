import type { Client } from '../model/client';

/** Licenses held by clients: the quotas of every client still in the roster. */
export function allocatedLicenses(clients: Iterable<Pick<Client, 'quota'>>): number {
  let total = 0;
  for (const client of clients) total += client.quota;
  return total;
}

export function freeLicenses(poolSize: number, allocated: number): number {
  return Math.max(0, poolSize - allocated);
}

export interface PoolSummary {
  poolSize: number;
  allocated: number;
  free: number;
}

export function poolSummary(poolSize: number, allocated: number): PoolSummary {
  return { poolSize, allocated, free: freeLicenses(poolSize, allocated) };
}
