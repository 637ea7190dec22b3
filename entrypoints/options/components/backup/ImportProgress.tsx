import { t } from '../../../../lib/i18n';

/** How far the import has written, as a bar and in words. */
export function ImportProgress({ done, total }: { done: number; total: number }) {
  const text = t('import_progressText', { done, total });
  return (
    <div class="import-progress">
      <progress
        id="import-progress"
        aria-label={t('import_progressLabel')}
        aria-valuetext={text}
        max={Math.max(total, 1)}
        value={done}
        data-testid="import-progress"
      />
      <p class="hint">{text}</p>
    </div>
  );
}
