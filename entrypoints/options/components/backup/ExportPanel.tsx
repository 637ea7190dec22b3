import { useState } from 'preact/hooks';
import { errorMessage, t } from '../../../../lib/i18n';
import { backupFile, clientsCsvFile, type ExportFile } from '../../../../lib/ops/export';
import { Notice } from '../Notice';
import { downloadText } from './download';

/** Downloads of the whole roster (JSON backup) and of the clients (CSV). */
export function ExportPanel() {
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);

  async function download(make: () => Promise<ExportFile>) {
    setBusy(true);
    try {
      const file = await make();
      downloadText(file.name, file.text, file.type);
      setNotice({ text: t('backup_downloaded', { name: file.name }), error: false });
    } catch (error) {
      setNotice({ text: errorMessage(error), error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="export-heading" class="backup-panel">
      <h3 id="export-heading">{t('backup_exportHeading')}</h3>
      <p>{t('backup_exportIntro')}</p>
      <p class="hint">{t('backup_jsonContents')}</p>
      <div class="backup-actions">
        <button type="button" disabled={busy} onClick={() => void download(() => backupFile())}>
          {t('backup_downloadJson')}
        </button>
        <button type="button" class="secondary" disabled={busy} onClick={() => void download(() => clientsCsvFile())}>
          {t('backup_downloadCsv')}
        </button>
      </div>
      <Notice notice={notice} testId="export-notice" />
    </section>
  );
}
