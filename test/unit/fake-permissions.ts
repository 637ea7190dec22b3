import { fakeBrowser } from 'wxt/testing/fake-browser';

type Listener = (permissions: { origins?: string[] }) => void;

/**
 * An in-memory stand-in for browser.permissions (WXT's fakeBrowser leaves it unimplemented):
 * origins granted so far, the prompt answered by `answer`, and the onAdded / onRemoved events.
 * `grant` and `revoke` act as the person would in the browser's own extension settings.
 */
export function installFakePermissions(answer: () => boolean = () => true) {
  const granted = new Set<string>();
  const added = new Set<Listener>();
  const removed = new Set<Listener>();
  const event = (listeners: Set<Listener>) => ({
    addListener: (listener: Listener) => void listeners.add(listener),
    removeListener: (listener: Listener) => void listeners.delete(listener),
    hasListener: (listener: Listener) => listeners.has(listener),
  });
  const change = (origins: string[], grant: boolean) => {
    for (const origin of origins) {
      if (grant) granted.add(origin);
      else granted.delete(origin);
    }
    for (const listener of grant ? added : removed) listener({ origins });
  };
  Object.assign(fakeBrowser.permissions, {
    contains: async ({ origins = [] }: { origins?: string[] }) => origins.every((origin) => granted.has(origin)),
    request: async ({ origins = [] }: { origins?: string[] }) => {
      if (!answer()) return false;
      change(origins, true);
      return true;
    },
    remove: async ({ origins = [] }: { origins?: string[] }) => {
      change(origins, false);
      return true;
    },
    onAdded: event(added),
    onRemoved: event(removed),
  });
  return {
    grant: (origin: string) => change([origin], true),
    revoke: (origin: string) => change([origin], false),
    listeners: () => added.size + removed.size,
  };
}
