/**
 * The checks across the records of one import file: a client appears once, and every org record
 * of a backup belongs to one of its clients, without repeats. The file readers (lib/io) run them
 * as they read; a shared roster's server runs them again on the prepared import a browser sent,
 * since what it stores must hold them whoever sent it.
 */
import type { ImportProblem, PreparedBackup, PreparedImport } from '../model/import';
import { asDate } from '../model/messages';

/**
 * A CSV row whose Org ID an earlier row has: its problem. Otherwise undefined, and the row's
 * line is kept in `firstLines` as the one its Org ID is first on.
 */
export function repeatedCsvOrgId(
  firstLines: Map<string, number>,
  orgId: string,
  line: number,
): ImportProblem | undefined {
  const seenOn = firstLines.get(orgId);
  if (seenOn === undefined) {
    firstLines.set(orgId, line);
    return undefined;
  }
  return {
    where: { kind: 'line', line },
    field: 'org_id',
    labelKey: 'import_column_orgId',
    key: 'import_orgIdRepeated',
    params: { line: seenOn },
  };
}

type BackupRecords = Pick<PreparedBackup, 'clients' | 'experiments' | 'members' | 'reports' | 'usageSamples'>;

/** Each Org ID once among a backup's clients; every org record belongs to one of them, without repeats. */
export function backupReferenceProblems({
  clients,
  experiments,
  members,
  reports,
  usageSamples,
}: BackupRecords): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const indexOfOrgId = new Map<string, number>();
  for (const { index, record } of clients) {
    const first = indexOfOrgId.get(record.orgId);
    if (first !== undefined)
      problems.push({
        where: { kind: 'record', section: 'clients', index },
        field: 'orgId',
        labelKey: 'import_column_orgId',
        key: 'import_orgIdRepeatedInBackup',
        params: { orgId: record.orgId, index: first },
      });
    else indexOfOrgId.set(record.orgId, index);
  }
  const orphan = (section: 'experiments' | 'members' | 'reports' | 'usageSamples', index: number, orgId: string) =>
    problems.push({
      where: { kind: 'record', section, index },
      field: 'orgId',
      labelKey: 'import_column_orgId',
      key: 'import_recordWithoutClient',
      params: { orgId },
    });

  for (const { index, record } of experiments)
    if (!indexOfOrgId.has(record.orgId)) orphan('experiments', index, record.orgId);

  const memberKeys = new Set<string>();
  for (const { index, record } of members) {
    if (!indexOfOrgId.has(record.orgId)) orphan('members', index, record.orgId);
    const key = `${record.orgId}\n${record.email}`;
    if (memberKeys.has(key))
      problems.push({
        where: { kind: 'record', section: 'members', index },
        field: 'email',
        labelKey: 'field_member_email',
        key: 'error_memberEmailTaken',
        params: {},
      });
    memberKeys.add(key);
  }

  const reportKeys = new Set<string>();
  for (const { index, record } of reports) {
    if (!indexOfOrgId.has(record.orgId)) orphan('reports', index, record.orgId);
    const key = `${record.orgId}\n${record.period}`;
    if (reportKeys.has(key))
      problems.push({
        where: { kind: 'record', section: 'reports', index },
        field: 'period',
        key: 'import_reportRepeated',
        params: { period: asDate(record.period) },
      });
    reportKeys.add(key);
  }

  // One sample per client and day, as the table's key holds them.
  const sampleKeys = new Set<string>();
  for (const { index, record } of usageSamples) {
    if (!indexOfOrgId.has(record.orgId)) orphan('usageSamples', index, record.orgId);
    const key = `${record.orgId}\n${record.day}`;
    if (sampleKeys.has(key))
      problems.push({
        where: { kind: 'record', section: 'usageSamples', index },
        field: 'day',
        key: 'import_usageSampleRepeated',
        params: { day: asDate(record.day) },
      });
    sampleKeys.add(key);
  }
  return problems;
}

/** Every problem across the records of a prepared import, as its reader would have found them. */
export function crossRecordProblems(prepared: PreparedImport): ImportProblem[] {
  if (prepared.kind === 'backup') return backupReferenceProblems(prepared);
  const firstLines = new Map<string, number>();
  return prepared.rows.flatMap((row) => {
    const problem = row.orgId === undefined ? undefined : repeatedCsvOrgId(firstLines, row.orgId, row.line);
    return problem ? [problem] : [];
  });
}
