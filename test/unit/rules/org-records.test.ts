import { describe, expect, it } from 'vitest';
import type { Client } from '../../../lib/model/client';
import { AppError } from '../../../lib/model/errors';
import { defaultSettings } from '../../../lib/model/settings';
import { memberEmailRefusal } from '../../../lib/rules/org-members';
import { actionsForRemovingMember, checkRoleChange } from '../../../lib/rules/partner-permissions';
import {
  checkCanRecordRevoked,
  checkCanRestoreAccess,
  withAccessRestored,
  withRevokedAccess,
} from '../../../lib/rules/revoked-access';
import { patchSettings, settingsChangeEntries } from '../../../lib/rules/settings-update';
import {
  asLicensesProblem,
  cardExpiryRefusal,
  changesLicenses,
  paymentCardFrom,
} from '../../../lib/rules/subscription';

const client: Client = {
  orgId: 'ORG-AAAAAAAA',
  name: 'Acme',
  contact: { firstName: 'Ana', lastName: 'Silva', email: 'ana@example.com' },
  status: 'active',
  quota: 10,
  usedVisitors: 0,
  createdAt: 1,
  updatedAt: 1,
};

describe('member rules', () => {
  it('refuse a taken email at the email field', () => {
    expect(memberEmailRefusal(false)).toBeUndefined();
    expect(memberEmailRefusal(true)).toMatchObject({
      code: 'conflict',
      key: 'error_memberEmailTaken',
      problems: [{ field: 'email', key: 'error_memberEmailTaken' }],
    });
  });

  it('never move the super administrator by a role change, even for one who may, and do nothing for the same role', () => {
    expect(checkRoleChange('super_admin', 'user', 'user')).toBeUndefined();
    expect(checkRoleChange('super_admin', 'user', 'admin')).toEqual({ ok: true });
    expect(checkRoleChange('super_admin', 'admin', 'super_admin')).toMatchObject({
      ok: false,
      key: 'partner_useChangeSuperAdmin',
    });
    expect(checkRoleChange('partner', 'user', 'admin')).toMatchObject({ key: 'partner_reason_memberAdminRole' });
    expect(checkRoleChange('partner', 'super_admin', 'user')).toMatchObject({ key: 'partner_reason_superAdminChange' });
  });

  it('ask to hand over the super administrator when deleting one', () => {
    expect(actionsForRemovingMember('user')).toEqual(['member.delete']);
    expect(actionsForRemovingMember('super_admin')).toEqual(['member.delete', 'superAdmin.change']);
  });
});

describe('subscription rules', () => {
  it('move licences only when their number changes', () => {
    expect(changesLicenses(client, 10)).toBe(false);
    expect(changesLicenses(client, 11)).toBe(true);
  });

  it("point a rule's refusal at the licensed-visitors field, and leave other errors alone", () => {
    const refused = asLicensesProblem(new AppError('rule', 'error_quotaExceedsFree', { needed: 5, free: 1 }));
    expect(refused).toMatchObject({
      key: 'error_quotaExceedsFree',
      problems: [{ field: 'licensedVisitors', params: { needed: 5, free: 1 } }],
    });
    const missing = new AppError('not_found', 'error_clientNotFound');
    expect(asLicensesProblem(missing)).toBe(missing);
  });

  it('refuse an expiry past on the day given, and keep brand, last four and expiry, tagged by whose card it is', () => {
    expect(cardExpiryRefusal('12/26', '2026-12-31')).toBeUndefined();
    expect(cardExpiryRefusal('11/26', '2026-12-01')).toMatchObject({ problems: [{ key: 'error_expiryPast' }] });
    expect(paymentCardFrom({ usingCustomersCard: false, brand: 'amex', last4: '0005', expiry: '01/29' })).toEqual({
      tag: 'reseller_card',
      brand: 'amex',
      last4: '0005',
      expiry: '01/29',
    });
  });
});

describe('revoked access rules', () => {
  it('revoke once and restore only what was revoked, never carrying an old note over', () => {
    const revoked = withRevokedAccess({ ...client, revokeNote: 'old' }, 5, undefined);
    expect(revoked.revokedAt).toBe(5);
    expect(revoked).not.toHaveProperty('revokeNote');
    expect(withRevokedAccess(client, 5, 'why')).toMatchObject({ revokedAt: 5, revokeNote: 'why' });
    expect(checkCanRecordRevoked(revoked)).toMatchObject({ key: 'revoked_alreadyRevoked' });
    expect(checkCanRestoreAccess(client)).toMatchObject({ key: 'revoked_notRevoked' });
    const restored = withAccessRestored({ ...revoked, revokeNote: 'why' });
    expect(restored).not.toHaveProperty('revokedAt');
    expect(restored).not.toHaveProperty('revokeNote');
  });
});

describe('settings changes', () => {
  it('log a pool change for the ledger, then the other settings that changed by name', () => {
    const current = { ...defaultSettings(), timeZone: 'UTC' };
    const next = patchSettings(current, { poolSize: 50, agencyName: 'New name', billingDay: 1 });
    expect(settingsChangeEntries(current, next)).toEqual([
      { action: 'pool_changed', poolSize: 50, details: { poolBefore: 0, poolAfter: 50 } },
      { action: 'settings_changed', details: { fields: 'agencyName' } },
    ]);
    expect(settingsChangeEntries(next, next)).toEqual([]);
  });
});
