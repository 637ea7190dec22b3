import type {
  BackupClient,
  BackupExperiment,
  BackupMember,
  BackupReport,
  BackupUsageSample,
  IssuedOrgIdRecord,
} from './backup';
import type { ClientDetails, ClientStatus } from './client';
import type { MessageKey, MessageParams } from './messages';
import type { Settings } from './settings';

/** What an import does with a client whose Org ID is already in the roster. */
export const EXISTING_CHOICES = ['update', 'skip'] as const;
export type ExistingChoice = (typeof EXISTING_CHOICES)[number];

/** The tables of a backup file, as named in the file. */
export type BackupSection =
  'settings' | 'clients' | 'experiments' | 'members' | 'reports' | 'usageSamples' | 'issuedOrgIds';

/** Where in the file a problem is: a CSV line, a record of a backup, or the file as a whole. */
export type ImportWhere =
  | { kind: 'file' }
  | { kind: 'line'; line: number }
  /** `index` counts from 1, as people count records. */
  | { kind: 'record'; section: BackupSection; index: number };

/** One thing wrong with an import file, located so that the person can find and fix it. */
export interface ImportProblem {
  where: ImportWhere;
  /** The CSV column id or the backup's property path; empty for a whole row or the file. */
  field: string;
  /** Names the field inside the message, when the catalogue has a name for it. */
  labelKey?: MessageKey;
  key: MessageKey;
  params: MessageParams;
}

/** The CSV columns, in the order the export writes them. Stable English ids, never translated. */
export const CLIENT_CSV_COLUMNS = [
  'org_id',
  'name',
  'contact_first_name',
  'contact_last_name',
  'contact_email',
  'company',
  'industry',
  'domain',
  'street',
  'city',
  'region',
  'postal_code',
  'country',
  'workspace_url',
  'quota',
  'used_visitors',
  'status',
] as const;
export type ClientCsvColumn = (typeof CLIENT_CSV_COLUMNS)[number];

/** Without these a row cannot make a client, so a file that lacks one is refused as a whole. */
export const REQUIRED_CSV_COLUMNS: readonly ClientCsvColumn[] = [
  'name',
  'contact_first_name',
  'contact_last_name',
  'contact_email',
  'quota',
];

/** A CSV row that passed every check that needs only the file. */
export interface CsvClientRow {
  line: number;
  /** Normalised and well-formed; absent for a row that asks for a new client. */
  orgId?: string;
  details: ClientDetails;
  /** Detail columns the file has: a column the file lacks leaves an existing client's value alone. */
  columns: readonly ClientCsvColumn[];
  /**
   * Absent when the cell is empty. Only `inactive` means something: a new client is created
   * inactive; active and paused follow the quota rule, and a client in the roster keeps its status.
   */
  status?: ClientStatus;
  /** Absent when the cell is empty: a new client then lacks it, an existing one keeps its own. */
  quota?: number;
  usedVisitors?: number;
}

export interface PreparedCsv {
  kind: 'csv';
  rows: CsvClientRow[];
  /** Rows in the file, good and bad. */
  rowCount: number;
  problems: ImportProblem[];
}

export interface IndexedRecord<T> {
  /** Position in its section of the file, from 1. */
  index: number;
  record: T;
}

/** A backup whose records passed every check that needs only the file. */
export interface PreparedBackup {
  kind: 'backup';
  version: number;
  exportedAt: string;
  /** Absent when the backup's settings have problems. */
  settings?: Settings;
  clients: IndexedRecord<BackupClient>[];
  experiments: IndexedRecord<BackupExperiment>[];
  members: IndexedRecord<BackupMember>[];
  reports: IndexedRecord<BackupReport>[];
  usageSamples: IndexedRecord<BackupUsageSample>[];
  issuedOrgIds: IssuedOrgIdRecord[];
  /**
   * Whether the backed-up roster had a usage source token (false when an older backup does not
   * say): the token is never in the file, so the person enters it again after a restore.
   */
  usageSourceTokenSaved: boolean;
  /** Client records in the file, good and bad. */
  rowCount: number;
  problems: ImportProblem[];
}

export type PreparedImport = PreparedCsv | PreparedBackup;
