import { serializeCsv } from '../../../../lib/io/csv';
import { guardCell } from '../../../../lib/io/formula-guard';
import { hasMessage, t } from '../../../../lib/i18n';
import type { BackupSection, ImportProblem, ImportWhere } from '../../../../lib/model/import';
import type { MessageKey } from '../../../../lib/model/messages';

const SECTION_WHERE: Record<Exclude<BackupSection, 'settings'>, MessageKey> = {
  clients: 'import_whereClient',
  experiments: 'import_whereExperiment',
  members: 'import_whereMember',
  reports: 'import_whereReport',
  usageSamples: 'import_whereUsageSample',
  issuedOrgIds: 'import_whereIssued',
};

/** "Line 12", "Client 4", "Whole file": where to look in the file. */
export function whereText(where: ImportWhere): string {
  if (where.kind === 'file') return t('import_whereFile');
  if (where.kind === 'line') return t('import_whereLine', { line: where.line });
  if (where.section === 'settings') return t('import_whereSettings');
  return t(SECTION_WHERE[where.section], { index: where.index });
}

/** The reason as a sentence that names the field, in the current language. */
export function problemText(problem: ImportProblem): string {
  // Fields of a backup without a catalogue name (e.g. createdAt) are named as the file names them.
  const label = problem.labelKey && hasMessage(problem.labelKey) ? t(problem.labelKey) : problem.field;
  return t(problem.key, { ...problem.params, field: label });
}

/** Every problem as a CSV file, for lists too long to read on the page. */
export function problemsCsv(problems: readonly ImportProblem[]): string {
  const rows = problems.map((problem) =>
    [whereText(problem.where), problem.field, problemText(problem)].map(guardCell),
  );
  return `\uFEFF${serializeCsv([[t('import_colWhere'), t('import_colField'), t('import_colProblem')], ...rows])}`;
}
