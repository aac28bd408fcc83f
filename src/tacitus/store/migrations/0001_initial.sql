-- Tacitus event store, schema version 1.
-- Never edit a migration that has shipped: add 0002_*.sql instead: stores in the field have applied it.

-- One row per article seen: coded, skipped by the coder, or a duplicate of a stored article.
-- `text` is kept so that `tacitus recode` can re-code without the original inputs.
CREATE TABLE articles (
    id            VARCHAR PRIMARY KEY,
    url           VARCHAR,
    title         VARCHAR,
    date          DATE,
    source        VARCHAR,
    language      VARCHAR,
    content_hash  VARCHAR,
    duplicate_of  VARCHAR,
    status        VARCHAR NOT NULL,  -- coded | skipped | duplicate
    skip_reason   VARCHAR,
    skip_detail   VARCHAR,
    origin        VARCHAR,
    author        VARCHAR,
    text          VARCHAR NOT NULL,
    n_events      INTEGER NOT NULL
);
CREATE INDEX articles_content_hash ON articles (content_hash);

-- One row per coded event mention: every field of tacitus.records.Event, actors and
-- evidence flattened into columns so that CSV/Stata users get plain columns.
CREATE TABLE events (
    doc_id               VARCHAR NOT NULL,
    ordinal              INTEGER NOT NULL,  -- position in the coder's event list for the article
    sentence             INTEGER NOT NULL,
    date                 DATE,
    source               VARCHAR NOT NULL,
    target               VARCHAR NOT NULL,
    code                 VARCHAR NOT NULL,
    root_code            VARCHAR NOT NULL,
    quad_class           INTEGER,
    goldstein            DOUBLE,
    plover               MAP(VARCHAR, VARCHAR),
    source_actor_text    VARCHAR,
    source_actor_code    VARCHAR,
    source_actor_country VARCHAR,
    source_actor_sector  VARCHAR,
    source_actor_name    VARCHAR,
    source_actor_start   INTEGER,
    source_actor_end     INTEGER,
    target_actor_text    VARCHAR,
    target_actor_code    VARCHAR,
    target_actor_country VARCHAR,
    target_actor_sector  VARCHAR,
    target_actor_name    VARCHAR,
    target_actor_start   INTEGER,
    target_actor_end     INTEGER,
    evidence_text        VARCHAR NOT NULL,
    evidence_start       INTEGER NOT NULL,
    evidence_end         INTEGER NOT NULL,
    verb                 VARCHAR NOT NULL,
    rule_file            VARCHAR,
    rule_line            INTEGER,
    rule_pattern         VARCHAR,
    negated              BOOLEAN NOT NULL,
    modality             VARCHAR NOT NULL,
    reported_by_text     VARCHAR,
    reported_by_code     VARCHAR,
    reported_by_country  VARCHAR,
    reported_by_sector   VARCHAR,
    reported_by_name     VARCHAR,
    reported_by_start    INTEGER,
    reported_by_end      INTEGER,
    issues               VARCHAR[] NOT NULL
);
CREATE INDEX events_doc_id ON events (doc_id);

-- Resolved actor mentions of each coded article (CodedArticle.actors).
CREATE TABLE actors (
    doc_id   VARCHAR NOT NULL,
    ordinal  INTEGER NOT NULL,
    text     VARCHAR NOT NULL,
    code     VARCHAR NOT NULL,
    country  VARCHAR,
    sector   VARCHAR,
    name     VARCHAR,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL
);
CREATE INDEX actors_doc_id ON actors (doc_id);

-- Quotations (tacitus.records.Quote), filled by the quotes stage.
CREATE TABLE quotes (
    doc_id          VARCHAR NOT NULL,
    ordinal         INTEGER NOT NULL,
    kind            VARCHAR NOT NULL,
    sentence        INTEGER NOT NULL,
    content_text    VARCHAR NOT NULL,
    content_start   INTEGER NOT NULL,
    content_end     INTEGER NOT NULL,
    cue_text        VARCHAR,
    cue_start       INTEGER,
    cue_end         INTEGER,
    speaker_text    VARCHAR,
    speaker_start   INTEGER,
    speaker_end     INTEGER,
    speaker_name    VARCHAR,
    speaker_code    VARCHAR,
    speaker_country VARCHAR,
    speaker_sector  VARCHAR
);
CREATE INDEX quotes_doc_id ON quotes (doc_id);

-- Places named in articles (tacitus.records.Location), filled by the places stage.
CREATE TABLE places (
    doc_id         VARCHAR NOT NULL,
    ordinal        INTEGER NOT NULL,
    name           VARCHAR NOT NULL,
    gazetteer_id   VARCHAR,
    country        VARCHAR,
    fips           VARCHAR,
    admin1         VARCHAR,
    lat            DOUBLE,
    lon            DOUBLE,
    feature_class  VARCHAR,
    confidence     DOUBLE NOT NULL,
    evidence_text  VARCHAR NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL
);
CREATE INDEX places_doc_id ON places (doc_id);

-- Inputs that ingestion could not turn into an article (no id yet), keyed by origin.
CREATE TABLE skips (
    origin  VARCHAR PRIMARY KEY,
    reason  VARCHAR NOT NULL,
    detail  VARCHAR
);

-- Merged events: mentions of the same (date, source, target, code) across articles, with
-- GDELT's NumMentions / NumArticles / NumSources. Negated and non-asserted mentions
-- ("did not attack", "will visit") are not events that happened, so they are left out.
CREATE VIEW event_summary AS
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
GROUP BY e.date, e.source, e.target, e.code, e.root_code;
