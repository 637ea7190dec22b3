import { clientSchema } from './client-schema';
import { orgIdSchema } from './ids-schema';
import { isIsoDate } from './iso-date';
import { experimentSchema, memberSchema, usageReportSchema } from './org-records';
import type { Settings } from './settings';
import { settingsSchema } from './settings-schema';
import { usageSampleSchema } from './usage-records';
import { z } from './zod';

/** Marks a file as ours: another app's JSON lacks it. */
export const BACKUP_FORMAT = 'agency-desk-backup';
/** Raised whenever the file's shape changes; an older app refuses a newer file instead of misreading it. */
export const BACKUP_VERSION = 1;

/** What every version of the file has: enough to tell ours from others and old from new. */
export const backupHeaderSchema = z.looseObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.int().check(z.gte(1)),
});

/**
 * The sections of version 1; each record is checked on its own so that problems can point at it.
 * Sections added later are optional with a default, so that the version stays 1 and an older
 * backup still imports: `usageSamples` (the daily usage behind the run-out forecast and the
 * chart) came with the usage feed, an older backup restores without them, as if the clients had
 * no usage history yet. `usageSourceTokenSaved` only says whether the roster had an access token
 * for its usage source: the token itself is never in a backup, so a restored roster has none.
 */
export const backupSectionsSchema = z.object({
  exportedAt: z.string(),
  settings: z.unknown(),
  clients: z.array(z.unknown()),
  experiments: z._default(z.array(z.unknown()), []),
  members: z._default(z.array(z.unknown()), []),
  reports: z._default(z.array(z.unknown()), []),
  usageSamples: z._default(z.array(z.unknown()), []),
  issuedOrgIds: z._default(z.array(z.unknown()), []),
  // Told, never acted on: a flag edited into something else is not worth refusing the file for.
  usageSourceTokenSaved: z.catch(z.optional(z.boolean()), undefined),
});

const isoDateText = z.string().check(z.refine(isIsoDate, { error: 'error_dateInvalid' }));

/**
 * An instant in epoch ms that a calendar date can be told of (and a database can store): from
 * 1970 to the last instant a Date holds. The operations write only such; a hand-edited one
 * would break the date rules that read it.
 */
const epochMs = z.number().check(z.gte(0), z.lte(8.64e15));

/**
 * A client as the backup holds it: the model, without the fields the database derives from it,
 * its days checked as calendar dates and its time of going inactive as an instant, since the
 * lifecycle and billing rules count with them.
 */
export const backupClientSchema = z.extend(clientSchema, {
  usagePeriod: z.optional(isoDateText),
  purgeOn: z.optional(isoDateText),
  inactiveSince: z.optional(epochMs),
});
export type BackupClient = z.infer<typeof backupClientSchema>;

/** Experiments and members get new ids on restore: ids are local to one database. */
export const backupExperimentSchema = z.omit(experimentSchema, { id: true });
export type BackupExperiment = z.infer<typeof backupExperimentSchema>;

export const backupMemberSchema = z.omit(memberSchema, { id: true });
export type BackupMember = z.infer<typeof backupMemberSchema>;

/** A report's period is the first day of a billing period: a calendar date. */
export const backupReportSchema = z.extend(usageReportSchema, { period: isoDateText });
export type BackupReport = z.infer<typeof backupReportSchema>;

/**
 * A daily usage sample, with its days checked as calendar dates: the operations write only
 * those, and the forecast counts days between them, which a hand-edited day would break.
 */
export const backupUsageSampleSchema = z.extend(usageSampleSchema, { day: isoDateText, period: isoDateText });
export type BackupUsageSample = z.infer<typeof backupUsageSampleSchema>;

export const issuedOrgIdSchema = z.object({ orgId: orgIdSchema, issuedAt: epochMs });
export type IssuedOrgIdRecord = z.infer<typeof issuedOrgIdSchema>;

export { settingsSchema as backupSettingsSchema };

/** A whole backup, version 1, as written by the export. */
export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO 8601 instant of the export. */
  exportedAt: string;
  settings: Settings;
  clients: BackupClient[];
  experiments: BackupExperiment[];
  members: BackupMember[];
  reports: BackupReport[];
  /** Each client's visitors used by the end of each day: the forecast's and the chart's history. */
  usageSamples: BackupUsageSample[];
  /**
   * Org IDs retired with their clients (deleted or purged), so that a restored roster never
   * hands one out again; the clients' own IDs are in `clients`. (Older backups list every ID.)
   */
  issuedOrgIds: IssuedOrgIdRecord[];
  /**
   * Whether the usage source had an access token. The token itself is never written (nor to a
   * CSV or the log): after a restore it has to be entered again in Settings.
   */
  usageSourceTokenSaved: boolean;
}
