import { useEffect, useRef, useState } from 'preact/hooks';
import { type ListFilter, type ListState, isClientSort, toListFilter } from '../components/client-list-state';
import { ClientTable } from '../components/ClientTable';
import { useClientActions } from '../components/lifecycle/useClientActions';
import { Notice } from '../components/Notice';
import { offsetWithin, Pager, useOffsetWithin } from '../components/Pager';
import { keepListState } from '../components/router';
import { TeamReason } from '../components/team/TeamReason';
import { useDebounced } from '../components/useDebounced';
import { useLiveQuery, useLiveQueryBeforePaint } from '../../../components/useLiveQuery';
import { useNow } from '../components/useNow';
import { errorMessage, t } from '../../../lib/i18n';
import { CLIENT_STATUSES, STATUS_LABEL_KEYS } from '../../../lib/model/client';
import type { MessageKey } from '../../../lib/model/messages';
import {
  type ClientSort,
  countRoster,
  getSettings,
  loadSampleData,
  readClientPage,
  type RosterListOptions,
} from '../../../lib/ops';

/** Rows per page: enough to scan, few enough that a roster of any size renders at once. */
export const CLIENTS_PAGE_SIZE = 50;
/** What a line that will hold a count shows until the count is read: a blank that keeps the line's height. */
const NO_COUNT_YET = '\u00a0';
/** A short pause in typing before the search runs, so each keystroke does not query the roster. */
const SEARCH_DELAY_MS = 150;

const SORTS: { value: ClientSort; label: MessageKey }[] = [
  { value: 'name', label: 'clients_sortName' },
  { value: 'usage', label: 'clients_sortUsage' },
  { value: 'purgeOn', label: 'clients_sortPurge' },
  { value: 'runsOut', label: 'clients_sortRunsOut' },
];

/** What the roster read needs for a filter: revoked clients only under Revoked. */
function listOptionsFor(filter: ListFilter): Pick<RosterListOptions, 'status' | 'access'> {
  if (filter === 'revoked') return { access: 'revoked' };
  return { access: 'granted', status: filter === 'all' ? undefined : filter };
}

/**
 * Manage Clients, starting from the list state in its address. Each real navigation to the list
 * (Back, a link, an address typed in) parses a new state object and the list starts over from it;
 * the list's own replaceState writes are no navigation, so typing keeps the view and its focus.
 */
export function ClientsView({ list }: { list: ListState }) {
  const visits = useRef({ list, count: 0 });
  if (visits.current.list !== list) visits.current = { list, count: visits.current.count + 1 };
  return <ClientList key={visits.current.count} initial={list} />;
}

/** Manage Clients: the roster, searched, filtered, sorted and paged, with each client's actions. */
function ClientList({ initial }: { initial: ListState }) {
  const [query, setQuery] = useState(initial.query);
  const [status, setStatus] = useState<ListFilter>(initial.filter);
  const [sort, setSort] = useState<ClientSort>(initial.sort);
  const [offset, setOffset] = useState((initial.page - 1) * CLIENTS_PAGE_SIZE);
  const search = useDebounced(query, SEARCH_DELAY_MS);
  const now = useNow();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { value: settings } = useLiveQuery(getSettings, []);
  // Only the run-out order changes with the time; the other orders are not read again each minute.
  const sortNow = sort === 'runsOut' ? now : undefined;
  const { value: page } = useLiveQuery(
    () =>
      readClientPage({
        ...listOptionsFor(status),
        query: search,
        sort,
        offset,
        limit: CLIENTS_PAGE_SIZE,
        now: sortNow,
      }),
    [status, search, sort, offset, sortNow],
  );
  // The roster's size walks the whole store in Chromium (100–150 ms at 100,000 clients), so it
  // is read apart, once the first rows are in (queued behind the count, they would wait for it),
  // and the rows paint without waiting for it; in a small roster it comes back before the frame
  // is painted. The lines that hold a count keep their place meanwhile (NO_COUNT_YET), so nothing
  // moves when it arrives. Simpler than a count kept by every write, which needs a schema version.
  const rowsRead = page !== undefined;
  const { value: counts } = useLiveQueryBeforePaint(async () => (rowsRead ? countRoster() : undefined), [rowsRead]);
  const rosterSize = counts?.rosterSize;
  // Filters, searches and the usage and purge sorts know their total from their rows; the plain
  // list, by name or by run-out day, from the counts.
  const total = page?.total ?? (counts && counts.rosterSize - counts.revoked);
  const actions = useClientActions(
    settings,
    headingRef,
    page?.items.map((client) => client.orgId),
  );

  // A new search starts at the first page; the search the list opened with keeps its page.
  const searched = useRef(search);
  useEffect(() => {
    if (search === searched.current) return;
    searched.current = search;
    setOffset(0);
  }, [search]);
  // Past the last page (a deletion, an old address), nothing is drawn until the list steps back.
  const pastEnd =
    page !== undefined && total !== undefined && offsetWithin(page.offset, total, CLIENTS_PAGE_SIZE) !== page.offset;
  useOffsetWithin(total, offset, CLIENTS_PAGE_SIZE, setOffset);
  // The address holds the list as shown, so Back, a reload and the overview's link come back to it.
  const shown = useRef(initial);
  useEffect(() => {
    const list: ListState = { query: search, filter: status, sort, page: Math.floor(offset / CLIENTS_PAGE_SIZE) + 1 };
    if (keepListState(shown.current, list)) shown.current = list;
  }, [search, status, sort, offset]);

  async function onLoadSample() {
    try {
      const count = await loadSampleData();
      actions.setNotice({ text: t('dashboard_sampleLoaded', { count }), error: false });
    } catch (error) {
      actions.setNotice({ text: errorMessage(error), error: true });
    }
  }

  const empty = rosterSize === 0;
  // Rows tell that the roster is not empty; no rows, only the count can tell "no clients" from "no match".
  const listShown = page !== undefined && !empty && (page.items.length > 0 || rosterSize !== undefined);

  return (
    <section aria-labelledby="clients-heading">
      <h2 id="clients-heading" class="list-heading" ref={headingRef} tabIndex={-1}>
        {t('nav_clients')}
      </h2>
      {rosterSize !== undefined ? (
        <p data-testid="client-count">{t('dashboard_clientCount', { count: rosterSize })}</p>
      ) : (
        listShown && <p aria-hidden="true">{NO_COUNT_YET}</p>
      )}
      {empty && (
        <>
          <p>{t('dashboard_empty')}</p>
          <button
            type="button"
            disabled={actions.teamReason !== undefined}
            aria-describedby={actions.teamReason === undefined ? undefined : 'sample-team-reason'}
            onClick={() => void onLoadSample()}
          >
            {t('dashboard_loadSample')}
          </button>
          <TeamReason id="sample-team-reason" reason={actions.teamReason} />
        </>
      )}
      <Notice notice={actions.notice} testId="notice" />
      {listShown && (
        <>
          <div class="list-controls" role="search" aria-label={t('clients_searchRegion')}>
            <div class="field field-search">
              <label for="clients-search">{t('clients_searchLabel')}</label>
              <input
                id="clients-search"
                type="search"
                value={query}
                autoComplete="off"
                aria-describedby="clients-search-hint"
                onInput={(event) => setQuery(event.currentTarget.value)}
              />
              <p id="clients-search-hint" class="hint">
                {t('clients_searchHint')}
              </p>
            </div>
            <div class="field">
              <label for="clients-status">{t('clients_filterLabel')}</label>
              <select
                id="clients-status"
                value={status}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setStatus(toListFilter(value));
                  setOffset(0);
                }}
              >
                <option value="all">{t('clients_filterAll')}</option>
                {CLIENT_STATUSES.map((value) => (
                  <option value={value}>{t(STATUS_LABEL_KEYS[value])}</option>
                ))}
                <option value="revoked">{t('revoked_filterLabel')}</option>
              </select>
            </div>
            <div class="field">
              <label for="clients-sort">{t('clients_sortLabel')}</label>
              <select
                id="clients-sort"
                value={sort}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  if (isClientSort(value)) setSort(value);
                  setOffset(0);
                }}
              >
                {SORTS.map(({ value, label }) => (
                  <option value={value}>{t(label)}</option>
                ))}
              </select>
            </div>
          </div>
          {status === 'revoked' && (
            <p class="hint revoked-intro" data-testid="revoked-intro">
              {t('revoked_filterIntro')}
            </p>
          )}
          <div role="status" data-testid="list-range">
            {pastEnd
              ? ''
              : total === undefined
                ? NO_COUNT_YET
                : total === 0
                  ? t(status === 'revoked' && !search.trim() ? 'revoked_filterEmpty' : 'clients_noMatch')
                  : t('clients_range', { from: page.offset + 1, to: page.offset + page.items.length, total })}
          </div>
          {!pastEnd && (total ?? page.items.length) > 0 && settings && (
            <ClientTable
              clients={page.items}
              settings={settings}
              now={now}
              labelledBy="clients-heading"
              onAction={actions.select}
              teamReason={actions.teamReason}
            />
          )}
          {!pastEnd && total !== undefined && (
            <Pager
              label={t('clients_pagerLabel')}
              offset={offset}
              pageSize={CLIENTS_PAGE_SIZE}
              total={total}
              onOffset={setOffset}
            />
          )}
        </>
      )}
      {actions.dialog}
    </section>
  );
}
