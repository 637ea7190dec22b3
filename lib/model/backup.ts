import { clientSchema } from './client-schema';
import { orgIdSchema } from './ids-schema';
import { experimentSchema, memberSchema, usageReportSchema } from './org-records';
import type { Settings } from './settings';
import { settingsSchema } from './settings-schema';
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

/** The sections of version 1; each record is checked on its own so that problems can point at it. */
export const backupSectionsSchema = z.object({
  exportedAt: z.string(),
  settings: z.unknown(),
  clients: z.array(z.unknown()),
  experiments: z._default(z.array(z.unknown()), []),
  members: z._default(z.array(z.unknown()), []),
  reports: z._default(z.array(z.unknown()), []),
  issuedOrgIds: z._default(z.array(z.unknown()), []),
});

/** A client as the backup holds it: the model, without the fields the database derives from it. */
export const backupClientSchema = clientSchema;
export type BackupClient = z.infer<typeof backupClientSchema>;

/** Experiments and members get new ids on restore: ids are local to one database. */
export const backupExperimentSchema = z.omit(experimentSchema, { id: true });
export type BackupExperiment = z.infer<typeof backupExperimentSchema>;

export const backupMemberSchema = z.omit(memberSchema, { id: true });
export type BackupMember = z.infer<typeof backupMemberSchema>;

export const backupReportSchema = usageReportSchema;
export type BackupReport = z.infer<typeof backupReportSchema>;

export const issuedOrgIdSchema = z.object({ orgId: orgIdSchema, issuedAt: z.number() });
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
  /**
   * Org IDs retired with their clients (deleted or purged), so that a restored roster never
   * hands one out again; the clients' own IDs are in `clients`. (Older backups list every ID.)
   */
  issuedOrgIds: IssuedOrgIdRecord[];
}
