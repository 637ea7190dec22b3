-- Up Migration
-- What the server's time rules (server/time-rules) look for every minute, found through small
-- partial indexes rather than by reading every client of every agency: the active clients at
-- their quota (auto-pause; few, as each is paused as soon as it gets there), and the inactive
-- clients of one agency by purge date (reminders and purges).
CREATE INDEX clients_at_quota ON clients (agency_id) WHERE status = 'active' AND used_visitors >= quota;
CREATE INDEX clients_agency_purge_on ON clients (agency_id, purge_on) WHERE status = 'inactive';

-- Down Migration
DROP INDEX clients_agency_purge_on;
DROP INDEX clients_at_quota;
