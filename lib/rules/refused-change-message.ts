/**
 * What a refused change tried to do, as one whole sentence per change name ("Change Acme
 * Outdoor's quota to 45."): the dashboard's *Changes refused* list and notice and the worker's
 * notification word it the same way from the same message key and parameters.
 */
import type { MessageKey, MessageParams } from '../model/messages';
import type { ChangeName } from '../model/team';

export interface RefusedChangeSubject {
  name: ChangeName;
  /** The change's args as it was queued; read defensively, it was stored before any check. */
  args: unknown;
  orgId?: string | undefined;
  /** The client's name when the change was made. */
  clientName?: string | undefined;
}

export interface RefusedChangeMessage {
  key: MessageKey;
  params: MessageParams;
}

const KEYS: Record<ChangeName, MessageKey> = {
  'client.create': 'refused_tried_clientCreate',
  'client.update': 'refused_tried_clientUpdate',
  'client.reallocate': 'refused_tried_clientReallocate',
  'client.setVisitorsUsed': 'refused_tried_clientSetVisitorsUsed',
  'client.markInactive': 'refused_tried_clientMarkInactive',
  'client.reactivate': 'refused_tried_clientReactivate',
  'client.delete': 'refused_tried_clientDelete',
  'experiment.create': 'refused_tried_experimentCreate',
  'experiment.start': 'refused_tried_experimentStart',
  'experiment.pause': 'refused_tried_experimentPause',
  'experiment.complete': 'refused_tried_experimentComplete',
  'orgMember.add': 'refused_tried_orgMemberAdd',
  'orgMember.remove': 'refused_tried_orgMemberRemove',
  'orgMember.changeRole': 'refused_tried_orgMemberChangeRole',
  'client.setSubscription': 'refused_tried_clientSetSubscription',
  'client.changeCard': 'refused_tried_clientChangeCard',
  'client.recordRevokedAccess': 'refused_tried_clientRecordRevokedAccess',
  'client.restoreAccess': 'refused_tried_clientRestoreAccess',
  'settings.update': 'refused_tried_settingsUpdate',
  'roster.import': 'refused_tried_rosterImport',
};

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** How many clients an import carried: a CSV's rows or a backup's clients. */
function importedClients(args: unknown): number {
  const prepared = field(args, 'prepared');
  const rows = field(prepared, 'rows') ?? field(prepared, 'clients');
  return Array.isArray(rows) ? rows.length : 0;
}

/** The sentence of what `change` tried, by its name, with the client's name (else its Org ID) in it. */
export function refusedChangeMessage(change: RefusedChangeSubject): RefusedChangeMessage {
  const { name, args } = change;
  const client =
    text(change.clientName) ??
    text(field(field(args, 'client'), 'name')) ??
    text(change.orgId) ??
    text(field(args, 'orgId')) ??
    '';
  const key = KEYS[name];
  switch (name) {
    case 'client.reallocate':
    case 'client.reactivate':
      return { key, params: { client, quota: count(field(args, 'quota')) } };
    case 'client.setVisitorsUsed':
      return { key, params: { client, visitors: count(field(args, 'visitors')) } };
    case 'experiment.create':
      return { key, params: { client, experiment: text(field(field(args, 'experiment'), 'name')) ?? '' } };
    case 'orgMember.add':
      return { key, params: { client, member: text(field(field(args, 'member'), 'name')) ?? '' } };
    case 'roster.import':
      return { key, params: { count: importedClients(args) } };
    case 'settings.update':
      return { key, params: {} };
    case 'client.create':
    case 'client.update':
    case 'client.markInactive':
    case 'client.delete':
    case 'experiment.start':
    case 'experiment.pause':
    case 'experiment.complete':
    case 'orgMember.remove':
    case 'orgMember.changeRole':
    case 'client.setSubscription':
    case 'client.changeCard':
    case 'client.recordRevokedAccess':
    case 'client.restoreAccess':
      return { key, params: { client } };
  }
}
