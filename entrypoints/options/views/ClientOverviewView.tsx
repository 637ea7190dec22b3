import { useEffect, useRef, useState } from 'preact/hooks';
import { ClientForm } from '../components/ClientForm';
import { clientValues, toDetailsInput } from '../components/client-form-values';
import { ReactivateDialog } from '../components/lifecycle/ReactivateDialog';
import { CreatedNotice } from '../components/overview/CreatedNotice';
import { ExperimentsSection } from '../components/overview/ExperimentsSection';
import { HistorySection } from '../components/overview/HistorySection';
import { takeJustCreated } from '../components/overview/just-created';
import { MembersSection } from '../components/overview/MembersSection';
import { QuotaSection } from '../components/overview/QuotaSection';
import { RestrictedActions } from '../components/partner/RestrictedActions';
import { RevokedBadge } from '../components/partner/RevokedBadge';
import { AccessControl } from '../components/partner/RevokedNotice';
import { SubscriptionSection } from '../components/partner/SubscriptionSection';
import { listReturnHref } from '../components/router';
import { TeamReason } from '../components/team/TeamReason';
import { useTeamPermission } from '../components/team/use-team-permission';
import { StatusBadge } from '../../../components/StatusBadge';
import { useLiveQuery } from '../../../components/useLiveQuery';
import { errorMessage, t } from '../../../lib/i18n';
import { isAppError } from '../../../lib/model/errors';
import {
  getClient,
  getPoolSummary,
  getSettings,
  listActivity,
  listExperiments,
  listMembers,
  updateClient,
} from '../../../lib/ops';
import '../components/overview/overview.css';
import { asDate } from '../../../lib/model/messages';

/** Everything the overview shows, read together; null when no client has this Org ID. */
async function loadOverview(orgId: string) {
  const client = await getClient(orgId);
  if (!client) return null;
  try {
    const [experiments, members, activity, pool, settings] = await Promise.all([
      listExperiments(orgId),
      listMembers(orgId),
      listActivity({ orgId }),
      getPoolSummary(),
      getSettings(),
    ]);
    return { client, experiments, members, activity, pool, settings };
  } catch (error) {
    // Deleted between the reads: the same as never there.
    if (isAppError(error) && error.code === 'not_found') return null;
    throw error;
  }
}

/**
 * Client overview (Edit): details, quota, subscription and payment, experiments, members, what
 * the agency cannot do as partner admin, and history of one client. Read-only while the client
 * is inactive or has revoked the agency's access.
 */
export function ClientOverviewView({ orgId }: { orgId: string }) {
  // A fresh view per client: nothing typed or said about one client shows on another's page.
  return <Overview key={orgId} orgId={orgId} />;
}

function Overview({ orgId }: { orgId: string }) {
  const { value: data, error } = useLiveQuery(() => loadOverview(orgId), [orgId]);
  const [justCreated] = useState(() => takeJustCreated(orgId));
  // Every change on this page is a change to the roster: a viewer of a shared roster reads it only.
  const team = useTeamPermission('roster');
  const [reactivating, setReactivating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // After reactivation the Reactivate button goes away; the heading keeps the place instead.
  const [focusAfterReactivate, setFocusAfterReactivate] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = data !== undefined;
  const status = data?.client.status;
  const revokedAt = data?.client.revokedAt;
  const firstRevokedAt = useRef(revokedAt);

  // Arriving from the list, the view starts at its heading; a new client's notice takes focus itself.
  useEffect(() => {
    if (loaded && !justCreated) heading.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only arriving moves the focus; justCreated is read as the view loads
  }, [loaded]);

  useEffect(() => {
    if (!focusAfterReactivate || reactivating || status === 'inactive') return;
    setFocusAfterReactivate(false);
    heading.current?.focus();
  }, [focusAfterReactivate, reactivating, status]);

  // Recording revoked access (or its end) swaps the button that opened the dialog for another
  // one; focus that went with it comes to the heading rather than to the top of the page.
  useEffect(() => {
    if (!loaded || revokedAt === firstRevokedAt.current) return;
    firstRevokedAt.current = revokedAt;
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) heading.current?.focus();
  }, [loaded, revokedAt]);

  const back = (
    <p>
      <a href={listReturnHref()}>{t('overview_backToList')}</a>
    </p>
  );

  if (error !== undefined && data === undefined)
    return (
      <section class="client-view">
        {back}
        <p role="alert">{errorMessage(error)}</p>
      </section>
    );
  if (data === undefined) return <p class="client-view">{t('overview_loading')}</p>;
  if (data === null)
    return (
      <section class="client-view" aria-labelledby="overview-heading">
        <h2 id="overview-heading" ref={heading} tabIndex={-1}>
          {t('overview_notFoundHeading')}
        </h2>
        <p data-testid="not-found">{t('error_clientNotFound', { orgId })}</p>
        {back}
      </section>
    );

  const { client, experiments, members, activity, pool, settings } = data;
  const inactive = client.status === 'inactive';
  const revoked = client.revokedAt !== undefined;
  const readOnly = inactive || revoked || !team.allowed;
  const teamReasonId = team.allowed ? undefined : 'overview-team-reason';

  return (
    <section class="client-view" aria-labelledby="overview-heading">
      {back}
      {justCreated && <CreatedNotice orgId={client.orgId} />}
      <div class="overview-title">
        <h2 id="overview-heading" ref={heading} tabIndex={-1}>
          {client.name}
        </h2>
        <StatusBadge status={client.status} />
        {revoked && <RevokedBadge />}
      </div>
      <p class="overview-org-id" data-testid="org-id">
        {t('overview_orgIdLine', { orgId: client.orgId })}
      </p>
      <TeamReason id="overview-team-reason" reason={team.reason} />
      <div class="overview-access">
        <AccessControl client={client} onNotice={setNotice} disabledBy={teamReasonId} />
      </div>
      {inactive && (
        <div class="overview-note" data-testid="inactive-note">
          <p>{t('overview_inactiveNote', { date: asDate(client.purgeOn ?? '') })}</p>
          {/* A revoked client cannot be reactivated either: access must be granted again first. */}
          {!revoked && (
            <button
              type="button"
              disabled={!team.allowed}
              aria-describedby={teamReasonId}
              onClick={() => setReactivating(true)}
            >
              {t('overview_reactivate')}
            </button>
          )}
        </div>
      )}
      <p role="status">{notice ?? ''}</p>
      <section class="overview-section" aria-labelledby="contact-heading">
        <h3 id="contact-heading">{t('overview_contactHeading')}</h3>
        <ClientForm
          mode="edit"
          initial={clientValues(client)}
          readOnly={readOnly}
          onSave={async (values) => clientValues(await updateClient(client.orgId, toDetailsInput(values)))}
          saveLabel={t('form_save')}
          savedMessage={t('overview_detailsSaved')}
        />
      </section>
      <QuotaSection client={client} free={pool.free} readOnly={readOnly} />
      <SubscriptionSection client={client} onNotice={setNotice} disabledBy={teamReasonId} />
      <ExperimentsSection client={client} experiments={experiments} readOnly={readOnly} />
      <MembersSection orgId={client.orgId} members={members} readOnly={readOnly} />
      <RestrictedActions />
      <HistorySection entries={activity} experiments={experiments} timeZone={settings.timeZone} />
      {reactivating && (
        <ReactivateDialog
          client={client}
          onClose={() => setReactivating(false)}
          onDone={(text) => {
            setReactivating(false);
            setNotice(text);
            setFocusAfterReactivate(true);
          }}
        />
      )}
    </section>
  );
}
