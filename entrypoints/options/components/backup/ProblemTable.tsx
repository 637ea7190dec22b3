import { t } from '../../../../lib/i18n';
import type { ImportProblem } from '../../../../lib/model/import';
import { downloadText } from './download';
import { problemsCsv, problemText, whereText } from './problem-text';

/** Rows drawn on the page; the download holds them all. */
export const SHOWN_PROBLEMS = 200;

/** Every problem of the file: where, which field, and why, with the whole list downloadable. */
export function ProblemTable({ problems, fileName }: { problems: readonly ImportProblem[]; fileName: string }) {
  const shown = problems.slice(0, SHOWN_PROBLEMS);
  function download() {
    const base = fileName.replace(/\.[^.]*$/, '');
    downloadText(`${base}-problems.csv`, problemsCsv(problems), 'text/csv;charset=utf-8');
  }
  return (
    <div class="import-problems">
      <h4 id="import-problems-heading">{t('import_problemsHeading')}</h4>
      <p>{t('import_problemsIntro')}</p>
      <div class="table-scroll" role="region" aria-labelledby="import-problems-heading" tabIndex={0}>
        <table data-testid="import-problems">
          <thead>
            <tr>
              <th scope="col">{t('import_colWhere')}</th>
              <th scope="col">{t('import_colField')}</th>
              <th scope="col">{t('import_colProblem')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((problem, index) => (
              <tr key={index}>
                <td class="nowrap">{whereText(problem.where)}</td>
                <td>{problem.field && <code>{problem.field}</code>}</td>
                <td>{problemText(problem)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {problems.length > shown.length && (
        <p>{t('import_problemsCapped', { shown: shown.length, total: problems.length })}</p>
      )}
      <button type="button" class="secondary" onClick={download}>
        {t('import_downloadProblems')}
      </button>
    </div>
  );
}
