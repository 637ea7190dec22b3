import { useRef, useState } from 'preact/hooks';
import { ClientActionsCell, ClientNameCell, ClientTableHead, OrgIdCell } from '../components/ClientTableParts';
import { purgeCountdown } from '../components/lifecycle/countdown';
import { useClientActions } from '../components/lifecycle/useClientActions';
import { Notice } from '../components/Notice';
import { Pager, useOffsetWithin } from '../components/Pager';
import { RevokedBadge } from '../components/partner/RevokedBadge';
import { useLiveQuery } from '../../../components/useLiveQuery';
import { useNow } from '../components/useNow';
import { formatIsoDate, t } from '../../../lib/i18n';
import { getSettings, listClientPage } from '../../../lib/ops';
import '../components/client-list.css';

const PAGE_SIZE = 50;

/** Pending deletion: the inactive clients, the soonest purge first, with its date and a countdown. */
export function PendingView() {
  const [offset, setOffset] = useState(0);
  const now = useNow();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { value: settings } = useLiveQuery(getSettings, []);
  const { value: page } = useLiveQuery(
    // Clients that revoked the agency's access are purged on their date too, so they are listed here as well.
    () => listClientPage({ access: 'any', status: 'inactive', sort: 'purgeOn', offset, limit: PAGE_SIZE }),
    [offset],
  );
  const actions = useClientActions(
    settings,
    headingRef,
    page?.items.map((client) => client.orgId),
  );

  // Reactivating or deleting can empty the last page.
  useOffsetWithin(page?.total, offset, PAGE_SIZE, setOffset);

  return (
    <section aria-labelledby="pending-heading">
      <h2 id="pending-heading" class="list-heading" ref={headingRef} tabIndex={-1}>
        {t('nav_pending')}
      </h2>
      <p>{t('pending_intro')}</p>
      <Notice notice={actions.notice} testId="notice" />
      {page && page.total === 0 && <p data-testid="pending-empty">{t('pending_empty')}</p>}
      {page && page.total > 0 && settings && (
        <>
          <table class="client-table" aria-labelledby="pending-heading">
            <ClientTableHead
              columns={[
                t('clients_columnClient'),
                t('clients_columnOrgId'),
                t('pending_columnPurgeDate'),
                t('pending_columnTimeLeft'),
              ]}
            />
            <tbody>
              {page.items.map((client) => (
                <tr key={client.orgId} data-org-id={client.orgId}>
                  <ClientNameCell client={client}>{client.revokedAt !== undefined && <RevokedBadge />}</ClientNameCell>
                  <OrgIdCell orgId={client.orgId} />
                  <td>{client.purgeOn && <time dateTime={client.purgeOn}>{formatIsoDate(client.purgeOn)}</time>}</td>
                  <td data-testid="countdown">
                    {client.purgeOn && purgeCountdown(client.purgeOn, now, settings.timeZone)}
                  </td>
                  <ClientActionsCell
                    client={client}
                    settings={settings}
                    now={now}
                    onAction={actions.select}
                    teamReason={actions.teamReason}
                  />
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            label={t('pending_pagerLabel')}
            offset={offset}
            pageSize={PAGE_SIZE}
            total={page.total}
            onOffset={setOffset}
          />
        </>
      )}
      {actions.dialog}
    </section>
  );
}
