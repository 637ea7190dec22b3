import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage, t } from '../../../../lib/i18n';
import type { Client } from '../../../../lib/model/client';
import type { Settings } from '../../../../lib/model/settings';
import { openWorkspaceTab } from '../../../../lib/platform/tabs';
import { workspaceUrlFor } from '../../../../lib/rules/workspace-url';
import type { Notice } from '../Notice';
import { RestoreAccessDialog } from '../partner/RevokeAccessDialog';
import { navigate } from '../router';
import { useTeamPermission } from '../team/use-team-permission';
import { DeleteDialog } from './DeleteDialog';
import { MarkInactiveDialog } from './MarkInactiveDialog';
import { ReactivateDialog } from './ReactivateDialog';
import type { RowAction } from './row-actions';

type DialogKind = 'inactivate' | 'reactivate' | 'delete' | 'restore';

/**
 * What a view needs to act on its clients from their ︙ menus: the handler for a chosen
 * action, the dialog it opened (to render), and the notice of the outcome. When the row
 * that opened a dialog leaves the list afterwards (deleted, or no longer matching the
 * filter), focus goes to `fallbackFocus` instead of being lost with the row.
 */
export function useClientActions(
  settings: Settings | undefined,
  fallbackFocus: RefObject<HTMLElement | null>,
  visibleOrgIds: readonly string[] | undefined,
) {
  const [dialog, setDialog] = useState<{ kind: DialogKind; client: Client } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const actedOn = useRef<string | null>(null);
  const visibleKey = visibleOrgIds?.join(' ');
  // On a shared roster, a viewer's menus offer the changes disabled, with this reason.
  const team = useTeamPermission('roster');

  useEffect(() => {
    const orgId = actedOn.current;
    if (dialog || orgId === null || !visibleOrgIds || visibleOrgIds.includes(orgId)) return;
    actedOn.current = null;
    const focused = document.activeElement;
    if (!focused || focused === document.body || !focused.isConnected) fallbackFocus.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- visibleKey stands for visibleOrgIds (a new array each render); fallbackFocus is a ref
  }, [dialog, visibleKey]);

  function select(action: RowAction, client: Client) {
    setNotice(null);
    actedOn.current = null;
    if (!team.allowed && action !== 'edit' && action !== 'open') {
      setNotice({ text: team.reason ?? '', error: true });
      return;
    }
    if (action === 'edit') {
      navigate({ name: 'client', orgId: client.orgId });
    } else if (action === 'open') {
      const workspace = workspaceUrlFor(client, settings?.workspaceUrlTemplate);
      if (!workspace.ok) {
        setNotice({ text: t(workspace.key), error: true });
        return;
      }
      openWorkspaceTab(workspace.url).catch((error: unknown) => setNotice({ text: errorMessage(error), error: true }));
    } else {
      setDialog({ kind: action, client });
    }
  }

  const close = () => setDialog(null);
  const done = (text: string) => {
    actedOn.current = dialog?.client.orgId ?? null;
    setDialog(null);
    setNotice({ text, error: false });
  };

  let element = null;
  if (dialog?.kind === 'inactivate' && settings) {
    element = (
      <MarkInactiveDialog
        key="inactivate"
        client={dialog.client}
        timeZone={settings.timeZone}
        onClose={close}
        onDone={done}
      />
    );
  } else if (dialog?.kind === 'reactivate') {
    element = <ReactivateDialog key="reactivate" client={dialog.client} onClose={close} onDone={done} />;
  } else if (dialog?.kind === 'restore') {
    element = <RestoreAccessDialog key="restore" client={dialog.client} onClose={close} onDone={done} />;
  } else if (dialog?.kind === 'delete') {
    const client = dialog.client;
    element = (
      <DeleteDialog
        key="delete"
        client={client}
        onClose={close}
        onDone={done}
        onMarkInactiveInstead={() => setDialog({ kind: 'inactivate', client })}
      />
    );
  }

  return { select, dialog: element, notice, setNotice, teamReason: team.reason };
}
