import { t } from '../../lib/i18n';
import { asDate, type MessageKey } from '../../lib/model/messages';
import type { SwitcherEntry } from '../../lib/ops/switcher';
import type { TabPlacement } from '../../lib/platform/tabs';
import { StatusBadge } from '../../components/StatusBadge';

/** Short reasons for a row; the full sentence shows when someone tries to open it. */
const SHORT_REASON: Partial<Record<MessageKey, MessageKey>> = {
  error_noWorkspaceUrl: 'popup_reasonNoUrl',
  error_workspaceUrlNotHttp: 'popup_reasonNotHttp',
};

export interface ClientSwitcherRowProps {
  entry: SwitcherEntry;
  id: string;
  /** Position in the whole list, from 0: only the visible rows exist in the page. */
  index: number;
  total: number;
  top: number;
  selected: boolean;
  onOpen: (entry: SwitcherEntry, where: TabPlacement) => void;
}

/** One client in the popup's list: name, company or domain, Org ID, status, usage (and a close run-out day), and Access. */
export function ClientSwitcherRow({ entry, id, index, total, top, selected, onOpen }: ClientSwitcherRowProps) {
  const { workspace } = entry;
  const reason = workspace.ok ? undefined : t(SHORT_REASON[workspace.key] ?? workspace.key);
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      aria-disabled={workspace.ok ? undefined : true}
      aria-posinset={index + 1}
      aria-setsize={total}
      class={`switcher-row${selected ? ' switcher-row-selected' : ''}`}
      style={{ top: `${top}px` }}
      title={workspace.ok ? workspace.url : t(workspace.key)}
      // Keeps the focus in the search box, where the keyboard works the list.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => onOpen(entry, 'new-tab')}
    >
      <span class="switcher-row-text">
        <span class="switcher-row-name">{entry.name}</span>
        <span class="switcher-row-detail">
          {entry.detail && (
            <>
              <span class="switcher-row-company">{entry.detail}</span>
              <span class="switcher-row-separator"> · </span>
            </>
          )}
          <span class="switcher-row-org">{entry.orgId}</span>
        </span>
        {reason && <span class="switcher-row-problem">{reason}</span>}
      </span>
      {/* Three lines fill the row's height only without the gaps between them. */}
      <span class={`switcher-row-meta${entry.runsOutOn === undefined ? '' : ' switcher-row-meta-full'}`}>
        <StatusBadge status={entry.status} />
        <span class="switcher-row-usage">
          {/* An inactive client holds only what it used: "100%" would suggest a problem it does not have. */}
          {entry.status === 'inactive'
            ? t('popup_inactiveUsage', { used: entry.usedVisitors })
            : t('popup_usage', { percent: entry.usagePercent })}
        </span>
        {entry.runsOutOn !== undefined && (
          <span class="switcher-row-runout">{t('popup_runsOut', { date: asDate(entry.runsOutOn) })}</span>
        )}
      </span>
      {/*
        A look-alike of a button, not a button: an option may hold no control of its own. Keyboard
        and screen reader users have Shift+Enter, which the search box's description tells them.
      */}
      <span
        class={`switcher-row-access${workspace.ok ? '' : ' switcher-row-access-disabled'}`}
        aria-hidden="true"
        title={t('popup_accessTitle', { name: entry.name })}
        onClick={(event) => {
          event.stopPropagation();
          if (workspace.ok) onOpen(entry, 'current-tab');
        }}
      >
        {t('popup_access')}
      </span>
    </div>
  );
}
