import { CLIENT_STATUSES, type ClientStatus } from '../../../lib/model/client';
import type { ClientSort } from '../../../lib/ops';

/** A status, every status, or the clients that revoked the agency's access (listed nowhere else). */
export type ListFilter = ClientStatus | 'all' | 'revoked';

/** Where the person is in Manage Clients: the search as typed, the filter, the sort and the page (from 1). */
export interface ListState {
  query: string;
  filter: ListFilter;
  sort: ClientSort;
  page: number;
}

export const DEFAULT_LIST_STATE: Readonly<ListState> = { query: '', filter: 'all', sort: 'name', page: 1 };

// A record rather than a list so that the compiler notices a sort added to ClientSort.
const SORTS: Record<ClientSort, true> = { name: true, usage: true, purgeOn: true, runsOut: true };

/** Beyond this an address names no page anyone reached; it is read as the first page. */
const MAX_PAGE = 1_000_000;

export function isClientSort(value: string): value is ClientSort {
  return Object.hasOwn(SORTS, value);
}

function isClientStatus(value: string): value is ClientStatus {
  return (CLIENT_STATUSES as readonly string[]).includes(value);
}

export function toListFilter(value: string): ListFilter {
  return value === 'revoked' || isClientStatus(value) ? value : 'all';
}

function toPage(value: string): number {
  if (!/^\d{1,7}$/.test(value)) return DEFAULT_LIST_STATE.page;
  const page = Number(value);
  return page >= 1 && page <= MAX_PAGE ? page : DEFAULT_LIST_STATE.page;
}

/**
 * The list's state from the query part of its address (`q`, `status`, `sort`, `page`). Anything
 * missing or unknown is the default: an old bookmark or a hand-edited address still opens the list.
 * URLSearchParams decodes leniently, so a broken %-escape stays as typed instead of throwing.
 */
export function readListState(params: URLSearchParams): ListState {
  const sort = params.get('sort') ?? '';
  return {
    query: params.get('q') ?? DEFAULT_LIST_STATE.query,
    filter: toListFilter(params.get('status') ?? ''),
    sort: isClientSort(sort) ? sort : DEFAULT_LIST_STATE.sort,
    page: toPage(params.get('page') ?? ''),
  };
}

/** The query part for a state, without the defaults: the plain list is just `#/clients`. */
export function listStateQuery(state: ListState): string {
  const params = new URLSearchParams();
  if (state.query !== DEFAULT_LIST_STATE.query) params.set('q', state.query);
  if (state.filter !== DEFAULT_LIST_STATE.filter) params.set('status', state.filter);
  if (state.sort !== DEFAULT_LIST_STATE.sort) params.set('sort', state.sort);
  if (state.page !== DEFAULT_LIST_STATE.page) params.set('page', String(state.page));
  return params.toString();
}
