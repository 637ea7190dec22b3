-- Up Migration
-- The pool rule in the database itself: the quotas clients hold never add up to more than the
-- pool. The server checks it before it writes (lib/rules/quota.ts); this refuses any commit
-- that would break it all the same, a direct SQL write included.
--
-- agencies.allocated is the sum of its clients' quotas, kept by statement triggers that see
-- every insert, update and delete of clients (one UPDATE per statement, however many rows:
-- an import of 10,000 clients adjusts it once). The check itself is a deferred constraint
-- trigger, so that a transaction may move licences between clients in any order and is
-- judged as it commits.
ALTER TABLE agencies ADD COLUMN allocated bigint NOT NULL DEFAULT 0;
UPDATE agencies SET allocated = held.total
  FROM (SELECT agency_id, sum(quota) AS total FROM clients GROUP BY agency_id) AS held
  WHERE held.agency_id = agencies.id;

CREATE FUNCTION clients_allocated_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE agencies SET allocated = allocated + delta.total
    FROM (SELECT agency_id, sum(quota) AS total FROM inserted GROUP BY agency_id) AS delta
    WHERE delta.agency_id = agencies.id AND delta.total <> 0;
  RETURN NULL;
END $$;

CREATE FUNCTION clients_allocated_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE agencies SET allocated = allocated + delta.total
    FROM (
      SELECT agency_id, sum(quota) AS total FROM (
        SELECT agency_id, quota FROM after_rows
        UNION ALL SELECT agency_id, -quota FROM before_rows
      ) AS moved GROUP BY agency_id
    ) AS delta
    WHERE delta.agency_id = agencies.id AND delta.total <> 0;
  RETURN NULL;
END $$;

CREATE FUNCTION clients_allocated_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE agencies SET allocated = allocated - delta.total
    FROM (SELECT agency_id, sum(quota) AS total FROM deleted GROUP BY agency_id) AS delta
    WHERE delta.agency_id = agencies.id AND delta.total <> 0;
  RETURN NULL;
END $$;

CREATE TRIGGER clients_allocated_insert AFTER INSERT ON clients
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION clients_allocated_inserted();
CREATE TRIGGER clients_allocated_update AFTER UPDATE ON clients
  REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clients_allocated_updated();
CREATE TRIGGER clients_allocated_delete AFTER DELETE ON clients
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION clients_allocated_deleted();

-- Raised with SQLSTATE 23514 (check_violation) and the constraint name pool_guard, which the
-- server turns into the refusal error_poolGuard.
CREATE FUNCTION agencies_pool_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  held bigint;
  pool integer;
BEGIN
  SELECT allocated, pool_size INTO held, pool FROM agencies WHERE id = NEW.id;
  IF held > pool THEN
    RAISE EXCEPTION 'agency % would hold % licences from a pool of %', NEW.id, held, pool
      USING ERRCODE = 'check_violation', CONSTRAINT = 'pool_guard';
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER pool_guard AFTER INSERT OR UPDATE OF allocated, pool_size ON agencies
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION agencies_pool_guard();

-- Down Migration
DROP TRIGGER pool_guard ON agencies;
DROP FUNCTION agencies_pool_guard();
DROP TRIGGER clients_allocated_delete ON clients;
DROP TRIGGER clients_allocated_update ON clients;
DROP TRIGGER clients_allocated_insert ON clients;
DROP FUNCTION clients_allocated_deleted();
DROP FUNCTION clients_allocated_updated();
DROP FUNCTION clients_allocated_inserted();
ALTER TABLE agencies DROP COLUMN allocated;
