import { describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import { LATEST_VERSION } from '../../../lib/db/schema';
import { createClient, updateSettings } from '../../../lib/ops';
import { clientInput, resetDb, snapshot, T0 } from '../ops/helpers';

describe('test database reset', () => {
  it('leaves an open, empty database at the latest version after writes', async () => {
    await resetDb();
    await updateSettings({ poolSize: 10 }, { now: T0 });
    await createClient(clientInput({ quota: 5 }), { now: T0 });
    expect((await snapshot()).clients).toHaveLength(1);

    await resetDb();
    expect(db.isOpen()).toBe(true);
    expect(db.verno).toBe(LATEST_VERSION);
    const tables = await snapshot();
    expect(Object.keys(tables).sort()).toEqual([
      'activity',
      'clients',
      'experiments',
      'members',
      'meta',
      'orgIds',
      'outbox',
      'refusedChanges',
      'reminders',
      'reports',
      'usageAlerts',
      'usageSamples',
    ]);
    for (const [name, rows] of Object.entries(tables)) expect(rows, name).toEqual([]);
  });
});
