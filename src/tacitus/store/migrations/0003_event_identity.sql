-- Tacitus event store, schema version 3: event identity and confidence.
-- Events stored before this version keep NULL in these columns (their verb offsets were never
-- recorded, so their ids cannot be rebuilt here): `tacitus recode` re-codes them and fills all five.
ALTER TABLE events ADD COLUMN verb_start INTEGER;   -- the verb token's character offsets in the article
ALTER TABLE events ADD COLUMN verb_end INTEGER;
ALTER TABLE events ADD COLUMN event_id VARCHAR;     -- tacitus.events.identity.event_id: stable across runs
ALTER TABLE events ADD COLUMN mirror_of VARCHAR;    -- event_id of the forward event a reverse half mirrors
ALTER TABLE events ADD COLUMN confidence DOUBLE;    -- tacitus.events.confidence, in [0, 1]; NULL: unscored
