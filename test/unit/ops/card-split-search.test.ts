import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db/database';
import { looksLikeCardNumber } from '../../../lib/model/card-number';
import { createClient, listClientPage, updateSettings } from '../../../lib/ops';
import { clientInput, resetDb, T0 } from './helpers';

// Neither field holds a card number, but the stored search text joins the fields: it must not
// join them into one (4111 1111 | 1111 1111 is not 4111 1111 1111 1111).
describe('a card number split across two fields', () => {
  beforeEach(resetDb);

  it('is not put together in the stored client, and the client is still found by each field', async () => {
    await updateSettings({ poolSize: 100 }, { now: T0 });
    const client = await createClient(clientInput({ name: 'Acme 4111 1111', company: '1111 1111', quota: 5 }), {
      now: T0,
    });
    const stored = await db.clients.get(client.orgId);
    for (const [field, value] of Object.entries(stored ?? {}))
      if (typeof value === 'string') expect(looksLikeCardNumber(value), `stored ${field}: ${value}`).toBe(false);
    const found = async (query: string) =>
      (await listClientPage({ query, offset: 0, limit: 10 })).items.map((c) => c.orgId);
    expect(await found('acme 4111')).toEqual([client.orgId]);
    expect(await found('1111 1111')).toEqual([client.orgId]);
  });
});
