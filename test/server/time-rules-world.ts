/**
 * What the time rules' tests start from: clients put in the state a test needs (used
 * visitors, inactive) by a change of the agency, as the server writes rows, where no pushed
 * change can put them yet; a reminder webhook receiver on 127.0.0.1; and reads of the rows.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { PERSON } from '../../lib/model/activity';
import type { Client } from '../../lib/model/client';
import type { Settings } from '../../lib/model/settings';
import type { PulledRow } from '../../lib/model/sync-pull';
import { inactiveFields } from '../../lib/rules/lifecycle';
import type { Db } from '../../server/db/pool';
import { saveSettings } from '../../server/store/agency';
import { putClient, requireClient } from '../../server/store/clients';
import { asAgencyChange } from '../../server/time-rules/agency-change';
import { pullAll } from './team';

// Created as a manager's browser creates one; the time-rules tests import it from here with the rest.
export { pushClient } from './team';

export const at = (iso: string) => Date.parse(iso);

/** Rewrites one client's record as one change of the agency (a version of its own). */
export async function editClient(db: Db, agencyId: string, now: number, orgId: string, edit: (c: Client) => Client) {
  await asAgencyChange(db, agencyId, now, PERSON, async (ctx) => {
    await putClient(ctx, edit(await requireClient(ctx, orgId)));
    return { wrote: true, result: undefined };
  });
}

export async function useVisitors(db: Db, agencyId: string, now: number, orgId: string, usedVisitors: number) {
  await editClient(db, agencyId, now, orgId, (client) => ({ ...client, usedVisitors }));
}

/** Makes a client inactive at `now` with the fields markInactive writes (purge date three months on). */
export async function makeInactive(db: Db, agencyId: string, now: number, orgId: string) {
  await editClient(db, agencyId, now, orgId, (client) => ({ ...client, ...inactiveFields(client, now, 'UTC') }));
}

export async function changeSettings(db: Db, agencyId: string, now: number, patch: Partial<Settings>) {
  await asAgencyChange(db, agencyId, now, PERSON, async (ctx) => {
    await saveSettings(ctx, { ...ctx.settings, ...patch });
    return { wrote: true, result: undefined };
  });
}

/** An experiment row of the client's org, as a browser's experiment change would leave it. */
export async function addExperiment(
  db: Db,
  agencyId: string,
  orgId: string,
  key: string,
  status: 'running' | 'paused',
  pausedBy?: 'quota',
) {
  const data = { orgId, name: `Test ${key}`, status, ...(pausedBy ? { pausedBy } : {}), createdAt: 1, updatedAt: 1 };
  await db.query(
    `INSERT INTO experiments (agency_id, org_id, key, status, data, version)
     VALUES ($1, $2, $3, $4, $5, (SELECT version FROM agencies WHERE id = $1))`,
    [agencyId, orgId, key, status, data],
  );
}

/** Every row a browser pulls from scratch, of one entity. */
export async function pulled(app: FastifyInstance, token: string, entity: PulledRow['entity']) {
  return (await pullAll(app, token)).rows.filter((row) => row.entity === entity);
}

export async function clientOf(app: FastifyInstance, token: string, orgId: string): Promise<PulledRow | undefined> {
  return (await pulled(app, token, 'client')).find((row) => row.orgId === orgId);
}

export async function historyOf(app: FastifyInstance, token: string, orgId: string) {
  return (await pulled(app, token, 'activity'))
    .filter((row) => row.orgId === orgId)
    .map((row) => row.data as { action: string; actor: unknown; details?: Record<string, unknown> });
}

export interface Receiver {
  url: string;
  bodies: Record<string, unknown>[];
  /** Answers each post with the next of these statuses, then 200. */
  answers: number[];
  /** Milliseconds before each answer. */
  delayMs: number;
  close(): Promise<void>;
}

/** A reminder webhook receiver on 127.0.0.1, on a free port: records what is posted. */
export async function startReceiver(): Promise<Receiver> {
  const receiver: Omit<Receiver, 'url' | 'close'> = { bodies: [], answers: [], delayMs: 0 };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      receiver.bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      const status = receiver.answers.shift() ?? 200;
      setTimeout(() => response.writeHead(status).end(), receiver.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hook`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  });
}
