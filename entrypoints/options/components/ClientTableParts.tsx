import type { ComponentChildren } from 'preact';
import { t } from '../../../lib/i18n';
import type { Client } from '../../../lib/model/client';
import type { Settings } from '../../../lib/model/settings';
import { ClientRowMenu } from './ClientRowMenu';
import { type RowAction, rowActionsFor } from './lifecycle/row-actions';
import { routeHref } from './router';

/**
 * The parts every client table shares (the roster, Pending deletion): the header with its
 * trailing, unnamed-on-screen actions column, the name that opens the overview, the Org ID,
 * and the ︙ menu, so that both tables read and behave alike.
 */
export function ClientTableHead({ columns }: { columns: string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col">
            {column}
          </th>
        ))}
        <th scope="col">
          <span class="visually-hidden">{t('clients_columnActions')}</span>
        </th>
      </tr>
    </thead>
  );
}

/** The client's name, linking to its overview, then whatever tells it apart (company, badges). */
export function ClientNameCell({ client, children }: { client: Client; children?: ComponentChildren }) {
  return (
    <td>
      <a href={routeHref({ name: 'client', orgId: client.orgId })} data-testid="client-name">
        {client.name}
      </a>
      {children}
    </td>
  );
}

export function OrgIdCell({ orgId }: { orgId: string }) {
  return (
    <td>
      <code>{orgId}</code>
    </td>
  );
}

interface ActionsCellProps {
  client: Client;
  settings: Settings;
  now: number;
  onAction: (action: RowAction, client: Client) => void;
  /** Why this member of a shared roster may not change clients; undefined when they may. */
  teamReason?: string | undefined;
}

/** The ︙ menu with what can be done to this client now. */
export function ClientActionsCell({ client, settings, now, onAction, teamReason }: ActionsCellProps) {
  return (
    <td class="cell-actions">
      <ClientRowMenu
        label={t('clients_actionsFor', { name: client.name })}
        items={rowActionsFor(client, settings, now, teamReason)}
        onSelect={(action) => onAction(action, client)}
      />
    </td>
  );
}
