-- Tacitus event store, schema version 4: undated events of different articles are never merged.
-- Mentions are merged by (date, source, target, code); two articles without a date say nothing
-- about being the same day, so an undated mention is merged only with the other mentions of its
-- own article (version 1 grouped every undated CHN -> RUS 041 of the store into one event).
CREATE OR REPLACE VIEW event_summary AS
SELECT
    e.date,
    e.source,
    e.target,
    e.code,
    e.root_code,
    any_value(e.quad_class) AS quad_class,
    any_value(e.goldstein) AS goldstein,
    count(*) AS num_mentions,
    count(DISTINCT e.doc_id) AS num_articles,
    count(DISTINCT coalesce(a.source, a.url, a.id)) AS num_sources,
    -- By article date, then id; an undated article is neither first nor last unless all are.
    min(struct_pack(d := a.date, id := e.doc_id)).id AS first_article,
    max(struct_pack(d := coalesce(a.date, DATE '0001-01-01'), id := e.doc_id)).id
        AS last_article,
    min(a.date) AS first_reported,
    max(a.date) AS last_reported,
    min(e.sentence) AS first_sentence
FROM events AS e
JOIN articles AS a ON a.id = e.doc_id
WHERE NOT e.negated AND e.modality = 'asserted'
GROUP BY e.date, e.source, e.target, e.code, e.root_code,
    CASE WHEN e.date IS NULL THEN e.doc_id END;
