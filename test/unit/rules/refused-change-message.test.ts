import { describe, expect, it } from 'vitest';
import { t } from '../../../lib/i18n';
import { CHANGE_NAMES, type ChangeName } from '../../../lib/model/team';
import { refusedChangeMessage } from '../../../lib/rules/refused-change-message';

/** Each change's args as an operation queues them (lib/model/sync-schema.ts), the parts its sentence names. */
const ARGS: Record<ChangeName, unknown> = {
  'client.create': { orgId: 'ORG-ACME0001', client: { name: 'Acme Outdoor' } },
  'client.update': { orgId: 'ORG-ACME0001', details: {} },
  'client.reallocate': { orgId: 'ORG-ACME0001', quota: 45 },
  'client.setVisitorsUsed': { orgId: 'ORG-ACME0001', visitors: 1200 },
  'client.markInactive': { orgId: 'ORG-ACME0001' },
  'client.reactivate': { orgId: 'ORG-ACME0001', quota: 30 },
  'client.delete': { orgId: 'ORG-ACME0001' },
  'experiment.create': { orgId: 'ORG-ACME0001', key: 'x-12345678', experiment: { name: 'Checkout test' } },
  'experiment.start': { orgId: 'ORG-ACME0001', key: 'x-12345678' },
  'experiment.pause': { orgId: 'ORG-ACME0001', key: 'x-12345678' },
  'experiment.complete': { orgId: 'ORG-ACME0001', key: 'x-12345678' },
  'orgMember.add': { orgId: 'ORG-ACME0001', key: 'm-12345678', member: { name: 'Yuki Tanaka' } },
  'orgMember.remove': { orgId: 'ORG-ACME0001', key: 'm-12345678' },
  'orgMember.changeRole': { orgId: 'ORG-ACME0001', key: 'm-12345678', role: 'admin' },
  'client.setSubscription': { orgId: 'ORG-ACME0001', subscription: {} },
  'client.changeCard': { orgId: 'ORG-ACME0001', card: {} },
  'client.recordRevokedAccess': { orgId: 'ORG-ACME0001', revoke: {} },
  'client.restoreAccess': { orgId: 'ORG-ACME0001' },
  'settings.update': { patch: { poolSize: 10 } },
  'roster.import': { prepared: { kind: 'csv', rows: [{}, {}, {}] }, choices: {} },
};

describe('what a refused change tried', () => {
  it.each(CHANGE_NAMES)('words %s as one whole sentence in English and Japanese, every placeholder filled', (name) => {
    const { key, params } = refusedChangeMessage({ name, args: ARGS[name], clientName: 'Acme Outdoor' });
    for (const locale of ['en', 'ja'] as const) {
      const sentence = t(key, params, locale);
      expect(sentence).not.toBe(key);
      expect(sentence).not.toMatch(/\$[A-Za-z_]+\$/);
      if (name !== 'settings.update' && name !== 'roster.import') expect(sentence).toContain('Acme Outdoor');
    }
  });

  it('gives each change name its own sentence', () => {
    const keys = CHANGE_NAMES.map((name) => refusedChangeMessage({ name, args: ARGS[name] }).key);
    expect(new Set(keys).size).toBe(CHANGE_NAMES.length);
  });

  it('names the numbers and records the change was about', () => {
    const say = (name: ChangeName) => {
      const { key, params } = refusedChangeMessage({ name, args: ARGS[name], clientName: 'Acme Outdoor' });
      return t(key, params);
    };
    expect(say('client.reallocate')).toBe("Change Acme Outdoor's quota to 45");
    expect(say('client.setVisitorsUsed')).toBe("Set Acme Outdoor's visitors used to 1,200");
    expect(say('experiment.create')).toBe('Add the experiment Checkout test to Acme Outdoor');
    expect(say('orgMember.add')).toBe("Add Yuki Tanaka to Acme Outdoor's members");
    expect(say('roster.import')).toBe('Import a file of 3 clients');
  });

  it('names a client by its name in the change when none was kept, else by its Org ID, and survives args it cannot read', () => {
    const created = refusedChangeMessage({ name: 'client.create', args: ARGS['client.create'] });
    expect(t(created.key, created.params)).toBe('Create the client Acme Outdoor');
    const deleted = refusedChangeMessage({ name: 'client.delete', args: { orgId: 'ORG-ACME0001' } });
    expect(t(deleted.key, deleted.params)).toBe('Delete ORG-ACME0001');
    const broken = refusedChangeMessage({ name: 'client.reallocate', args: null, orgId: 'ORG-ACME0001' });
    expect(t(broken.key, broken.params)).toBe("Change ORG-ACME0001's quota to 0");
  });
});
