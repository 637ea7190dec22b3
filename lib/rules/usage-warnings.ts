/**
 * Warning levels: percentages of a client's quota at which the agency is told, once per
 * client, level and billing period, before the quota rule pauses the client at 100%.
 */
import type { Client } from '../model/client';

/** Whether usage has reached `level` percent of the quota; whole-number arithmetic, so 80% of 8,000 is 6,400 exactly. */
export function hasReachedLevel(level: number, used: number, quota: number): boolean {
  return used * 100 >= level * quota;
}

/** The levels (ascending) that usage has reached. */
export function levelsReached(levels: readonly number[], used: number, quota: number): number[] {
  return [...levels].sort((a, b) => a - b).filter((level) => hasReachedLevel(level, used, quota));
}

export interface WarningDecision {
  /** The level to warn about now. */
  send?: number;
  /** Levels reached together with `send` (or with the quota itself), recorded so that they never go out later. */
  skip: number[];
}

/**
 * Which warning to send after a usage change. Of the levels reached and not yet recorded for
 * this period, only the highest is sent: a jump from 70% to 95% warns about 90% once, not about
 * 80% and then 90% one after the other. A client at its quota is paused by the quota rule,
 * which says more than any warning, so its levels are recorded as skipped.
 */
export function warningDecision(
  levels: readonly number[],
  client: Pick<Client, 'usedVisitors' | 'quota'>,
  recorded: readonly number[],
): WarningDecision {
  return warningDecisionAmong(levelsReached(levels, client.usedVisitors, client.quota), client, recorded);
}

/**
 * warningDecision given the levels the usage reached (levelsReached's answer), for a caller
 * that needs them first: whether any was reached tells it whether the recorded ones matter.
 */
export function warningDecisionAmong(
  reached: readonly number[],
  client: Pick<Client, 'usedVisitors' | 'quota'>,
  recorded: readonly number[],
): WarningDecision {
  const known = new Set(recorded);
  const due = reached.filter((level) => !known.has(level));
  if (due.length === 0) return { skip: [] };
  if (client.usedVisitors >= client.quota) return { skip: due };
  const send = due[due.length - 1];
  return { send, skip: due.filter((level) => level !== send) };
}

/**
 * Usage as a whole percentage of the quota, rounded down, as the database indexes it: a
 * level is reached exactly when this is at least the level. 100 for any usage of a zero quota.
 */
export function storedUsagePercent(used: number, quota: number): number {
  if (quota <= 0) return used > 0 ? 100 : 0;
  return Math.min(100, Math.floor((used * 100) / quota));
}

/** The highest level, which the toolbar badge counts clients over; undefined with none set. */
export function highestLevel(levels: readonly number[]): number | undefined {
  return levels.length === 0 ? undefined : Math.max(...levels);
}
