import { useEffect, useRef } from 'preact/hooks';
import { ClientForm } from '../components/ClientForm';
import { emptyClientValues, toNewClientInput } from '../components/client-form-values';
import { rememberCreated } from '../components/overview/just-created';
import { listReturnHref, navigate } from '../components/router';
import { TeamReason } from '../components/team/TeamReason';
import { useTeamPermission } from '../components/team/use-team-permission';
import { useLiveQuery } from '../../../components/useLiveQuery';
import { t } from '../../../lib/i18n';
import { createClient, getPoolSummary } from '../../../lib/ops';

/** Create New Client: the form; on Save, the new client's overview with its Org ID. */
export function NewClientView() {
  const { value: pool } = useLiveQuery(getPoolSummary, []);
  const heading = useRef<HTMLHeadingElement>(null);
  const team = useTeamPermission('client.create');

  // Arriving from the header link, the view starts at its heading, so Tab leads into the form.
  useEffect(() => heading.current?.focus(), []);

  async function save(values: ReturnType<typeof emptyClientValues>) {
    const client = await createClient(toNewClientInput(values));
    rememberCreated(client.orgId);
    navigate({ name: 'client', orgId: client.orgId });
  }

  return (
    <section aria-labelledby="new-client-heading" class="client-view">
      <p>
        <a href={listReturnHref()}>{t('overview_backToList')}</a>
      </p>
      <h2 id="new-client-heading" ref={heading} tabIndex={-1}>
        {t('form_newClientHeading')}
      </h2>
      <TeamReason id="new-client-team-reason" reason={team.reason} />
      <ClientForm
        readOnly={!team.allowed}
        mode="create"
        initial={emptyClientValues()}
        free={pool?.free}
        onSave={save}
        saveLabel={t('form_save')}
        cancelHref={listReturnHref()}
      />
    </section>
  );
}
