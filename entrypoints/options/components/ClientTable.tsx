import { formatIsoDate, t } from '../../../lib/i18n';
import type { Client } from '../../../lib/model/client';
import type { Settings } from '../../../lib/model/settings';
import { type IsoDate, localDate } from '../../../lib/rules/calendar';
import { listedRunOutDay } from '../../../lib/rules/listed-run-out';
import type { UsageTrend } from '../../../lib/rules/usage-forecast';
import { ClientActionsCell, ClientNameCell, ClientTableHead, OrgIdCell } from './ClientTableParts';
import { PaymentTag } from './partner/PaymentTag';
import { RevokedBadge } from './partner/RevokedBadge';
import { purgeCountdown } from './lifecycle/countdown';
import type { RowAction } from './lifecycle/row-actions';
import { QuotaBar } from './QuotaBar';
import { StatusBadge } from '../../../components/StatusBadge';
import './client-list.css';

/** A client as the roster lists it: the stored trend comes along (listClientPage returns stored clients). */
export type ListedClient = Client & { usageTrend?: UsageTrend | undefined };

interface ClientTableProps {
  clients: ListedClient[];
  settings: Settings;
  now: number;
  /** Id of the element that names the table. */
  labelledBy: string;
  onAction: (action: RowAction, client: Client) => void;
  /** Why this member of a shared roster may not change clients; undefined when they may. */
  teamReason?: string | undefined;
}

function Usage({ client }: { client: Client }) {
  // An inactive client holds only what it used; a full bar would look like a problem it does not have.
  if (client.status === 'inactive')
    return <span class="cell-secondary">{t('clients_inactiveUsage', { used: client.usedVisitors })}</span>;
  return <QuotaBar used={client.usedVisitors} quota={client.quota} />;
}

/** The forecast day the client reaches its quota, or a dash that says "no forecast" to a screen reader. */
function RunsOut({ client, today }: { client: ListedClient; today: IsoDate }) {
  const day = listedRunOutDay(client, today);
  if (day === undefined)
    return (
      <>
        <span aria-hidden="true">—</span>
        <span class="visually-hidden">{t('clients_noRunOut')}</span>
      </>
    );
  return <>{formatIsoDate(day)}</>;
}

/**
 * The roster as a table: who each client is, its status, its use of its quota and the day it
 * runs out, its plan and payment, and its ︙ menu.
 */
export function ClientTable({ clients, settings, now, labelledBy, onAction, teamReason }: ClientTableProps) {
  const today = localDate(now, settings.timeZone);
  return (
    <table class="client-table" aria-labelledby={labelledBy}>
      <ClientTableHead
        columns={[
          t('clients_columnClient'),
          t('clients_columnOrgId'),
          t('clients_columnContact'),
          t('clients_columnStatus'),
          t('clients_columnQuota'),
          t('clients_columnRunsOut'),
          t('clients_columnPlan'),
        ]}
      />
      <tbody>
        {clients.map((client) => (
          <tr key={client.orgId} data-org-id={client.orgId}>
            <ClientNameCell client={client}>
              {client.company && <span class="cell-secondary">{client.company}</span>}
            </ClientNameCell>
            <OrgIdCell orgId={client.orgId} />
            <td>
              {t('clients_contactName', { first: client.contact.firstName, last: client.contact.lastName })}
              <span class="cell-secondary">{client.contact.email}</span>
            </td>
            <td data-testid="client-status">
              <StatusBadge
                status={client.status}
                detail={
                  client.status === 'inactive' && client.purgeOn
                    ? purgeCountdown(client.purgeOn, now, settings.timeZone)
                    : undefined
                }
              />
              {client.revokedAt !== undefined && <RevokedBadge />}
            </td>
            <td data-testid="client-usage">
              <Usage client={client} />
            </td>
            <td data-testid="client-runs-out" class="cell-date">
              <RunsOut client={client} today={today} />
            </td>
            <td data-testid="client-plan">
              <PaymentTag client={client} />
            </td>
            <ClientActionsCell
              client={client}
              settings={settings}
              now={now}
              onAction={onAction}
              teamReason={teamReason}
            />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
