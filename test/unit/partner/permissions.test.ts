import { describe, expect, it } from 'vitest';
import type { OrgActor } from '../../../lib/model/partner';
import {
  actionForGivingRole,
  actionForRoleChange,
  canActor,
  canPartner,
  checkOrgAction,
  ORG_ACTIONS,
  type OrgAction,
  PARTNER_LIMITS,
} from '../../../lib/rules/partner-permissions';
import { expectKeyInCatalogues } from '../ops/helpers';

const ACTIONS = Object.keys(ORG_ACTIONS) as OrgAction[];

describe('the partner permission table', () => {
  it('keeps exactly the ten partner-admin limits from the agency, in the order the issue lists them', () => {
    expect(PARTNER_LIMITS).toEqual([
      'superAdmin.change',
      'twoFactor.toggle',
      'member.adminRole',
      'member.profileImage',
      'member.resetPassword',
      'member.delete',
      'member.backUp',
      'dashboard.edit',
      'referral.use',
      'contactsSync.change',
    ]);
    for (const action of PARTNER_LIMITS) expect(canPartner(action), action).toBe(false);
  });

  it("lets the agency do everything else a client's super admin can", () => {
    for (const action of ACTIONS.filter((candidate) => !PARTNER_LIMITS.includes(candidate))) {
      expect(canPartner(action), action).toBe(true);
    }
    for (const action of ACTIONS) {
      if (canActor('super_admin', action))
        expect(canPartner(action) || PARTNER_LIMITS.includes(action), action).toBe(true);
    }
  });

  it("says that only the agency changes the plan, the licenses and the card: none of the client's roles", () => {
    for (const role of ['super_admin', 'admin', 'user'] as const) {
      expect(canActor(role, 'subscription.change'), role).toBe(false);
      expect(canActor(role, 'payment.change'), role).toBe(false);
    }
    expect(checkOrgAction('admin', 'subscription.change')).toEqual({
      ok: false,
      key: 'partner_reason_subscriptionAgencyOnly',
      params: {},
    });
    expect(checkOrgAction('partner', 'subscription.change')).toEqual({ ok: true });
  });

  it("lets the client's super admin do every partner-admin limit", () => {
    for (const action of PARTNER_LIMITS) expect(canActor('super_admin', action), action).toBe(true);
  });

  it('gives every refusal a sentence in both languages, and names every action', () => {
    for (const action of ACTIONS) {
      expectKeyInCatalogues(ORG_ACTIONS[action].labelKey);
      for (const actor of ['partner', 'super_admin', 'admin', 'user'] as OrgActor[]) {
        const check = checkOrgAction(actor, action);
        if (!check.ok) expectKeyInCatalogues(check.key);
      }
    }
    expect(checkOrgAction('partner', 'member.resetPassword')).toEqual({
      ok: false,
      key: 'partner_reason_memberResetPassword',
      params: {},
    });
    expect(checkOrgAction('user', 'twoFactor.toggle')).toEqual({
      ok: false,
      key: 'partner_reason_roleCannot',
      params: {},
    });
  });

  it('names what giving and changing roles is', () => {
    expect(actionForGivingRole('user')).toBe('member.add');
    expect(actionForGivingRole('admin')).toBe('member.adminRole');
    expect(actionForGivingRole('super_admin')).toBe('superAdmin.change');
    expect(actionForRoleChange('user', 'admin')).toBe('member.adminRole');
    expect(actionForRoleChange('admin', 'user')).toBe('member.adminRole');
    expect(actionForRoleChange('super_admin', 'admin')).toBe('superAdmin.change');
    expect(actionForRoleChange('user', 'super_admin')).toBe('superAdmin.change');
    expect(actionForRoleChange('user', 'user')).toBeUndefined();
  });
});
