/**
 * What the sync server answers (docs/SYNC.md), as a browser checks it before it trusts it: the
 * shape of /v1/me, /v1/push and /v1/pull, and of an error body. A pulled row's `data` is
 * checked against the record schema of its entity (pulledRecordSchemas) when it is applied.
 */
import { activityEntrySchema } from './activity-schema';
import { clientSchema } from './client-schema';
import { experimentSchema, memberSchema, usageReportSchema } from './org-records';
import { reminderSchema } from './reminder';
import { settingsSchema } from './settings-schema';
import { SYNC_ENTITIES } from './sync-pull';
import { TEAM_ROLES } from './team';
import { usageSampleSchema } from './usage-records';
import { z } from './zod';

const messageParamsSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.object({ isoDate: z.string() }), z.array(z.string())]),
);

export const meAnswerSchema = z.object({
  agency: z.object({ id: z.string(), name: z.string() }),
  member: z.object({ id: z.string(), name: z.string(), role: z.enum(TEAM_ROLES) }),
  version: z.int().check(z.gte(0)),
});
export type MeAnswer = z.infer<typeof meAnswerSchema>;

const fieldProblemSchema = z.object({
  field: z.string(),
  labelKey: z.string(),
  key: z.string(),
  params: messageParamsSchema,
});

const importProblemSchema = z.object({
  where: z.record(z.string(), z.unknown()),
  field: z.string(),
  labelKey: z.optional(z.string()),
  key: z.string(),
  params: messageParamsSchema,
});

const changeResultSchema = z.discriminatedUnion('status', [
  z.object({ id: z.string(), status: z.literal('accepted'), version: z.int(), repeated: z.optional(z.literal(true)) }),
  z.object({
    id: z.string(),
    status: z.literal('refused'),
    code: z.enum(['validation', 'not_found', 'rule', 'conflict', 'unexpected']),
    key: z.string(),
    params: messageParamsSchema,
    problems: z.optional(z.array(fieldProblemSchema)),
    importProblems: z.optional(z.array(importProblemSchema)),
    repeated: z.optional(z.literal(true)),
  }),
  z.object({ id: z.string(), status: z.literal('retry'), key: z.string(), repeated: z.optional(z.literal(true)) }),
]);

export const pushAnswerSchema = z.object({ results: z.array(changeResultSchema) });

const pulledRowSchema = z.object({
  version: z.int().check(z.gte(0)),
  entity: z.enum(SYNC_ENTITIES),
  orgId: z.optional(z.string()),
  key: z.optional(z.string()),
  deleted: z.boolean(),
  data: z.optional(z.unknown()),
});

export const pullPageSchema = z.object({
  rows: z.array(pulledRowSchema),
  next: z.int().check(z.gte(0)),
  more: z.boolean(),
  version: z.int().check(z.gte(0)),
});

/** What the server answers a request it does not serve: a message key of the catalogues and its parameters. */
export const errorAnswerSchema = z.object({
  error: z.object({ key: z.string(), params: z.optional(messageParamsSchema) }),
});

/**
 * The record each pulled entity carries, as the extension stores it (docs/SYNC.md, "Protocol"):
 * experiments and members without their local id (the row's key names them), the settings
 * without the usage source, which stays in each browser.
 */
export const pulledRecordSchemas = {
  client: clientSchema,
  experiment: z.omit(experimentSchema, { id: true }),
  orgMember: z.omit(memberSchema, { id: true }),
  usageReport: usageReportSchema,
  usageSample: usageSampleSchema,
  reminder: reminderSchema,
  activity: z.omit(activityEntrySchema, { id: true, pending: true }),
  settings: z.omit(settingsSchema, { usageSource: true }),
} as const;
