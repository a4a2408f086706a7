-- StreetFlow on a district PostgreSQL: the daemons' role owns nothing.
-- Run as the owner role (streetflow_owner), after its first start created the tables (streetflowd migrates
-- them when it connects as the owner, also at upgrades); then every streetflowd connects as `streetflow`.
-- psql -v ON_ERROR_STOP=1 -d streetflow -f grants.sql
GRANT SELECT ON streetflow_schema TO streetflow;
-- The audit trail: read and appended, never changed (the trigger refuses UPDATE/DELETE/TRUNCATE for everyone).
GRANT SELECT, INSERT ON events TO streetflow;
-- The working tables: projections, deadlines, idempotency, numbers, notices, uploads, facts.
GRANT SELECT, INSERT, UPDATE, DELETE ON instances, timers, idempotency, document_numbers, uploads, notices,
    notice_reads, store_meta TO streetflow;
-- Definitions, lists and attachments are added, never changed.
GRANT SELECT, INSERT ON definitions, reference_lists, attachments TO streetflow;
GRANT USAGE ON SEQUENCE notices_id_seq TO streetflow;
