import { beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../../../lib/model/client';
import {
  addMember,
  completeExperiment,
  createClient,
  createExperiment,
  deleteClient,
  getClient,
  listActivity,
  listSwitcherEntries,
  markInactive,
  markOpened,
  pauseExperiment,
  reactivate,
  reallocateQuota,
  recordUsage,
  removeMember,
  startExperiment,
  updateClient,
  updateSettings,
} from '../../../lib/ops';
import type { OpContext } from '../../../lib/ops/context';
import { editOrgDashboard, resetMemberPassword } from '../../../lib/ops/partner';
import { listRevokedClients, recordRevokedAccess, restoreAccess } from '../../../lib/ops/revoked';
import { changeCard, setSubscription } from '../../../lib/ops/subscription';
import { workspaceUrlFor } from '../../../lib/rules/workspace-url';
import { t } from '../../../lib/i18n';
import { clientInput, DAY, refusal, resetDb, snapshot, T0 } from '../ops/helpers';

const TEMPLATE = 'https://app.example.com/org/{orgId}';
const AS_SUPER_ADMIN: OpContext = { now: T0 + 2, actingAs: 'super_admin' };

let client: Client;
let experiment: number;
let member: number;

beforeEach(async () => {
  await resetDb();
  await updateSettings({ poolSize: 100, timeZone: 'UTC', workspaceUrlTemplate: TEMPLATE }, { now: T0 });
  client = await createClient(clientInput({ name: 'Acme', quota: 10 }), { now: T0 });
  experiment = (await createExperiment(client.orgId, { name: 'Hero' }, { now: T0 })).id as number;
  member = (await addMember(client.orgId, { name: 'Uma', email: 'uma@example.com', role: 'user' }, { now: T0 }))
    .id as number;
});

describe('recording revoked access', () => {
  it('keeps when and the note, and logs it without the note', async () => {
    const revoked = await recordRevokedAccess(client.orgId, { note: '  Told by phone  ' }, { now: T0 + DAY });
    expect(revoked).toMatchObject({ revokedAt: T0 + DAY, revokeNote: 'Told by phone' });
    const [entry] = await listActivity({ orgId: client.orgId, limit: 1 });
    expect(entry).toMatchObject({ action: 'access_revoked', at: T0 + DAY });
    expect(JSON.stringify(entry)).not.toContain('phone');
  });

  it('refuses recording it twice, and restoring a client that has not revoked', async () => {
    expect((await refusal(restoreAccess(client.orgId, { now: T0 + 1 }))).key).toBe('revoked_notRevoked');
    await recordRevokedAccess(client.orgId, {}, { now: T0 + 1 });
    expect((await refusal(recordRevokedAccess(client.orgId, {}, { now: T0 + 2 }))).key).toBe('revoked_alreadyRevoked');
  });

  it('refuses a note that holds a full card number, and stores nothing', async () => {
    const before = await snapshot();
    const error = await refusal(
      recordRevokedAccess(client.orgId, { note: 'card 4242 4242 4242 4242' }, { now: T0 + 1 }),
    );
    expect(error.problems).toMatchObject([{ field: 'note', key: 'error_cardNumberRefused' }]);
    expect(await snapshot()).toEqual(before);
  });

  it('lists revoked clients apart, the most recent first, and the switcher no longer offers them', async () => {
    const other = await createClient(clientInput({ name: 'Beta', quota: 5 }), { now: T0 });
    await recordRevokedAccess(client.orgId, {}, { now: T0 + 1 });
    await recordRevokedAccess(other.orgId, {}, { now: T0 + 2 });
    expect((await listRevokedClients()).map((revoked) => revoked.orgId)).toEqual([other.orgId, client.orgId]);
    expect(await listSwitcherEntries()).toEqual([]);
    await restoreAccess(other.orgId, { now: T0 + 3 });
    expect((await listRevokedClients()).map((revoked) => revoked.orgId)).toEqual([client.orgId]);
  });
});

describe('a revoked client is read-only', () => {
  const WRITES: [string, () => Promise<unknown>][] = [
    ['updateClient', () => updateClient(client.orgId, clientInput({ name: 'Renamed' }), { now: T0 + 2 })],
    ['reallocateQuota', () => reallocateQuota(client.orgId, 20, { now: T0 + 2 })],
    ['recordUsage', () => recordUsage(client.orgId, 1, { now: T0 + 2 })],
    ['markInactive', () => markInactive(client.orgId, { now: T0 + 2 })],
    ['deleteClient', () => deleteClient(client.orgId, { now: T0 + 2 })],
    ['createExperiment', () => createExperiment(client.orgId, { name: 'New' }, { now: T0 + 2 })],
    ['startExperiment', () => startExperiment(client.orgId, experiment, { now: T0 + 2 })],
    [
      'addMember',
      () => addMember(client.orgId, { name: 'New', email: 'new@example.com', role: 'user' }, { now: T0 + 2 }),
    ],
    ['removeMember (by its own super admin)', () => removeMember(client.orgId, member, AS_SUPER_ADMIN)],
    ['resetMemberPassword (by its own super admin)', () => resetMemberPassword(client.orgId, member, AS_SUPER_ADMIN)],
    ['editOrgDashboard (by its own super admin)', () => editOrgDashboard(client.orgId, AS_SUPER_ADMIN)],
    [
      'setSubscription',
      () =>
        setSubscription(
          client.orgId,
          { plan: 'Pro', licensedVisitors: 10, renewalDate: '2026-05-01', billingCycle: 'monthly' },
          { now: T0 + 2 },
        ),
    ],
    [
      'changeCard',
      () =>
        changeCard(
          client.orgId,
          { usingCustomersCard: false, brand: 'visa', last4: '4242', expiry: '12/30' },
          { now: T0 + 2 },
        ),
    ],
  ];

  it.each(WRITES)('%s is refused with the reason and writes nothing', async (_label, write) => {
    await recordRevokedAccess(client.orgId, {}, { now: T0 + 1 });
    const before = await snapshot();
    const error = await refusal(write());
    expect(error).toMatchObject({ code: 'rule', key: 'revoked_readOnly' });
    expect(t(error.key, error.params, 'en')).toBe(
      'This client revoked your access, so its data is read-only until access is granted again.',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses the experiment and reactivation writes too', async () => {
    await startExperiment(client.orgId, experiment, { now: T0 + 1 });
    await recordRevokedAccess(client.orgId, {}, { now: T0 + 1 });
    expect((await refusal(pauseExperiment(client.orgId, experiment, { now: T0 + 2 }))).key).toBe('revoked_readOnly');
    expect((await refusal(completeExperiment(client.orgId, experiment, { now: T0 + 2 }))).key).toBe('revoked_readOnly');
    await restoreAccess(client.orgId, { now: T0 + 2 });
    await markInactive(client.orgId, { now: T0 + 3 });
    await recordRevokedAccess(client.orgId, {}, { now: T0 + 4 });
    expect((await refusal(reactivate(client.orgId, 10, { now: T0 + 5 }))).key).toBe('revoked_readOnly');
  });

  it('cannot be opened from the extension, and nothing is recorded as opened', async () => {
    await recordRevokedAccess(client.orgId, {}, { now: T0 + 1 });
    const error = await refusal(markOpened(client.orgId, { now: T0 + 2 }));
    expect(error.key).toBe('revoked_cannotOpen');
    expect((await getClient(client.orgId))?.lastOpenedAt).toBeUndefined();
    expect(
      workspaceUrlFor({ orgId: client.orgId, revokedAt: T0, workspaceUrl: 'https://acme.example/' }, TEMPLATE),
    ).toEqual({
      ok: false,
      key: 'revoked_cannotOpen',
    });
  });

  it('is writable and can be opened again once access is restored', async () => {
    await recordRevokedAccess(client.orgId, { note: 'Paused the contract' }, { now: T0 + 1 });
    const restored = await restoreAccess(client.orgId, { now: T0 + 2 });
    expect(restored.revokedAt).toBeUndefined();
    expect(restored.revokeNote).toBeUndefined();
    expect((await updateClient(client.orgId, clientInput({ name: 'Acme Again' }), { now: T0 + 3 })).name).toBe(
      'Acme Again',
    );
    expect(await markOpened(client.orgId, { now: T0 + 4 })).toBe(`https://app.example.com/org/${client.orgId}`);
    expect((await listActivity({ orgId: client.orgId, limit: 3 })).map((entry) => entry.action)).toContain(
      'access_restored',
    );
  });
});
