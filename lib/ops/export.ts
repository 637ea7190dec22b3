import { db, type StoredClient } from '../db/database';
import { type Backup, BACKUP_FORMAT, BACKUP_VERSION, type BackupClient, backupClientSchema } from '../model/backup';
import { clientsToCsv } from '../io/clients-csv';
import { serializeBackup } from '../io/backup-json';
import { localDate } from '../rules/calendar';
import { type OpContext, readTransaction, resolve } from './context';
import { loadSettings } from './store';

/** A file for the person to save: its name, its text and its media type. */
export interface ExportFile {
  name: string;
  text: string;
  type: string;
}

async function allClients(): Promise<StoredClient[]> {
  return db.clients.orderBy('nameKey').toArray();
}

/** The fields of the model only: what the database derives (search text, sort key, flags) is left out. */
const BACKUP_CLIENT_KEYS = Object.keys(backupClientSchema.shape);

function backupClient(client: StoredClient): BackupClient {
  const picked = Object.fromEntries(
    BACKUP_CLIENT_KEYS.filter((key) => key in client).map((key) => [key, client[key as keyof StoredClient]]),
  );
  return picked as BackupClient;
}

/** Whether the usage source has a token, counted by its key so that the token itself is never read here. */
async function usageSourceTokenSaved(): Promise<boolean> {
  return (await db.meta.where('key').equals('usageSourceToken').count()) > 0;
}

/**
 * Everything needed to bring the roster back: settings, clients, their org records and daily
 * usage samples, retired Org IDs. Left out: the log, the reminders and usage warnings (what was
 * told when: bookkeeping of this browser's notifications), the usage source's token (a secret;
 * the backup says only whether there is one) and the source's last read.
 */
export async function exportBackup(context?: OpContext): Promise<Backup> {
  const { now } = resolve(context);
  return readTransaction(async () => {
    const [settings, clients, experiments, members, reports, usageSamples, issued, tokenSaved] = await Promise.all([
      loadSettings(),
      allClients(),
      db.experiments.orderBy('id').toArray(),
      db.members.orderBy('id').toArray(),
      db.reports.toArray(),
      db.usageSamples.toArray(),
      db.orgIds.toArray(),
      usageSourceTokenSaved(),
    ]);
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: new Date(now).toISOString(),
      settings,
      clients: clients.map(backupClient),
      experiments: experiments.map(({ id: _id, ...experiment }) => experiment),
      members: members.map(({ id: _id, ...member }) => member),
      reports,
      usageSamples: usageSamples.map(({ orgId, day, period, used }) => ({ orgId, day, period, used })),
      issuedOrgIds: issued.map(({ orgId, issuedAt }) => ({ orgId, issuedAt })),
      usageSourceTokenSaved: tokenSaved,
    };
  });
}

/** The date in the file name is the agency's calendar date, like every other date it sees. */
async function fileDate(now: number): Promise<string> {
  return localDate(now, (await readTransaction(loadSettings)).timeZone);
}

export async function backupFile(context?: OpContext): Promise<ExportFile> {
  const { now } = resolve(context);
  const backup = await exportBackup({ now });
  return {
    name: `agency-desk-backup-${await fileDate(now)}.json`,
    text: serializeBackup(backup),
    type: 'application/json',
  };
}

export async function clientsCsvFile(context?: OpContext): Promise<ExportFile> {
  const { now } = resolve(context);
  const clients = await readTransaction(allClients);
  return {
    name: `agency-desk-clients-${await fileDate(now)}.csv`,
    text: clientsToCsv(clients),
    type: 'text/csv;charset=utf-8',
  };
}
