import { ExportPanel } from '../components/backup/ExportPanel';
import { ImportPanel } from '../components/backup/ImportPanel';
import '../components/backup/backup.css';
import { t } from '../../../lib/i18n';

/** Backup and import: the roster out as JSON or CSV, and back in after a full check. */
export function BackupView() {
  return (
    <section aria-labelledby="backup-heading" class="backup">
      <h2 id="backup-heading">{t('backup_heading')}</h2>
      <ExportPanel />
      <ImportPanel />
    </section>
  );
}
