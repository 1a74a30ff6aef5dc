"""The questions analysts ask of the store: relations over time, timelines, top actors and pairs, outlet coverage.

Each answer counts events two ways: ``reports`` (event rows, one per article that reports it) and ``events``
(real-world events: reports merged across articles by type, actors and day), so a story told by ten outlets
counts once. Only events that happened or are announced count (FACTUAL_MODALITIES), not denied or hypothetical.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from thoisu.errors import InputError
from thoisu.store.rows import FACTUAL_MODALITIES
from thoisu.store.search import Filters, parse_query

PERIODS = {
    "day": "{0}",
    "week": "date({0}, 'weekday 0', '-6 days')",  # the Monday that starts the week
    "month": "substr({0}, 1, 7)",
    "year": "substr({0}, 1, 4)",
}
_FACTUAL = "e.modality IN (" + ", ".join(f"'{m}'" for m in FACTUAL_MODALITIES) + ")"
_COUNTS = ("count(DISTINCT coalesce(e.merged_id, -e.id)) AS events, count(DISTINCT e.id) AS reports,"
           " round(avg(e.goldstein), 2) AS goldstein")
_QUADS = (", sum(e.quad_class = 1) AS verbal_coop, sum(e.quad_class = 2) AS material_coop,"
          " sum(e.quad_class = 3) AS verbal_conflict, sum(e.quad_class = 4) AS material_conflict")
_ACTOR_KEY = "coalesce(a.entity_id, a.country, a.cameo, lower(a.text))"


def relations(db: sqlite3.Connection, first: str, second: str, period: str = "month", directed: bool = False,
              filters: Filters | None = None) -> list[dict[str, Any]]:
    """Events between two actors (KB id or country code) per period: counts, mean Goldstein, quad-class mix."""
    one_way = f"SELECT event_id FROM ({_side('source')} INTERSECT {_side('target')})"
    params: list[Any] = [first, first, second, second]
    if not directed:
        one_way += f" UNION SELECT event_id FROM ({_side('source')} INTERSECT {_side('target')})"
        params += [second, second, first, first]
    where, extra = _event_filters(filters)
    sql = (f"SELECT {_bucket(period, 'e.day')} AS period, {_COUNTS}{_QUADS} FROM events e"
           f" JOIN documents d ON d.id = e.doc_id WHERE e.id IN ({one_way}) AND {where}"
           " GROUP BY period ORDER BY period")
    return _dicts(db.execute(sql, params + extra))


def timeline(db: sqlite3.Connection, entity: str | None = None, query: str | None = None, period: str = "month",
             filters: Filters | None = None) -> list[dict[str, Any]]:
    """Per period: documents about an entity (or matching a query) by publication date, and their events by date."""
    if bool(entity) == bool(query):
        raise InputError("timeline", "give either an entity id or a query, not both or neither")
    doc_where, doc_params = (filters or Filters()).clauses("d")
    if entity:
        doc_where.append("(EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = d.id AND m.entity_id = ?)"
                         " OR EXISTS (SELECT 1 FROM event_actors a WHERE a.doc_id = d.id AND a.entity_id = ?))")
        doc_params += [entity, entity]
        event_match = ("EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id"
                       " AND (a.entity_id = ? OR a.country = ?))")
        event_params: list[Any] = [entity, entity]
    else:
        doc_where.append("d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
        doc_params.append(parse_query(query or "").match_expressions()[-1])
        event_match = "e.doc_id IN (SELECT d.id FROM documents d WHERE " + " AND ".join(doc_where) + ")"
        event_params = list(doc_params)
    rows: dict[str, dict[str, Any]] = {}
    for period_key, documents in db.execute(
        f"SELECT {_bucket(period, 'd.published')} AS period, count(*) FROM documents d WHERE "
        + " AND ".join(doc_where) + " AND d.published IS NOT NULL GROUP BY period", doc_params
    ):
        rows[period_key] = {"period": period_key, "documents": documents, "events": 0, "reports": 0,
                            "goldstein": None}
    where, extra = _event_filters(filters)
    for period_key, events, reports, goldstein in db.execute(
        f"SELECT {_bucket(period, 'e.day')} AS period, {_COUNTS} FROM events e JOIN documents d ON d.id = e.doc_id"
        f" WHERE {event_match} AND {where} GROUP BY period", event_params + extra
    ):
        row = rows.setdefault(period_key, {"period": period_key, "documents": 0})
        row.update(events=events, reports=reports, goldstein=goldstein)
    return [rows[k] for k in sorted(rows)]


def top_actors(db: sqlite3.Connection, limit: int = 20, filters: Filters | None = None) -> list[dict[str, Any]]:
    """The actors in the most events, with how often they act and are acted upon, and their mean Goldstein."""
    where, params = _event_filters(filters)
    sql = (f"SELECT {_ACTOR_KEY} AS actor, coalesce((SELECT name FROM entities WHERE id = {_ACTOR_KEY}), max(a.text))"
           f" AS name, {_COUNTS}, sum(a.role = 'source') AS as_source, sum(a.role = 'target') AS as_target"
           f" FROM event_actors a JOIN events e ON e.id = a.event_id JOIN documents d ON d.id = e.doc_id"
           f" WHERE {where} GROUP BY actor ORDER BY events DESC, reports DESC, actor LIMIT ?")
    return _dicts(db.execute(sql, [*params, limit]))


def top_pairs(db: sqlite3.Connection, limit: int = 20, filters: Filters | None = None) -> list[dict[str, Any]]:
    """The source→target pairs with the most events, their mean Goldstein and quad-class mix."""
    where, params = _event_filters(filters)
    source_key = _ACTOR_KEY.replace("a.", "s.")
    target_key = _ACTOR_KEY.replace("a.", "t.")
    sql = (f"SELECT {source_key} AS source, {target_key} AS target, {_COUNTS}{_QUADS}"
           f" FROM events e JOIN documents d ON d.id = e.doc_id"
           f" JOIN event_actors s ON s.event_id = e.id AND s.role = 'source'"
           f" JOIN event_actors t ON t.event_id = e.id AND t.role = 'target'"
           f" WHERE {where} GROUP BY source, target ORDER BY events DESC, reports DESC, source, target LIMIT ?")
    return _dicts(db.execute(sql, [*params, limit]))


def outlet_coverage(db: sqlite3.Connection, outlet: str, limit: int = 10) -> dict[str, Any]:
    """What an outlet covers: how much, over which dates, which entities, event types and actor pairs."""
    documents, first, last = db.execute(
        "SELECT count(*), min(published), max(published) FROM documents WHERE outlet = ?", (outlet,)).fetchone()
    entities = _dicts(db.execute(
        "SELECT m.entity_id AS entity, coalesce(n.name, max(m.text)) AS name, count(DISTINCT m.doc_id) AS documents"
        " FROM mentions m JOIN documents d ON d.id = m.doc_id LEFT JOIN entities n ON n.id = m.entity_id"
        " WHERE d.outlet = ? AND m.entity_id IS NOT NULL GROUP BY m.entity_id ORDER BY documents DESC, entity LIMIT ?",
        (outlet, limit)))
    types = _dicts(db.execute(
        f"SELECT e.type AS type, {_COUNTS} FROM events e JOIN documents d ON d.id = e.doc_id"
        f" WHERE d.outlet = ? AND {_FACTUAL} GROUP BY e.type ORDER BY reports DESC, type LIMIT ?", (outlet, limit)))
    return {"outlet": outlet, "documents": documents, "first": first, "last": last, "entities": entities,
            "event_types": types, "pairs": top_pairs(db, limit, Filters(outlet=outlet))}


def merged_events(db: sqlite3.Connection, limit: int = 100, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Real-world events with GDELT's counts: NumMentions, NumSources (outlets), NumArticles; most reported first."""
    where, params = _event_filters(filters)
    sql = ("SELECT m.id AS id, m.type AS type, m.day AS day, m.source_key AS source, m.target_key AS target,"
           " sum(e.mentions) AS NumMentions, count(DISTINCT coalesce(d.outlet, d.id)) AS NumSources,"
           " count(DISTINCT e.doc_id) AS NumArticles, round(avg(e.goldstein), 2) AS goldstein,"
           " group_concat(DISTINCT e.doc_id) AS documents"
           f" FROM merged_events m JOIN events e ON e.merged_id = m.id JOIN documents d ON d.id = e.doc_id"
           f" WHERE {where} GROUP BY m.id ORDER BY NumArticles DESC, NumMentions DESC, m.day, m.id LIMIT ?")
    rows = _dicts(db.execute(sql, [*params, limit]))
    for row in rows:
        row["documents"] = sorted(row["documents"].split(","))
    return rows


def _side(role: str) -> str:
    """The ids of events in which an actor (KB id or country, two parameters) plays ``role``."""
    return f"SELECT event_id FROM event_actors WHERE role = '{role}' AND (entity_id = ? OR country = ?)"


def _bucket(period: str, column: str) -> str:
    if period not in PERIODS:
        raise InputError("period", f"{period!r} is not one of {', '.join(PERIODS)}")
    return PERIODS[period].format(f"substr({column}, 1, 10)")


def _event_filters(filters: Filters | None) -> tuple[str, list[Any]]:
    """Conditions on events e (factual, dated) and their documents d; dates filter the event's own day."""
    filters = filters or Filters()
    doc_filters = Filters(outlet=filters.outlet, entity=filters.entity, countries=filters.countries)
    where, params = doc_filters.clauses("d")
    dates = Filters(since=filters.since, until=filters.until).clauses("d")
    where += [w.replace("d.published", "e.day") for w in dates[0]]
    params += dates[1]
    if filters.event_type:
        where.append("e.type = ?")
        params.append(filters.event_type.upper())
    return " AND ".join([_FACTUAL, "e.day IS NOT NULL", *where]), params


def _dicts(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row)) for row in cursor]
