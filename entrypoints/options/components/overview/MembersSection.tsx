import { useRef, useState } from 'preact/hooks';
import { errorMessage, t } from '../../../../lib/i18n';
import { type Member, MEMBER_ROLES, type MemberRole, memberInputSchema } from '../../../../lib/model/org-records';
import { addMember, removeMember } from '../../../../lib/ops';
import { actionForGivingRole, canPartner } from '../../../../lib/rules/partner-permissions';
import { Dialog } from '../Dialog';
import { DialogActions } from '../DialogActions';
import { Notice } from '../Notice';
import { availabilityOf } from '../partner/restriction';
import { SelectField } from '../SelectField';
import { TextField } from '../TextField';
import { useFormFields } from '../useFormFields';
import { roleLabel } from './labels';

interface MembersSectionProps {
  orgId: string;
  members: readonly Member[];
  readOnly: boolean;
}

/** The roles the agency may give as partner admin; the others are the client's own to give. */
const OFFERED_ROLES = MEMBER_ROLES.filter((role) => canPartner(actionForGivingRole(role)));

/** Why the roles left out are not offered, each reason once, in the permission table's words. */
function withheldRolesReason(): string | undefined {
  const reasons = MEMBER_ROLES.filter((role) => !OFFERED_ROLES.includes(role)).map((role) => {
    const availability = availabilityOf(actionForGivingRole(role));
    return availability.enabled ? '' : availability.reason;
  });
  return [...new Set(reasons.filter(Boolean))].join(' ') || undefined;
}

/**
 * The people of the client's organization: add one with a role the agency may give, remove
 * one after confirming. What the partner-admin limits keep from the agency (deleting a user,
 * giving the admin roles) is shown disabled or left out, with the reason in words.
 */
export function MembersSection({ orgId, members, readOnly }: MembersSectionProps) {
  const fields = useFormFields<{ name: string; email: string; role: MemberRole }>({
    scope: 'member',
    schema: memberInputSchema,
    fields: ['name', 'email'],
    initial: () => ({ name: '', email: '', role: OFFERED_ROLES[0] ?? 'user' }),
    quietWhenEmpty: true,
  });
  const removal = availabilityOf('member.delete');
  const rolesReason = withheldRolesReason();
  const [outcome, setOutcome] = useState<Notice | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  async function onAdd(event: Event) {
    event.preventDefault();
    setOutcome(null);
    if (!fields.checkAll()) return;
    try {
      const added = await addMember(orgId, fields.values);
      fields.reset({ name: '', email: '', role: fields.values.role });
      setOutcome({ text: t('overview_memberAdded', { name: added.name, role: roleLabel(added.role) }), error: false });
      document.getElementById(fields.idOf('name'))?.focus();
    } catch (error) {
      const general = fields.refuseFrom(error);
      if (general) setOutcome({ text: general, error: true });
    }
  }

  async function onRemove(member: Member) {
    setRemoving(null);
    if (member.id === undefined) return;
    try {
      await removeMember(orgId, member.id);
      setOutcome({ text: t('overview_memberRemoved', { name: member.name }), error: false });
    } catch (error) {
      setOutcome({ text: errorMessage(error), error: true });
    }
    // The row and its button are gone; the section's heading keeps the place.
    heading.current?.focus();
  }

  return (
    <section class="overview-section" aria-labelledby="members-heading">
      <h3 id="members-heading" ref={heading} tabIndex={-1}>
        {t('overview_membersHeading')}
      </h3>
      {members.length === 0 ? (
        <p>{t('overview_noMembers')}</p>
      ) : (
        <table class="overview-table" data-testid="members">
          <thead>
            <tr>
              <th scope="col">{t('overview_columnName')}</th>
              <th scope="col">{t('overview_columnEmail')}</th>
              <th scope="col">{t('overview_columnRole')}</th>
              {!readOnly && <th scope="col">{t('overview_columnActions')}</th>}
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.id}>
                <th scope="row">{member.name}</th>
                <td>{member.email}</td>
                <td>{roleLabel(member.role)}</td>
                {!readOnly && (
                  <td class="overview-actions">
                    <button
                      type="button"
                      class="secondary"
                      aria-label={t('overview_removeNamed', { name: member.name })}
                      disabled={!removal.enabled}
                      aria-describedby={removal.enabled ? undefined : 'members-remove-reason'}
                      onClick={() => setRemoving(member)}
                    >
                      {t('overview_remove')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!readOnly && !removal.enabled && members.length > 0 && (
        <p id="members-remove-reason" class="hint" data-testid="members-remove-reason">
          {removal.reason}
        </p>
      )}
      <Notice notice={outcome} testId="members-status" alertTestId="members-refusal" />
      {!readOnly && (
        <form class="overview-inline-form" noValidate onSubmit={(event) => void onAdd(event)}>
          <h4>{t('overview_addMemberHeading')}</h4>
          <div class="overview-inline-fields">
            <TextField {...fields.text('name')} label={t('field_member_name')} required autoComplete="off" />
            <TextField
              {...fields.text('email')}
              type="email"
              label={t('field_member_email')}
              required
              autoComplete="off"
            />
            <SelectField
              {...fields.select('role', OFFERED_ROLES)}
              label={t('field_member_role')}
              options={OFFERED_ROLES.map((role) => ({ value: role, label: roleLabel(role) }))}
              describedBy={rolesReason ? 'members-role-limit' : undefined}
            />
            <button type="submit">{t('overview_addMember')}</button>
          </div>
          {rolesReason && (
            <p id="members-role-limit" class="hint" data-testid="members-role-limit">
              {rolesReason}
            </p>
          )}
        </form>
      )}
      {removing && (
        <Dialog title={t('overview_removeMemberTitle', { name: removing.name })} onClose={() => setRemoving(null)}>
          <p>{t('overview_removeMemberBody', { name: removing.name, email: removing.email })}</p>
          <DialogActions
            onCancel={() => setRemoving(null)}
            confirmLabel={t('overview_remove')}
            onConfirm={() => void onRemove(removing)}
            danger
          />
        </Dialog>
      )}
    </section>
  );
}
