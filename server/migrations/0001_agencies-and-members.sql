-- Up Migration
-- An agency and its team. Every other table carries agency_id: agencies never share a row, so
-- agency_id is the key to partition or shard by (docs/SYNC.md).
CREATE TABLE agencies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The agency's settings as the extension keeps them (lib/model/settings-schema.ts), but the
  -- usage source, which stays in each browser.
  settings jsonb NOT NULL,
  -- The licences bought; mirrors settings.poolSize for the pool guard.
  pool_size integer NOT NULL CHECK (pool_size >= 0),
  -- The version of the agency's last change; each accepted change takes the next one.
  version bigint NOT NULL DEFAULT 0,
  -- The version in which the settings last changed (what a pull sends them with).
  settings_version bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id uuid NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  name text NOT NULL,
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('owner', 'manager', 'viewer')),
  -- SHA-256 of the token; the token itself is shown once and never stored.
  token_hash bytea NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
CREATE INDEX members_agency ON members (agency_id);

-- Down Migration
DROP TABLE members;
DROP TABLE agencies;
