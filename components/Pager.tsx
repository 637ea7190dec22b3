import { t } from '../lib/i18n';
import './client-list.css';

interface PagerProps {
  /** Names the navigation landmark, e.g. "Pages of the client list". */
  label: string;
  offset: number;
  pageSize: number;
  total: number;
  onOffset: (offset: number) => void;
}

/** Which rows of a long list are shown, with Previous and Next; hidden when one page holds them all. */
export function Pager({ label, offset, pageSize, total, onOffset }: PagerProps) {
  if (total <= pageSize) return null;
  const page = Math.floor(offset / pageSize) + 1;
  const pages = Math.ceil(total / pageSize);
  const first = offset === 0;
  const last = offset + pageSize >= total;
  // aria-disabled rather than disabled: a button that disables itself would drop the focus.
  return (
    <nav class="pager" aria-label={label}>
      <button type="button" class="secondary" aria-disabled={first ? 'true' : undefined} onClick={() => first || onOffset(Math.max(0, offset - pageSize))}>
        {t('clients_previousPage')}
      </button>
      <span data-testid="page-position">{t('clients_pagePosition', { page, pages })}</span>
      <button type="button" class="secondary" aria-disabled={last ? 'true' : undefined} onClick={() => last || onOffset(offset + pageSize)}>
        {t('clients_nextPage')}
      </button>
    </nav>
  );
}
