import { t } from '../lib/i18n';
import type { Client } from '../lib/model/client';
import type { Settings } from '../lib/model/settings';
import { ClientRowMenu } from './ClientRowMenu';
import { PaymentTag } from './partner/PaymentTag';
import { RevokedBadge } from './partner/RevokedBadge';
import { purgeCountdown } from './lifecycle/countdown';
import { type RowAction, rowActionsFor } from './lifecycle/row-actions';
import { QuotaBar } from './QuotaBar';
import { routeHref } from './router';
import { StatusBadge } from './StatusBadge';
import './client-list.css';

interface ClientTableProps {
  clients: Client[];
  settings: Settings;
  now: number;
  /** Id of the element that names the table. */
  labelledBy: string;
  onAction: (action: RowAction, client: Client) => void;
}

function Usage({ client }: { client: Client }) {
  // An inactive client holds only what it used; a full bar would look like a problem it does not have.
  if (client.status === 'inactive') return <span class="cell-secondary">{t('clients_inactiveUsage', { used: client.usedVisitors })}</span>;
  return <QuotaBar used={client.usedVisitors} quota={client.quota} />;
}

/** The roster as a table: who each client is, its status, its use of its quota, its plan and payment, and its ︙ menu. */
export function ClientTable({ clients, settings, now, labelledBy, onAction }: ClientTableProps) {
  return (
    <table class="client-table" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">{t('clients_columnClient')}</th>
          <th scope="col">{t('clients_columnOrgId')}</th>
          <th scope="col">{t('clients_columnContact')}</th>
          <th scope="col">{t('clients_columnStatus')}</th>
          <th scope="col">{t('clients_columnQuota')}</th>
          <th scope="col">{t('clients_columnPlan')}</th>
          <th scope="col">
            <span class="visually-hidden">{t('clients_columnActions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {clients.map((client) => (
          <tr key={client.orgId} data-org-id={client.orgId}>
            <td>
              <a href={routeHref({ name: 'client', orgId: client.orgId })} data-testid="client-name">
                {client.name}
              </a>
              {client.company && <span class="cell-secondary">{client.company}</span>}
            </td>
            <td>
              <code>{client.orgId}</code>
            </td>
            <td>
              {t('clients_contactName', { first: client.contact.firstName, last: client.contact.lastName })}
              <span class="cell-secondary">{client.contact.email}</span>
            </td>
            <td data-testid="client-status">
              <StatusBadge
                status={client.status}
                detail={client.status === 'inactive' && client.purgeOn ? purgeCountdown(client.purgeOn, now, settings.timeZone) : undefined}
              />
              {client.revokedAt !== undefined && <RevokedBadge />}
            </td>
            <td data-testid="client-usage">
              <Usage client={client} />
            </td>
            <td data-testid="client-plan">
              <PaymentTag client={client} />
            </td>
            <td class="cell-actions">
              <ClientRowMenu
                label={t('clients_actionsFor', { name: client.name })}
                items={rowActionsFor(client, settings, now)}
                onSelect={(action) => onAction(action, client)}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
