-- Up Migration
-- Tombstones for a client's experiments, usage reports and daily usage samples, as its members
-- have them (org_members.removed): a backup restored over a client in the roster replaces its
-- org's records with the backup's, and a pull has to tell every browser which of the old ones
-- are gone. A tombstone keeps its key and holds nothing else (no record, no status); a record
-- written again under the same key (a report of the same period) is live again.
ALTER TABLE experiments
  ADD COLUMN deleted boolean NOT NULL DEFAULT false,
  ALTER COLUMN status DROP NOT NULL,
  ALTER COLUMN data DROP NOT NULL,
  ADD CONSTRAINT experiments_tombstone CHECK (deleted = (data IS NULL) AND deleted = (status IS NULL));

ALTER TABLE usage_reports
  ADD COLUMN deleted boolean NOT NULL DEFAULT false,
  ALTER COLUMN data DROP NOT NULL,
  ADD CONSTRAINT usage_reports_tombstone CHECK (deleted = (data IS NULL));

ALTER TABLE usage_samples
  ADD COLUMN deleted boolean NOT NULL DEFAULT false,
  ALTER COLUMN data DROP NOT NULL,
  ADD CONSTRAINT usage_samples_tombstone CHECK (deleted = (data IS NULL));

CREATE OR REPLACE VIEW sync_rows AS
  SELECT agency_id, version, 'client' AS entity, org_id, NULL::text AS key, deleted IS NOT NULL AS deleted, data
    FROM clients
  UNION ALL
  SELECT agency_id, version, 'experiment', org_id, key, deleted, data FROM experiments
  UNION ALL
  SELECT agency_id, version, 'orgMember', org_id, key, removed, data FROM org_members
  UNION ALL
  SELECT agency_id, version, 'usageReport', org_id, period::text, deleted, data FROM usage_reports
  UNION ALL
  SELECT agency_id, version, 'usageSample', org_id, day::text, deleted, data FROM usage_samples
  UNION ALL
  SELECT agency_id, version, 'reminder', org_id, purge_on::text || '/' || days_before::text, false, data FROM reminders
  UNION ALL
  SELECT agency_id, version, 'activity', entry->>'orgId', id::text, false, entry FROM activity
  UNION ALL
  SELECT id, settings_version, 'settings', NULL, NULL, false, settings FROM agencies WHERE settings_version > 0;

-- Down Migration
CREATE OR REPLACE VIEW sync_rows AS
  SELECT agency_id, version, 'client' AS entity, org_id, NULL::text AS key, deleted IS NOT NULL AS deleted, data
    FROM clients
  UNION ALL
  SELECT agency_id, version, 'experiment', org_id, key, false, data FROM experiments
  UNION ALL
  SELECT agency_id, version, 'orgMember', org_id, key, removed, data FROM org_members
  UNION ALL
  SELECT agency_id, version, 'usageReport', org_id, period::text, false, data FROM usage_reports
  UNION ALL
  SELECT agency_id, version, 'usageSample', org_id, day::text, false, data FROM usage_samples
  UNION ALL
  SELECT agency_id, version, 'reminder', org_id, purge_on::text || '/' || days_before::text, false, data FROM reminders
  UNION ALL
  SELECT agency_id, version, 'activity', entry->>'orgId', id::text, false, entry FROM activity
  UNION ALL
  SELECT id, settings_version, 'settings', NULL, NULL, false, settings FROM agencies WHERE settings_version > 0;

DELETE FROM usage_samples WHERE deleted;
ALTER TABLE usage_samples DROP CONSTRAINT usage_samples_tombstone, ALTER COLUMN data SET NOT NULL, DROP COLUMN deleted;
DELETE FROM usage_reports WHERE deleted;
ALTER TABLE usage_reports DROP CONSTRAINT usage_reports_tombstone, ALTER COLUMN data SET NOT NULL, DROP COLUMN deleted;
DELETE FROM experiments WHERE deleted;
ALTER TABLE experiments
  DROP CONSTRAINT experiments_tombstone,
  ALTER COLUMN data SET NOT NULL,
  ALTER COLUMN status SET NOT NULL,
  DROP COLUMN deleted;
