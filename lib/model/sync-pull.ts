/** What GET /v1/pull answers (docs/SYNC.md): the rows changed after a version, whole changes at a time. */
import type { Experiment, Member } from './org-records';

/**
 * An experiment as the server keeps and sends it: the extension's record without its local
 * numeric id, keyed instead by the key the browser that created it made up (offline included).
 */
export type SyncedExperiment = Omit<Experiment, 'id'> & { key: string };

/** A member of a client's org as the server keeps and sends it, keyed like an experiment. */
export type SyncedMember = Omit<Member, 'id'> & { key: string };

export const SYNC_ENTITIES = [
  'client',
  'experiment',
  'orgMember',
  'usageReport',
  'usageSample',
  'reminder',
  'activity',
  'settings',
] as const;
export type SyncEntity = (typeof SYNC_ENTITIES)[number];

export interface PulledRow {
  /** The version of the change that last wrote this row. */
  version: number;
  entity: SyncEntity;
  /** The client the row belongs to; absent for the settings (and history lines of no client). */
  orgId?: string;
  /** The row's key within its client (an experiment's or member's key, a period, a day). */
  key?: string;
  /** A deleted or purged client, or a removed member: the browser drops its copy. */
  deleted: boolean;
  /** The record as the extension stores it (lib/model); absent when deleted. */
  data?: unknown;
}

export interface PullPage {
  rows: PulledRow[];
  /** Pass as `since` for the next page; every row up to this version is in this page or earlier. */
  next: number;
  /** Whether later changes wait for another page. */
  more: boolean;
  /** The agency's version when this page was read. */
  version: number;
}
