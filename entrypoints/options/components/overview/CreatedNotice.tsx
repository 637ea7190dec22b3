import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../../../lib/i18n';
import { copyText } from '../../../../lib/platform/clipboard';

/**
 * Greets a client that was just created with its new Org ID, the one thing the person
 * needs next. Focus lands here, so a screen reader reads it and Tab reaches Copy.
 */
export function CreatedNotice({ orgId }: { orgId: string }) {
  const panel = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);

  useEffect(() => panel.current?.focus(), []);

  async function onCopy() {
    setCopied(await copyText(orgId));
  }

  return (
    <div class="overview-created" ref={panel} tabIndex={-1} data-testid="created-notice">
      <p class="overview-created-text">{t('overview_created', { orgId })}</p>
      <button type="button" class="secondary" onClick={() => void onCopy()}>
        {t('overview_copyOrgId')}
      </button>
      <p role="status">{copied === null ? '' : copied ? t('overview_orgIdCopied') : t('overview_orgIdNotCopied')}</p>
    </div>
  );
}
