/**
 * A prepared import as a browser sends it to the sync server (the change `roster.import`):
 * what lib/io's readers make of a file, checked again field by field with the same schemas the
 * readers check the file with, so that the server plans only with values the extension could
 * have made. The checks across records (lib/rules/import-file-checks.ts) come after, in the plan.
 */
import {
  BACKUP_VERSION,
  backupClientSchema,
  backupExperimentSchema,
  backupMemberSchema,
  backupReportSchema,
  backupSettingsSchema,
  backupUsageSampleSchema,
  issuedOrgIdSchema,
} from './backup';
import { CLIENT_STATUSES } from './client';
import { clientDetailsSchema } from './client-schema';
import { licenseCount } from './fields';
import { orgIdSchema } from './ids-schema';
import { CLIENT_CSV_COLUMNS, EXISTING_CHOICES } from './import';
import { z } from './zod';

/** Lines and record positions count from 1, as people count them. */
const position = z.int().check(z.gte(1));

/**
 * A file with problems is never imported (the browser shows them instead), so a prepared
 * import arrives without any; the list may be left out.
 */
const noProblems = z._default(z.array(z.never()), []);

export const csvClientRowSchema = z.object({
  line: position,
  orgId: z.optional(orgIdSchema),
  details: clientDetailsSchema,
  columns: z.array(z.enum(CLIENT_CSV_COLUMNS)).check(z.maxLength(CLIENT_CSV_COLUMNS.length)),
  status: z.optional(z.enum(CLIENT_STATUSES)),
  quota: z.optional(licenseCount(0)),
  usedVisitors: z.optional(licenseCount(0)),
});

export const preparedCsvSchema = z.object({
  kind: z.literal('csv'),
  rows: z.array(csvClientRowSchema),
  rowCount: z.int().check(z.gte(0)),
  problems: noProblems,
});

function indexed<S extends z.ZodMiniType>(record: S) {
  return z.object({ index: position, record });
}

export const preparedBackupSchema = z.object({
  kind: z.literal('backup'),
  version: z.int().check(z.gte(1), z.lte(BACKUP_VERSION)),
  exportedAt: z.string(),
  settings: z.optional(backupSettingsSchema),
  clients: z.array(indexed(backupClientSchema)),
  experiments: z.array(indexed(backupExperimentSchema)),
  members: z.array(indexed(backupMemberSchema)),
  reports: z.array(indexed(backupReportSchema)),
  usageSamples: z.array(indexed(backupUsageSampleSchema)),
  issuedOrgIds: z.array(issuedOrgIdSchema),
  usageSourceTokenSaved: z.boolean(),
  rowCount: z.int().check(z.gte(0)),
  problems: noProblems,
});

export const preparedImportSchema = z.discriminatedUnion('kind', [preparedCsvSchema, preparedBackupSchema]);

export const importChoicesSchema = z.object({
  existing: z.enum(EXISTING_CHOICES),
  /** Replace the agency settings with the backup's; ignored for CSV. */
  restoreSettings: z.boolean(),
});
