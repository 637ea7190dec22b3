import { t } from '../../../../lib/i18n';
import type { Client } from '../../../../lib/model/client';
import type { Settings } from '../../../../lib/model/settings';
import { canReactivate } from '../../../../lib/rules/lifecycle';
import { workspaceUrlFor } from '../../../../lib/rules/workspace-url';

export type RowAction = 'edit' | 'open' | 'inactivate' | 'reactivate' | 'delete' | 'restore';

export interface RowMenuItem {
  action: RowAction;
  label: string;
  /** Why the action cannot be taken; the item is then shown but disabled. */
  disabledReason?: string | undefined;
}

/**
 * The actions of a client's ︙ menu: each one only where it applies. A client that revoked the
 * agency's access is read-only: it can be looked at, and its access recorded as granted again;
 * Open in new tab stays, disabled with the reason, so that the menu says why it is missing.
 * `teamReason`, on a shared roster whose member may not change it, disables every change with
 * that reason (looking and opening the workspace stay).
 */
export function rowActionsFor(
  client: Pick<Client, 'orgId' | 'status' | 'purgeOn' | 'workspaceUrl' | 'revokedAt'>,
  settings: Pick<Settings, 'workspaceUrlTemplate' | 'timeZone'>,
  now: number,
  teamReason?: string,
): RowMenuItem[] {
  const items = menuItemsFor(client, settings, now);
  if (teamReason === undefined) return items;
  return items.map((item) =>
    item.action === 'edit'
      ? { ...item, label: t('clients_actionView') }
      : item.action === 'open'
        ? item
        : { ...item, disabledReason: teamReason },
  );
}

function menuItemsFor(
  client: Pick<Client, 'orgId' | 'status' | 'purgeOn' | 'workspaceUrl' | 'revokedAt'>,
  settings: Pick<Settings, 'workspaceUrlTemplate' | 'timeZone'>,
  now: number,
): RowMenuItem[] {
  const workspace = workspaceUrlFor(client, settings.workspaceUrlTemplate);
  if (client.revokedAt !== undefined)
    return [
      { action: 'edit', label: t('clients_actionView') },
      { action: 'open', label: t('clients_actionOpen'), disabledReason: workspace.ok ? undefined : t(workspace.key) },
      { action: 'restore', label: t('revoked_restoreButton') },
    ];
  const items: RowMenuItem[] = [
    { action: 'edit', label: t('clients_actionEdit') },
    { action: 'open', label: t('clients_actionOpen'), disabledReason: workspace.ok ? undefined : t(workspace.key) },
  ];
  if (client.status !== 'inactive') items.push({ action: 'inactivate', label: t('clients_actionInactivate') });
  if (canReactivate(client, now, settings.timeZone))
    items.push({ action: 'reactivate', label: t('clients_actionReactivate') });
  items.push({ action: 'delete', label: t('clients_actionDelete') });
  return items;
}
