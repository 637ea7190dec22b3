import { emailField, licenseCount, requiredText } from './fields';
import { orgIdSchema } from './ids-schema';
import { LIMITS } from './limits';
import { z } from './zod';

export const EXPERIMENT_STATUSES = ['draft', 'running', 'paused', 'completed'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/** Who paused an experiment; only what a rule paused is resumed by that rule. */
export const PAUSE_CAUSES = ['person', 'quota', 'inactivity'] as const;
export type PauseCause = (typeof PAUSE_CAUSES)[number];

export const experimentInputSchema = z.object({
  name: requiredText(LIMITS.experimentName),
});

export const experimentSchema = z.object({
  id: z.optional(z.number()),
  orgId: orgIdSchema,
  name: requiredText(LIMITS.experimentName),
  status: z.enum(EXPERIMENT_STATUSES),
  pausedBy: z.optional(z.enum(PAUSE_CAUSES)),
  /** The key a shared roster names it by (lib/model/sync-ids.ts); absent only in backups made before version 8. */
  key: z.optional(z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Experiment = z.infer<typeof experimentSchema>;

export const MEMBER_ROLES = ['super_admin', 'admin', 'user'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const memberInputSchema = z.object({
  name: requiredText(LIMITS.name),
  email: emailField,
  role: z.enum(MEMBER_ROLES),
});
export type MemberInput = z.input<typeof memberInputSchema>;

export const memberSchema = z.extend(memberInputSchema, {
  id: z.optional(z.number()),
  orgId: orgIdSchema,
  /** The key a shared roster names it by, as an experiment's. */
  key: z.optional(z.string()),
  createdAt: z.number(),
});
export type Member = z.infer<typeof memberSchema>;

/** Usage of one billing period; `period` is the period's first day (YYYY-MM-DD). */
export const usageReportSchema = z.object({
  orgId: orgIdSchema,
  period: z.string(),
  visitors: licenseCount(0),
  updatedAt: z.number(),
});
export type UsageReport = z.infer<typeof usageReportSchema>;
