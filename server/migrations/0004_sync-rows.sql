-- Up Migration
-- Everything a pull sends, one row per record, with the version of the change that last wrote
-- it: the clients (tombstones included), their org records, usage, reminders, the history and
-- the agency's settings. Each part reads its table's (agency_id, version) index.
CREATE VIEW sync_rows AS
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

-- Down Migration
DROP VIEW sync_rows;
