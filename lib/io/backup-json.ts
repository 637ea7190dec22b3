import {
  type Backup,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  backupClientSchema,
  backupExperimentSchema,
  backupHeaderSchema,
  backupMemberSchema,
  backupReportSchema,
  backupSectionsSchema,
  backupSettingsSchema,
  backupUsageSampleSchema,
  issuedOrgIdSchema,
} from '../model/backup';
import { AppError, isAppError } from '../model/errors';
import type { BackupSection, ImportProblem, IndexedRecord, PreparedBackup } from '../model/import';
import type { FieldScope } from '../model/validate';
import { parseOrThrow } from '../model/validate';
import { z } from '../model/zod';
import { backupReferenceProblems } from '../rules/import-file-checks';

/** The backup as a file: indented, so that it can be read and compared by people. */
export function serializeBackup(backup: Backup): string {
  return `${JSON.stringify(backup, null, 2)}\n`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks each record of a section with its schema; good records are kept, bad ones become problems. */
function checkSection<S extends z.ZodMiniType>(
  section: BackupSection,
  records: readonly unknown[],
  schema: S,
  scope: FieldScope,
  problems: ImportProblem[],
): IndexedRecord<z.output<S>>[] {
  const good: IndexedRecord<z.output<S>>[] = [];
  records.forEach((record, position) => {
    const index = position + 1;
    try {
      good.push({ index, record: parseOrThrow(schema, record, scope) });
    } catch (error) {
      if (!isAppError(error)) throw error;
      for (const problem of error.problems) {
        problems.push({
          where: { kind: 'record', section, index },
          field: problem.field,
          labelKey: problem.labelKey,
          key: problem.key,
          params: problem.params,
        });
      }
    }
  });
  return good;
}

/**
 * Reads a backup file and checks every record in it. A file that is not JSON, not ours, or
 * from a newer version is refused as a whole; problems of single records are collected.
 * Checks that need the database (existing clients, the pool) come later, in the plan.
 */
export function readBackup(text: string): PreparedBackup {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError('validation', 'import_jsonDamaged');
  }
  const header = z.safeParse(backupHeaderSchema, data);
  if (!header.success) {
    const claimsOurs = isObject(data) && data.format === BACKUP_FORMAT;
    throw new AppError('validation', claimsOurs ? 'import_backupDamaged' : 'import_notBackup');
  }
  if (header.data.version > BACKUP_VERSION)
    throw new AppError('validation', 'import_backupTooNew', { version: header.data.version });
  const sections = z.safeParse(backupSectionsSchema, data);
  if (!sections.success) throw new AppError('validation', 'import_backupDamaged');
  const body = sections.data;

  const problems: ImportProblem[] = [];
  const [settings] = checkSection('settings', [body.settings], backupSettingsSchema, 'settings', problems);
  const clients = checkSection('clients', body.clients, backupClientSchema, 'client', problems);
  const experiments = checkSection('experiments', body.experiments, backupExperimentSchema, 'experiment', problems);
  const members = checkSection('members', body.members, backupMemberSchema, 'member', problems);
  const reports = checkSection('reports', body.reports, backupReportSchema, 'usage', problems);
  const usageSamples = checkSection('usageSamples', body.usageSamples, backupUsageSampleSchema, 'usage', problems);
  const issued = checkSection('issuedOrgIds', body.issuedOrgIds, issuedOrgIdSchema, 'client', problems);

  problems.push(...backupReferenceProblems({ clients, experiments, members, reports, usageSamples }));

  return {
    kind: 'backup',
    version: header.data.version,
    exportedAt: body.exportedAt,
    ...(settings && { settings: settings.record }),
    clients,
    experiments,
    members,
    reports,
    usageSamples,
    issuedOrgIds: issued.map(({ record }) => record),
    usageSourceTokenSaved: body.usageSourceTokenSaved ?? false,
    rowCount: body.clients.length,
    problems,
  };
}
