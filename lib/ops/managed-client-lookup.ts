/** What the "currently managing" bar on a client's workspace pages shows, read from the roster. */
import { db } from '../db/database';
import type { ClientStatus } from '../model/client';
import type { Language } from '../model/settings';
import { orgIdFromWorkspaceUrl, workspaceMatchPattern } from '../rules/workspace-bar-match';
import { readTransaction } from './context';
import { loadSettings } from './store';

export interface ManagedClient {
  orgId: string;
  name: string;
  domain?: string | undefined;
  status: ClientStatus;
}

export interface ManagedClientAnswer {
  /** Absent when the page is no client's workspace, or the client revoked the agency's access. */
  client?: ManagedClient;
  /** The dashboard's language setting, so that the bar speaks as the dashboard does. */
  language: Language;
}

/** The client whose workspace `pageUrl` is a page of, as the agency's URL template says. */
export async function lookUpManagedClient(pageUrl: string): Promise<ManagedClientAnswer> {
  return readTransaction(async () => {
    const settings = await loadSettings();
    const orgId = orgIdFromWorkspaceUrl(pageUrl, settings.workspaceUrlTemplate);
    const client = orgId === undefined ? undefined : await db.clients.get(orgId);
    if (!client || client.revokedAt !== undefined) return { language: settings.language };
    return {
      client: { orgId: client.orgId, name: client.name, domain: client.domain, status: client.status },
      language: settings.language,
    };
  });
}

/** Where the bar's script must run: the match pattern of the template's origin, if there is a template. */
export async function workspaceBarPattern(): Promise<string | undefined> {
  return readTransaction(async () => workspaceMatchPattern((await loadSettings()).workspaceUrlTemplate));
}
