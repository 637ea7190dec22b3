import { useEffect, useState } from 'preact/hooks';
import { normalizeOrgId, ORG_ID_PATTERN } from '../../../lib/model/ids';
import { DEFAULT_LIST_STATE, type ListState, listStateQuery, readListState } from './client-list-state';

/** The dashboard's views, addressed by the URL hash so that reloads and links keep the place. */
export type Route =
  | { name: 'clients'; list?: ListState }
  | { name: 'new-client' }
  | { name: 'client'; orgId: string }
  | { name: 'pending' }
  | { name: 'settings' }
  | { name: 'backup' }
  /** A shared roster's changes the server refused (reached from the header's status and the notice). */
  | { name: 'refused' };

/** A hand-edited address can hold a broken %-escape; it is then taken as typed rather than thrown on. */
function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function parseRoute(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const queryStart = body.indexOf('?');
  const pathText = queryStart === -1 ? body : body.slice(0, queryStart);
  const path = pathText.split('/').filter(Boolean);
  const [first, second] = path;
  if (first === 'clients' && second === 'new') return { name: 'new-client' };
  if (first === 'clients' && second !== undefined) {
    const orgId = normalizeOrgId(decodeSafely(second));
    if (ORG_ID_PATTERN.test(orgId)) return { name: 'client', orgId };
  }
  if (first === 'pending') return { name: 'pending' };
  if (first === 'settings') return { name: 'settings' };
  if (first === 'backup') return { name: 'backup' };
  if (first === 'refused') return { name: 'refused' };
  // Only the list's own address carries its state; anything else unknown is the plain list.
  const query = first === 'clients' && path.length === 1 && queryStart !== -1 ? body.slice(queryStart + 1) : '';
  return { name: 'clients', list: readListState(new URLSearchParams(query)) };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'new-client':
      return '#/clients/new';
    case 'client':
      return `#/clients/${encodeURIComponent(route.orgId)}`;
    case 'clients': {
      const query = listStateQuery(route.list ?? DEFAULT_LIST_STATE);
      return query ? `#/clients?${query}` : '#/clients';
    }
    default:
      return `#/${route.name}`;
  }
}

export function navigate(route: Route): void {
  location.hash = routeHref(route);
}

/** Re-renders on every real change of the hash (links, Back, typed addresses), not on replaceState. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** The list as the person last had it in this page; a page opened on another view has none yet. */
let lastListState: ListState | undefined;

/**
 * Moves the list's address from the state it shows to its new state with replaceState: no
 * history entry per keystroke, no hashchange, so the view is not routed again and the search box
 * keeps its focus. Opening a client then pushes its overview on top of this address, which is
 * what Back returns to. Returns whether the address was still the list's to move.
 */
export function keepListState(shown: ListState, list: ListState): boolean {
  // A navigation (Back, a click) that landed between the change and this write owns the address
  // now; writing would rename the entry it went to.
  if (routeHref(parseRoute(location.hash)) !== routeHref({ name: 'clients', list: shown })) return false;
  lastListState = list;
  const href = routeHref({ name: 'clients', list });
  if (routeHref({ name: 'clients', list: shown }) !== href) history.replaceState(history.state, '', href);
  return true;
}

/** Where "Back to Manage Clients" leads: the list as last left in this page, else the plain list. */
export function listReturnHref(): string {
  return routeHref({ name: 'clients', list: lastListState });
}
