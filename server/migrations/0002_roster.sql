-- Up Migration
-- The roster. Each row keeps the record as the extension stores it (`data`, epoch-ms times, the
-- shape of lib/model) beside the columns the server queries and constrains, and the version of
-- the change that last wrote it, so that a pull sends every row changed after a version.

-- Every Org ID ever issued, in any agency: Org IDs are global and never reused.
CREATE TABLE org_ids (
  org_id text PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  issued_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE clients (
  agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  org_id text NOT NULL REFERENCES org_ids (org_id),
  -- NULL once deleted or purged: the row stays as a tombstone so that a pull says it is gone.
  status text CHECK (status IN ('active', 'paused', 'inactive')),
  quota integer NOT NULL CHECK (quota >= 0),
  used_visitors integer NOT NULL CHECK (used_visitors >= 0),
  usage_period date,
  purge_on date,
  data jsonb,
  deleted text CHECK (deleted IN ('deleted', 'purged')),
  version bigint NOT NULL,
  PRIMARY KEY (agency_id, org_id),
  -- A tombstone holds nothing: no licences, no record.
  CHECK ((deleted IS NULL) = (status IS NOT NULL AND data IS NOT NULL)),
  CHECK (deleted IS NULL OR quota = 0)
);
CREATE INDEX clients_version ON clients (agency_id, version);
CREATE INDEX clients_purge_on ON clients (purge_on) WHERE status = 'inactive';
CREATE INDEX clients_usage_period ON clients (usage_period) WHERE deleted IS NULL;

-- A client's org: experiments and members. Keys are made up by the browser that created the
-- record (offline included). A removed member is a tombstone; a deleted client's org records
-- go with it (its tombstone says so).
CREATE TABLE experiments (
  agency_id uuid NOT NULL,
  org_id text NOT NULL,
  key text NOT NULL,
  status text NOT NULL,
  data jsonb NOT NULL,
  version bigint NOT NULL,
  PRIMARY KEY (agency_id, org_id, key),
  FOREIGN KEY (agency_id, org_id) REFERENCES clients (agency_id, org_id)
);
CREATE INDEX experiments_version ON experiments (agency_id, version);

CREATE TABLE org_members (
  agency_id uuid NOT NULL,
  org_id text NOT NULL,
  key text NOT NULL,
  email text NOT NULL,
  data jsonb,
  removed boolean NOT NULL DEFAULT false,
  version bigint NOT NULL,
  PRIMARY KEY (agency_id, org_id, key),
  FOREIGN KEY (agency_id, org_id) REFERENCES clients (agency_id, org_id)
);
CREATE INDEX org_members_version ON org_members (agency_id, version);

-- Usage: one report per client and ended billing period, and daily samples for the forecast.
CREATE TABLE usage_reports (
  agency_id uuid NOT NULL,
  org_id text NOT NULL,
  period date NOT NULL,
  data jsonb NOT NULL,
  version bigint NOT NULL,
  PRIMARY KEY (agency_id, org_id, period),
  FOREIGN KEY (agency_id, org_id) REFERENCES clients (agency_id, org_id)
);
CREATE INDEX usage_reports_version ON usage_reports (agency_id, version);

CREATE TABLE usage_samples (
  agency_id uuid NOT NULL,
  org_id text NOT NULL,
  day date NOT NULL,
  data jsonb NOT NULL,
  version bigint NOT NULL,
  PRIMARY KEY (agency_id, org_id, day),
  FOREIGN KEY (agency_id, org_id) REFERENCES clients (agency_id, org_id)
);
CREATE INDEX usage_samples_version ON usage_samples (agency_id, version);

-- Reminders before a purge, decided by the server's time rules, kept for browsers to pull and
-- show once each; the webhook is posted by the server.
CREATE TABLE reminders (
  agency_id uuid NOT NULL,
  org_id text NOT NULL,
  purge_on date NOT NULL,
  days_before integer NOT NULL,
  status text NOT NULL,
  data jsonb NOT NULL,
  webhook_due_at timestamptz,
  version bigint NOT NULL,
  PRIMARY KEY (agency_id, org_id, purge_on, days_before),
  FOREIGN KEY (agency_id, org_id) REFERENCES clients (agency_id, org_id)
);
CREATE INDEX reminders_version ON reminders (agency_id, version);
CREATE INDEX reminders_webhook_due ON reminders (webhook_due_at) WHERE webhook_due_at IS NOT NULL;

-- The history, written in the same transaction as the change it records.
CREATE TABLE activity (
  id bigserial PRIMARY KEY,
  agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  member_id uuid REFERENCES members (id),
  entry jsonb NOT NULL,
  version bigint NOT NULL
);
CREATE INDEX activity_version ON activity (agency_id, version);

-- Every change id a push brought, with the answer it got: a change sent again (a push cut
-- short and repeated) is answered as before and not applied twice.
CREATE TABLE processed_changes (
  agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  change_id text NOT NULL,
  member_id uuid NOT NULL REFERENCES members (id),
  device_id text NOT NULL,
  name text NOT NULL,
  outcome jsonb NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agency_id, change_id)
);

-- Down Migration
DROP TABLE processed_changes;
DROP TABLE activity;
DROP TABLE reminders;
DROP TABLE usage_samples;
DROP TABLE usage_reports;
DROP TABLE org_members;
DROP TABLE experiments;
DROP TABLE clients;
DROP TABLE org_ids;
