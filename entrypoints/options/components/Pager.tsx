import { useEffect } from 'preact/hooks';
import { t } from '../../../lib/i18n';
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
      <button
        type="button"
        class="secondary"
        aria-disabled={first ? 'true' : undefined}
        onClick={() => first || onOffset(Math.max(0, offset - pageSize))}
      >
        {t('clients_previousPage')}
      </button>
      <span data-testid="page-position">{t('clients_pagePosition', { page, pages })}</span>
      <button
        type="button"
        class="secondary"
        aria-disabled={last ? 'true' : undefined}
        onClick={() => last || onOffset(offset + pageSize)}
      >
        {t('clients_nextPage')}
      </button>
    </nav>
  );
}

/** `offset`, or the start of the last page that has rows when `offset` points past the end. */
export function offsetWithin(offset: number, total: number, pageSize: number): number {
  return offset > 0 && offset >= total ? Math.max(0, Math.ceil(total / pageSize) - 1) * pageSize : offset;
}

/**
 * Steps back to the last page that has rows when the list is shorter than the page shown:
 * a deletion emptied the last page, or an address was kept from when the list was longer.
 */
export function useOffsetWithin(
  total: number | undefined,
  offset: number,
  pageSize: number,
  setOffset: (offset: number) => void,
): void {
  useEffect(() => {
    if (total === undefined) return;
    const within = offsetWithin(offset, total, pageSize);
    if (within !== offset) setOffset(within);
  }, [total, offset, pageSize, setOffset]);
}
