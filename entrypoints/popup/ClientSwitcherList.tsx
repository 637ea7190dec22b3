import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SwitcherEntry } from '../../lib/ops/switcher';
import type { TabPlacement } from '../../lib/platform/tabs';
import { ClientSwitcherRow } from './ClientSwitcherRow';

/** Every row has the same height, so the rows in view follow from the scroll position alone. */
export const ROW_HEIGHT = 64;
export const VISIBLE_ROWS = 6;
/** Rows drawn beyond each edge, so that a quick scroll does not show blank space. */
const OVERSCAN = 3;

export interface ClientSwitcherListProps {
  id: string;
  label: string;
  entries: readonly SwitcherEntry[];
  selectedIndex: number;
  optionId: (orgId: string) => string;
  onOpen: (entry: SwitcherEntry, where: TabPlacement) => void;
}

/**
 * The popup's list of clients, drawing only the rows in view: ten thousand clients cost the
 * same dozen rows as ten. The search box owns the focus and points at the selected row.
 */
export function ClientSwitcherList({ id, label, entries, selectedIndex, optionId, onOpen }: ClientSwitcherListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const height = Math.min(entries.length, VISIBLE_ROWS) * ROW_HEIGHT;

  // The selected row stays in view (and so in the page, for aria-activedescendant).
  useLayoutEffect(() => {
    const list = ref.current;
    if (!list) return;
    const top = selectedIndex * ROW_HEIGHT;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + ROW_HEIGHT > list.scrollTop + height) list.scrollTop = top + ROW_HEIGHT - height;
    setScrollTop(list.scrollTop);
  }, [selectedIndex, entries, height]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(entries.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  return (
    <div
      ref={ref}
      id={id}
      role="listbox"
      aria-label={label}
      class="switcher-list"
      style={{ height: `${height}px` }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div class="switcher-list-inner" style={{ height: `${entries.length * ROW_HEIGHT}px` }}>
        {entries.slice(first, last).map((entry, offset) => {
          const index = first + offset;
          return (
            <ClientSwitcherRow
              key={entry.orgId}
              entry={entry}
              id={optionId(entry.orgId)}
              index={index}
              total={entries.length}
              top={index * ROW_HEIGHT}
              selected={index === selectedIndex}
              onOpen={onOpen}
            />
          );
        })}
      </div>
    </div>
  );
}
