// A shared roster (docs/SYNC.md): the team's roles and the named changes a browser sends the
// sync server. The schemas are in sync-schema.ts, so that what needs only these values loads no zod.

/** A member's role in the agency's team: what the permission table (lib/rules/team-permissions.ts) lets them do. */
export const TEAM_ROLES = ['owner', 'manager', 'viewer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/**
 * Every change a browser can push: each names one operation of lib/ops, and the server re-runs
 * it under the same rules (lib/rules). A name is part of the protocol: it is never renamed,
 * only added (a retired one stays refused by name).
 */
export const CHANGE_NAMES = [
  'client.create',
  'client.update',
  'client.reallocate',
  'client.setVisitorsUsed',
  'client.markInactive',
  'client.reactivate',
  'client.delete',
  'experiment.create',
  'experiment.start',
  'experiment.pause',
  'experiment.complete',
  'orgMember.add',
  'orgMember.remove',
  'orgMember.changeRole',
  'client.setSubscription',
  'client.changeCard',
  'client.recordRevokedAccess',
  'client.restoreAccess',
  'settings.update',
  'roster.import',
] as const;
export type ChangeName = (typeof CHANGE_NAMES)[number];

/** Changes in one push: a browser back from a long time offline sends its outbox in several pushes. */
export const MAX_CHANGES_PER_PUSH = 100;
/** Rows a pull returns at most per page, unless one change alone holds more (a version is never split). */
export const MAX_PULL_LIMIT = 5000;
export const DEFAULT_PULL_LIMIT = 1000;
