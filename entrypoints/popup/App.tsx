import { useEffect, useState } from 'preact/hooks';
import { ClientSwitcherList, VISIBLE_ROWS } from './ClientSwitcherList';
import { useLiveQuery } from '../../components/useLiveQuery';
import { errorMessage, t } from '../../lib/i18n';
import { getPoolSummary, markOpened, type SwitcherEntry } from '../../lib/ops';
import { canOpenShortcutSettings, getPopupShortcut, openShortcutSettings } from '../../lib/platform/commands';
import { openDashboard } from '../../lib/platform/pages';
import { closePopup } from '../../lib/platform/popup';
import { openWorkspaceTab, type TabPlacement } from '../../lib/platform/tabs';
import { TeamFooterStatus } from './TeamFooterStatus';
import { useClientSwitcher } from './useClientSwitcher';

const LIST_ID = 'switcher-list';
const optionId = (orgId: string) => `switcher-option-${orgId}`;

/** The toolbar popup: find a client in a few keystrokes and open its workspace. */
export function App({ firstRows }: { firstRows: readonly SwitcherEntry[] }) {
  const switcher = useClientSwitcher(firstRows);
  const { query, ranked, selected } = switcher;
  const [problem, setProblem] = useState('');

  async function open(entry: SwitcherEntry, where: TabPlacement) {
    if (!entry.workspace.ok) {
      setProblem(t(entry.workspace.key));
      return;
    }
    try {
      // Recorded first: a new foreground tab closes the popup, and whatever runs after with it.
      await openWorkspaceTab(await markOpened(entry.orgId), where);
      await closePopup();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    // Enter that confirms Japanese input (IME) is not a request to open anything.
    if (event.isComposing) return;
    const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: VISIBLE_ROWS, PageUp: -VISIBLE_ROWS };
    const delta = step[event.key];
    if (delta !== undefined) {
      event.preventDefault();
      switcher.move(delta);
    } else if (event.key === 'Enter' && selected) {
      event.preventDefault();
      void open(selected, event.shiftKey ? 'current-tab' : 'new-tab');
    } else if (event.key === 'Escape' && query !== '') {
      // With a search to clear, Escape clears it; with none, the browser closes the popup.
      event.preventDefault();
      switcher.search('');
      setProblem('');
    }
  }

  const rosterEmpty = switcher.entries.length === 0;
  return (
    <main class="switcher">
      <h1 class="visually-hidden">{t('extName')}</h1>
      <label class="visually-hidden" for="switcher-search">
        {t('popup_searchLabel')}
      </label>
      <input
        id="switcher-search"
        class="switcher-search"
        type="search"
        role="combobox"
        // No datalist: the listbox below is the popup (Preact's types ask for the attribute).
        list={undefined}
        autoFocus
        autocomplete="off"
        spellcheck={false}
        placeholder={t('popup_searchPlaceholder')}
        title={t('popup_keyboardHint')}
        aria-describedby="switcher-hint"
        aria-autocomplete="list"
        aria-expanded={ranked.length > 0}
        aria-controls={ranked.length > 0 ? LIST_ID : undefined}
        aria-activedescendant={selected ? optionId(selected.orgId) : undefined}
        value={query}
        onInput={(event) => {
          switcher.search(event.currentTarget.value);
          setProblem('');
        }}
        onKeyDown={onKeyDown}
      />
      <p id="switcher-hint" class="visually-hidden">
        {t('popup_keyboardHint')}
      </p>
      <p class="visually-hidden" role="status">
        {query ? t('popup_resultCount', { count: ranked.length }) : ''}
      </p>
      {problem && (
        <p role="alert" class="switcher-problem">
          {problem}
        </p>
      )}
      {ranked.length > 0 && (
        <ClientSwitcherList
          id={LIST_ID}
          label={t('popup_listLabel')}
          entries={ranked}
          selectedIndex={switcher.selectedIndex}
          optionId={optionId}
          onOpen={(entry, where) => void open(entry, where)}
        />
      )}
      {rosterEmpty && (
        <div class="switcher-empty">
          <p>{t('popup_emptyRoster')}</p>
          <button type="button" onClick={() => void openDashboard().then(closePopup)}>
            {t('popup_openDashboard')}
          </button>
        </div>
      )}
      {!rosterEmpty && ranked.length === 0 && (
        <p class="switcher-empty">{t('popup_noMatch', { query: query.trim() })}</p>
      )}
      <SwitcherFooter />
    </main>
  );
}

function SwitcherFooter() {
  const { value: pool } = useLiveQuery(getPoolSummary, []);
  const [shortcut, setShortcut] = useState<string | undefined>(undefined);
  useEffect(() => {
    getPopupShortcut().then(setShortcut, () => setShortcut(''));
  }, []);

  return (
    <footer class="switcher-footer">
      <TeamFooterStatus />
      <div class="switcher-footer-line">
        <button type="button" class="link" onClick={() => void openDashboard().then(closePopup)}>
          {t('popup_openDashboard')}
        </button>
        {pool && <span data-testid="popup-free-licenses">{t('popup_freeLicenses', { count: pool.free })}</span>}
      </div>
      {shortcut !== undefined && (
        <div class="switcher-footer-line muted">
          <span>{shortcut ? t('popup_shortcut', { keys: shortcut }) : t('popup_noShortcut')}</span>
          {canOpenShortcutSettings ? (
            <button type="button" class="link" onClick={() => void openShortcutSettings().then(closePopup)}>
              {t('popup_changeShortcut')}
            </button>
          ) : (
            <span>{t('popup_changeShortcutFirefox')}</span>
          )}
        </div>
      )}
    </footer>
  );
}
