import { useEffect, useState } from 'preact/hooks';
import { normalizeOrgId, ORG_ID_PATTERN } from '../lib/model/ids';

/** The dashboard's views, addressed by the URL hash so that reloads and links keep the place. */
export type Route =
  | { name: 'clients' }
  | { name: 'new-client' }
  | { name: 'client'; orgId: string }
  | { name: 'pending' }
  | { name: 'settings' }
  | { name: 'backup' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [first, second] = path;
  if (first === 'clients' && second === 'new') return { name: 'new-client' };
  if (first === 'clients' && second !== undefined) {
    const orgId = normalizeOrgId(decodeURIComponent(second));
    if (ORG_ID_PATTERN.test(orgId)) return { name: 'client', orgId };
  }
  if (first === 'pending') return { name: 'pending' };
  if (first === 'settings') return { name: 'settings' };
  if (first === 'backup') return { name: 'backup' };
  return { name: 'clients' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'new-client':
      return '#/clients/new';
    case 'client':
      return `#/clients/${encodeURIComponent(route.orgId)}`;
    default:
      return `#/${route.name}`;
  }
}

export function navigate(route: Route): void {
  location.hash = routeHref(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
