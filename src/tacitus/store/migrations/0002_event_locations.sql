-- Tacitus event store, schema version 2: where events happened (the places stage).
-- Each location column holds one tacitus.records.Location as JSON (its as_dict()), so new
-- optional Location fields need no migration; NULL when the places stage found none.
ALTER TABLE events ADD COLUMN location VARCHAR;
ALTER TABLE events ADD COLUMN location_source VARCHAR;  -- clause | dateline
ALTER TABLE events ADD COLUMN source_location VARCHAR;
ALTER TABLE events ADD COLUMN target_location VARCHAR;

ALTER TABLE places ADD COLUMN resolved_name VARCHAR;
ALTER TABLE places ADD COLUMN feature_code VARCHAR;
ALTER TABLE places ADD COLUMN geo_type INTEGER;  -- GDELT: 1 country … 5 world state
ALTER TABLE places ADD COLUMN mention VARCHAR;   -- entity | dateline | demonym
