import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../../../lib/i18n';
import type { PreparedImport } from '../../../../lib/model/import';
import type { ImportPlan } from '../../../../lib/ops/import';
import { ProblemTable } from './ProblemTable';

interface ImportPreviewProps {
  fileName: string;
  prepared: PreparedImport;
  plan: ImportPlan;
  /** Changes with each file chosen: the preview then takes the focus, so that it is read out. */
  focusKey: number;
  busy: boolean;
  onImport: () => void;
}

/** What the import would do, every problem that stops it, and the button that runs it. */
export function ImportPreview({ fileName, prepared, plan, focusKey, busy, onImport }: ImportPreviewProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [focusKey]);
  const blocked = plan.problems.length > 0;
  const orgData = plan.orgData;

  return (
    <section aria-labelledby="import-preview-heading" class="import-preview" data-testid="import-preview">
      <h3 id="import-preview-heading" ref={heading} tabIndex={-1}>
        {t('import_previewHeading', { name: fileName })}
      </h3>
      <ul class="import-summary" data-testid="import-summary">
        <li>{t('import_summaryCreate', { count: plan.creates.length })}</li>
        <li>{t('import_summaryUpdate', { count: plan.updates.length })}</li>
        <li>{t('import_summarySkip', { count: plan.skipped })}</li>
        <li class={plan.problemRows > 0 ? 'has-problems' : undefined}>
          {t('import_summaryProblems', { count: plan.problemRows })}
        </li>
      </ul>
      {prepared.kind === 'backup' && (
        <p>
          {t('import_summaryOrgRecords', {
            experiments: orgData.experiments.length,
            members: orgData.members.length,
            reports: orgData.reports.length,
          })}
        </p>
      )}
      {plan.settings && <p>{t('import_summarySettings')}</p>}
      <p>{t('import_poolAfter', { allocated: plan.allocatedAfter, pool: plan.poolSize })}</p>
      {blocked ? <ProblemTable problems={plan.problems} fileName={fileName} /> : <p>{t('import_ready')}</p>}
      <div class="backup-actions">
        <button
          type="button"
          disabled={blocked || busy}
          onClick={onImport}
          aria-describedby={blocked ? 'import-blocked' : undefined}
        >
          {t('import_start')}
        </button>
        {blocked && (
          <p id="import-blocked" class="hint">
            {t('import_blocked')}
          </p>
        )}
      </div>
    </section>
  );
}
