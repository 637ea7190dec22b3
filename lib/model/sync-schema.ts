/**
 * The sync protocol's bodies (docs/SYNC.md), checked with zod before the server runs any SQL
 * and by a browser before it applies what it pulled. Each change's `args` has its own schema:
 * the same ones the operations parse their input with, so a value the dashboard refuses is
 * refused by the server with the same field problems.
 */
import { changeCardInputSchema, subscriptionInputSchema } from './subscription';
import { clientDetailsSchema, newClientSchema, revokeAccessSchema } from './client-schema';
import { licenseCount } from './fields';
import { isAppError, validationError } from './errors';
import { orgIdSchema } from './ids-schema';
import { importChoicesSchema, preparedImportSchema } from './import-schema';
import type { MessageKey } from './messages';
import { experimentInputSchema, MEMBER_ROLES, memberInputSchema } from './org-records';
import { settingsSchema, usageWarningLevelsSchema, workspaceTemplateSchema } from './settings-schema';
import { CHANGE_NAMES, type ChangeName, MAX_CHANGES_PER_PUSH, MAX_PULL_LIMIT, TEAM_ROLES } from './team';
import { usageReasonSchema } from './usage-records';
import { type FieldScope, parseOrThrow } from './validate';
import { z } from './zod';

/** Ids a browser makes up (change ids, device ids, experiment and member keys): letters, digits, `-` and `_`. */
export const syncIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'error_syncIdInvalid' }));

/** A record of a client's org that a browser creates offline: its key is made up there, as the Org ID is. */
const orgRecordRef = { orgId: orgIdSchema, key: syncIdSchema };

/**
 * What a settings change names, and only that: the operation merges it into the current
 * settings. The usage source stays in each browser (its token is never shared), so it is not
 * a shared setting; sent along, it is dropped like any unknown key. The warning levels are
 * without their default (meant for settings saved before they existed): filled into a patch,
 * it would put the default levels back with every other change.
 */
const settingsPatchSchema = z.partial(
  z.extend(z.omit(settingsSchema, { usageSource: true }), {
    usageWarningLevels: usageWarningLevelsSchema,
    // Cleared as the other optional texts are, with empty text (the form leaves it empty).
    workspaceUrlTemplate: z.optional(
      z.pipe(
        z.string(),
        z.pipe(
          z.transform((value: string) => (value.trim() === '' ? undefined : value)),
          z.optional(workspaceTemplateSchema),
        ),
      ),
    ),
  }),
);

export const changeArgsSchemas = {
  /** The Org ID comes from the browser that created the client (offline included). */
  'client.create': z.strictObject({ orgId: orgIdSchema, client: newClientSchema }),
  'client.update': z.strictObject({ orgId: orgIdSchema, details: clientDetailsSchema }),
  'client.reallocate': z.strictObject({ orgId: orgIdSchema, quota: licenseCount(1) }),
  'client.setVisitorsUsed': z.strictObject({
    orgId: orgIdSchema,
    visitors: licenseCount(0),
    /** Why a person lowered the number; required then, as in the dashboard (spaces are no reason). */
    reason: usageReasonSchema,
  }),
  'client.markInactive': z.strictObject({ orgId: orgIdSchema }),
  'client.reactivate': z.strictObject({ orgId: orgIdSchema, quota: licenseCount(1) }),
  'client.delete': z.strictObject({ orgId: orgIdSchema }),
  'experiment.create': z.strictObject({ ...orgRecordRef, experiment: experimentInputSchema }),
  'experiment.start': z.strictObject(orgRecordRef),
  'experiment.pause': z.strictObject(orgRecordRef),
  'experiment.complete': z.strictObject(orgRecordRef),
  'orgMember.add': z.strictObject({ ...orgRecordRef, member: memberInputSchema }),
  'orgMember.remove': z.strictObject(orgRecordRef),
  'orgMember.changeRole': z.strictObject({ ...orgRecordRef, role: z.enum(MEMBER_ROLES) }),
  'client.setSubscription': z.strictObject({ orgId: orgIdSchema, subscription: subscriptionInputSchema }),
  'client.changeCard': z.strictObject({ orgId: orgIdSchema, card: changeCardInputSchema }),
  'client.recordRevokedAccess': z.strictObject({ orgId: orgIdSchema, revoke: revokeAccessSchema }),
  'client.restoreAccess': z.strictObject({ orgId: orgIdSchema }),
  'settings.update': z.strictObject({ patch: settingsPatchSchema }),
  /** A whole import (CSV or backup) as one change: all of it applies, or none. */
  'roster.import': z.strictObject({ prepared: preparedImportSchema, choices: importChoicesSchema }),
} as const satisfies Record<ChangeName, z.ZodMiniType>;

/** Which key of each change holds the form's fields, and the form they are named by (lib/model/validate.ts). */
const CHANGE_FORMS: Record<Exclude<ChangeName, 'roster.import'>, [key: string, scope: FieldScope]> = {
  'client.create': ['client', 'client'],
  'client.update': ['details', 'client'],
  'client.reallocate': ['quota', 'quota'],
  'client.setVisitorsUsed': ['visitors', 'usage'],
  'client.markInactive': ['orgId', 'client'],
  'client.reactivate': ['quota', 'quota'],
  'client.delete': ['orgId', 'client'],
  'experiment.create': ['experiment', 'experiment'],
  'experiment.start': ['key', 'experiment'],
  'experiment.pause': ['key', 'experiment'],
  'experiment.complete': ['key', 'experiment'],
  'orgMember.add': ['member', 'member'],
  'orgMember.remove': ['key', 'member'],
  'orgMember.changeRole': ['role', 'member'],
  'client.setSubscription': ['subscription', 'subscription'],
  'client.changeCard': ['card', 'payment'],
  'client.recordRevokedAccess': ['revoke', 'revoke'],
  'client.restoreAccess': ['orgId', 'client'],
  'settings.update': ['patch', 'settings'],
};

/**
 * An import's args are what a browser's reader made of a file, not a form a person filled in:
 * each problem keeps its place in the change as its field (prepared.rows.details.name) and is
 * labelled by the part it is in, the file or the choices.
 */
function parseImportArgs(args: unknown): ChangeArgs<'roster.import'> {
  try {
    return parseOrThrow(changeArgsSchemas['roster.import'], args, 'sync');
  } catch (error) {
    if (!isAppError(error)) throw error;
    throw validationError(
      error.problems.map((problem) => ({
        ...problem,
        labelKey: `field_sync_${problem.field.split('.')[0] || 'value'}` as MessageKey,
      })),
    );
  }
}

/** A change's args, parsed as the operation parses its input: a refusal names each field as its form does. */
export function parseChangeArgs<N extends ChangeName>(name: N, args: unknown): ChangeArgs<N> {
  if (name === 'roster.import') return parseImportArgs(args) as ChangeArgs<N>;
  const [key, scope] = CHANGE_FORMS[name as Exclude<N, 'roster.import'>];
  return parseOrThrow(changeArgsSchemas[name], args, scope, key) as ChangeArgs<N>;
}

export type ChangeArgs<N extends ChangeName> = z.output<(typeof changeArgsSchemas)[N]>;
export type ChangeArgsInput<N extends ChangeName> = z.input<(typeof changeArgsSchemas)[N]>;

export const changeSchema = z.strictObject({
  id: syncIdSchema,
  name: z.enum(CHANGE_NAMES),
  args: z.unknown(),
});
export type Change = z.infer<typeof changeSchema>;

export const pushBodySchema = z.strictObject({
  deviceId: syncIdSchema,
  changes: z.array(changeSchema).check(z.minLength(1), z.maxLength(MAX_CHANGES_PER_PUSH)),
});
export type PushBody = z.infer<typeof pushBodySchema>;

const versionText = z.string().check(z.regex(/^(0|[1-9]\d{0,15})$/, { error: 'error_syncVersionInvalid' }));

export const pullQuerySchema = z.strictObject({
  since: z.optional(versionText),
  limit: z.optional(
    z.string().check(
      z.regex(/^[1-9]\d{0,5}$/, { error: 'error_syncLimitInvalid' }),
      z.refine((text) => Number(text) <= MAX_PULL_LIMIT, { error: 'error_syncLimitInvalid' }),
    ),
  ),
});

export const teamRoleSchema = z.enum(TEAM_ROLES);
