import { db } from '../db/database';
import type { Client, ClientDetailsInput, NewClientInput } from '../model/client';
import { clientDetailsSchema, newClientSchema } from '../model/client-schema';
import { AppError } from '../model/errors';
import { normalizeOrgId } from '../model/ids';
import { parseOrThrow } from '../model/validate';
import { withClientDetails } from '../rules/client-details';
import { generateOrgId, type RandomBytes } from '../rules/org-id';
import { checkPoolHas } from '../rules/quota';
import { type OpContext, resolve, writeTransaction } from './context';
import { requireOrgAction, requireWritableClient } from './org-access';
import { changeAllocated, loadFree, log, putClient } from './store';
import { queueChange, requireTeamChange } from './team-outbox';

/** Tries before giving up on a fresh Org ID: with 40 random bits, a second try is already rare. */
const ORG_ID_ATTEMPTS = 20;

/** An Org ID that no client holds and none ever held; the client's record is what takes it. */
async function issueOrgId(random?: RandomBytes): Promise<string> {
  for (let attempt = 0; attempt < ORG_ID_ATTEMPTS; attempt += 1) {
    const candidate = generateOrgId(random);
    const [holder, retired] = await Promise.all([db.clients.get(candidate), db.orgIds.get(candidate)]);
    if (!holder && !retired) return candidate;
  }
  throw new AppError('conflict', 'error_orgIdExhausted');
}

export interface CreateOptions extends OpContext {
  /** Randomness for the Org ID; tests pass a seeded source. */
  random?: RandomBytes;
}

/** Creates a client with a new Org ID and a quota taken from the free pool. */
export async function createClient(input: NewClientInput, options: CreateOptions = {}): Promise<Client> {
  const ctx = resolve(options);
  const details = parseOrThrow(newClientSchema, input, 'client');
  return writeTransaction(
    async () => {
      await requireTeamChange('client.create');
      const room = checkPoolHas(details.quota, await loadFree());
      if (!room.ok)
        throw new AppError('rule', room.key, room.params, [
          { field: 'quota', labelKey: 'field_client_quota', key: room.key, params: room.params },
        ]);
      const orgId = await issueOrgId(options.random);
      const client = await putClient(
        { ...details, orgId, status: 'active', usedVisitors: 0, createdAt: ctx.now, updatedAt: ctx.now },
        ctx.now,
      );
      await changeAllocated(details.quota);
      await log(ctx, { action: 'client_created', orgId, quotaDelta: details.quota, details: { quota: details.quota } });
      // The Org ID made here goes with the change: the server takes it unless some client holds or held it.
      await queueChange('client.create', { orgId, client: details }, { orgId, clientName: details.name }, ctx.now);
      return client;
    },
    (client) => [client.orgId],
  );
}

/** Replaces a client's details (contact, company, address...). Quota and status have their own operations. */
export async function updateClient(orgId: string, input: ClientDetailsInput, context?: OpContext): Promise<Client> {
  const ctx = resolve(context);
  const details = parseOrThrow(clientDetailsSchema, input, 'client');
  requireOrgAction(context, 'client.edit');
  return writeTransaction(
    async () => {
      await requireTeamChange('client.update');
      const current = await requireWritableClient(orgId);
      const client = await putClient(withClientDetails(current, details), ctx.now);
      await log(ctx, { action: 'client_updated', orgId: client.orgId });
      await queueChange(
        'client.update',
        { orgId: client.orgId, details },
        { orgId: client.orgId, clientName: current.name },
        ctx.now,
      );
      return client;
    },
    (client) => [client.orgId],
  );
}

export async function getClient(orgId: string): Promise<Client | undefined> {
  return db.clients.get(normalizeOrgId(orgId));
}
