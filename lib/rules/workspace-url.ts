import { isHttpUrl } from '../model/http-url';
import type { MessageKey } from '../model/messages';
import { ORG_ID_TOKEN } from '../model/settings';

export type WorkspaceUrl = { ok: true; url: string } | { ok: false; key: MessageKey };

/**
 * The address of a client's workspace: its own workspace URL when it has one, else the
 * agency's template with the Org ID put in. Anything but http(s) is refused with the reason,
 * and so is every client that revoked the agency's access: the agency can no longer get in.
 */
export function workspaceUrlFor(
  client: { orgId: string; workspaceUrl?: string | undefined; revokedAt?: number | undefined },
  template: string | undefined,
): WorkspaceUrl {
  if (client.revokedAt !== undefined) return { ok: false, key: 'revoked_cannotOpen' };
  const url = client.workspaceUrl ?? template?.replaceAll(ORG_ID_TOKEN, encodeURIComponent(client.orgId));
  if (url === undefined) return { ok: false, key: 'error_noWorkspaceUrl' };
  if (!isHttpUrl(url)) return { ok: false, key: 'error_workspaceUrlNotHttp' };
  return { ok: true, url };
}
