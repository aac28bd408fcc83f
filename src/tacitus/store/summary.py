"""Merged events from the mentions a filter keeps: the `event_summary` view's query with the filter inside."""

from __future__ import annotations

__all__ = ["MERGED_MENTIONS", "merged_events_sql"]

# Mentions that count as events that happened: not negated, asserted ("will visit" is not a visit).
MERGED_MENTIONS = "NOT e.negated AND e.modality = 'asserted'"


def merged_events_sql(where: str = "TRUE") -> str:
    """A query of merged events (the columns of the `event_summary` view), built from the mentions
    (`events AS e`) that also satisfy `where` (an `EventFilter.where("e")` condition).

    The view (migrations 0001, 0004) merges every asserted mention (an undated one only within its
    article); filtering its rows afterwards cannot leave out single mentions (those below a
    confidence threshold, or outside a place), so the readers that filter build the same query
    with the filter on the mentions. With ``TRUE`` the
    result equals the view (`tests/test_store_queries.py` checks it).
    """
    return f"""
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
    min(struct_pack(d := a.date, id := e.doc_id)).id AS first_article,
    max(struct_pack(d := coalesce(a.date, DATE '0001-01-01'), id := e.doc_id)).id AS last_article,
    min(a.date) AS first_reported,
    max(a.date) AS last_reported,
    min(e.sentence) AS first_sentence
FROM events AS e
JOIN articles AS a ON a.id = e.doc_id
WHERE {MERGED_MENTIONS} AND ({where})
GROUP BY e.date, e.source, e.target, e.code, e.root_code,
    CASE WHEN e.date IS NULL THEN e.doc_id END
"""
