"""The questions analysts ask of the store: relations over time, timelines, top actors and pairs, outlet coverage.

Each answer counts events two ways: ``reports`` (event rows, one per article that reports it) and ``events``
(real-world events: reports merged across articles by type, actors and day), so a story told by ten outlets
counts once. Only events that happened or are announced count (FACTUAL_MODALITIES), not denied or hypothetical.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from thoisu.errors import InputError
from thoisu.store.dialect import SQLITE, Dialect
from thoisu.store.rows import FACTUAL_MODALITIES
from thoisu.store.search import Filters, parse_query


class Connection(Protocol):
    """A DB-API connection that runs SQL with ``?`` placeholders (sqlite3, or the PostgreSQL store's adapter)."""

    def execute(self, sql: str, params: Any = ...) -> Any: ...


COUNTRY_CODE = re.compile(r"[A-Z]{3}")  # ISO 3166 alpha-3, as the knowledge base ids countries
PERIODS = {
    "day": "{0}",
    "week": "",  # the dialect's
    "month": "substr({0}, 1, 7)",
    "year": "substr({0}, 1, 4)",
}
_FACTUAL = "e.modality IN (" + ", ".join(f"'{m}'" for m in FACTUAL_MODALITIES) + ")"
_COUNTS = ("count(DISTINCT coalesce(e.merged_id, -e.id)) AS events, count(DISTINCT e.id) AS reports,"
           " avg(e.goldstein) AS goldstein")
_QUADS = "".join(f", count(*) FILTER (WHERE e.quad_class = {n}) AS {name}" for n, name in
                 enumerate(("verbal_coop", "material_coop", "verbal_conflict", "material_conflict"), 1))
_ACTOR_KEY = "coalesce(a.entity_id, a.country, a.cameo, lower(a.text))"


def relations(db: Connection, first: str, second: str, period: str = "month", directed: bool = False,
              filters: Filters | None = None, dialect: Dialect = SQLITE) -> list[dict[str, Any]]:
    """Events between two actors (KB id or country code) per period: counts, mean Goldstein, quad-class mix."""
    one_way = f"SELECT event_id FROM ({_side('source', first)} INTERSECT {_side('target', second)}) AS pair"
    params: list[Any] = [first, second]
    if not directed:
        one_way += (f" UNION SELECT event_id FROM ({_side('source', second)} INTERSECT {_side('target', first)})"
                    " AS reverse_pair")
        params += [second, first]
    where, extra = _event_filters(filters)
    sql = (f"SELECT {_bucket(period, 'e.day', dialect)} AS period, {_COUNTS}{_QUADS} FROM events e"
           f"{_documents_join(filters)} WHERE {dialect.id_in.format('e.id', one_way)} AND {where}"
           " GROUP BY period ORDER BY period")
    return _dicts(db.execute(sql, params + extra))


def timeline(db: Connection, entity: str | None = None, query: str | None = None, period: str = "month",
             filters: Filters | None = None, dialect: Dialect = SQLITE) -> list[dict[str, Any]]:
    """Per period: documents about an entity (or matching a query) by publication date, and their events by date."""
    if bool(entity) == bool(query):
        raise InputError("timeline", "give either an entity id or a query, not both or neither")
    doc_where, doc_params = (filters or Filters()).clauses("d")
    if entity:
        doc_where.append("d.key IN (SELECT doc FROM mentions WHERE entity_id = ?"
                         f" UNION SELECT doc FROM event_actors WHERE {_actor_match(entity)})")
        doc_params += [entity, entity]
        event_match = f"e.id IN (SELECT event_id FROM event_actors WHERE {_actor_match(entity)})"
        event_params: list[Any] = [entity]
    else:
        parsed = parse_query(query or "")
        if not parsed.terms:
            raise InputError("timeline", f"the query {query!r} has no words to search for")
        doc_where.append(dialect.text_match)
        doc_params.append(dialect.text_queries(parsed)[-1])
        event_match = "e.doc IN (SELECT d.key FROM documents d WHERE " + " AND ".join(doc_where) + ")"
        event_params = list(doc_params)
    rows: dict[str, dict[str, Any]] = {}
    for period_key, documents in db.execute(
        f"SELECT {_bucket(period, 'd.published', dialect)} AS period, count(*) FROM documents d WHERE "
        + " AND ".join(doc_where) + " AND d.published IS NOT NULL GROUP BY period", doc_params
    ):
        rows[period_key] = {"period": period_key, "documents": documents, "events": 0, "reports": 0,
                            "goldstein": None}
    where, extra = _event_filters(filters)
    for period_key, events, reports, goldstein in db.execute(
        f"SELECT {_bucket(period, 'e.day', dialect)} AS period, {_COUNTS} FROM events e{_documents_join(filters)}"
        f" WHERE {event_match} AND {where} GROUP BY period", event_params + extra
    ):
        row = rows.setdefault(period_key, {"period": period_key, "documents": 0})
        row.update(events=events, reports=reports, goldstein=_rounded(goldstein))
    return [rows[k] for k in sorted(rows)]


def top_actors(db: Connection, limit: int = 20, filters: Filters | None = None,
               dialect: Dialect = SQLITE) -> list[dict[str, Any]]:
    """The actors in the most events, with how often they act and are acted upon, and their mean Goldstein."""
    where, params = _event_filters(filters)
    counted = (f"SELECT {_ACTOR_KEY} AS actor, max(a.text) AS written, {_COUNTS},"
               f" count(*) FILTER (WHERE a.role = 'source') AS as_source,"
               f" count(*) FILTER (WHERE a.role = 'target') AS as_target"
               f" FROM event_actors a JOIN events e ON e.id = a.event_id{_documents_join(filters)}"
               f" WHERE {where} GROUP BY {_ACTOR_KEY}")
    sql = (f"SELECT c.actor, coalesce(n.name, c.written) AS name, c.events, c.reports, c.goldstein, c.as_source,"
           f" c.as_target FROM ({counted}) AS c LEFT JOIN entities n ON n.id = c.actor"
           f" ORDER BY c.events DESC, c.reports DESC, c.actor LIMIT ?")
    return _dicts(db.execute(sql, [*params, limit]))


def top_pairs(db: Connection, limit: int = 20, filters: Filters | None = None,
              dialect: Dialect = SQLITE) -> list[dict[str, Any]]:
    """The source→target pairs with the most events, their mean Goldstein and quad-class mix."""
    where, params = _event_filters(filters)
    source_key = _ACTOR_KEY.replace("a.", "s.")
    target_key = _ACTOR_KEY.replace("a.", "t.")
    sql = (f"SELECT {source_key} AS source, {target_key} AS target, {_COUNTS}{_QUADS}"
           f" FROM events e{_documents_join(filters)}"
           f" JOIN event_actors s ON s.event_id = e.id AND s.role = 'source'"
           f" JOIN event_actors t ON t.event_id = e.id AND t.role = 'target'"
           f" WHERE {where} GROUP BY {source_key}, {target_key} ORDER BY events DESC, reports DESC, source, target LIMIT ?")
    return _dicts(db.execute(sql, [*params, limit]))


def outlet_coverage(db: Connection, outlet: str, limit: int = 10, dialect: Dialect = SQLITE) -> dict[str, Any]:
    """What an outlet covers: how much, over which dates, which entities, event types and actor pairs."""
    documents, first, last = db.execute(
        "SELECT count(*), min(published), max(published) FROM documents WHERE outlet = ?", (outlet,)).fetchone()
    entities = _dicts(db.execute(
        "SELECT m.entity_id AS entity, coalesce(max(n.name), max(m.text)) AS name, count(DISTINCT m.doc_id) AS documents"
        " FROM mentions m JOIN documents d ON d.key = m.doc LEFT JOIN entities n ON n.id = m.entity_id"
        " WHERE d.outlet = ? AND m.entity_id IS NOT NULL GROUP BY m.entity_id ORDER BY documents DESC, entity LIMIT ?",
        (outlet, limit)))
    types = _dicts(db.execute(
        f"SELECT e.type AS type, {_COUNTS} FROM events e JOIN documents d ON d.key = e.doc"
        f" WHERE d.outlet = ? AND {_FACTUAL} GROUP BY e.type ORDER BY reports DESC, type LIMIT ?", (outlet, limit)))
    return {"outlet": outlet, "documents": documents, "first": first, "last": last, "entities": entities,
            "event_types": types, "pairs": top_pairs(db, limit, Filters(outlet=outlet), dialect)}


def merged_events(db: Connection, limit: int = 100, filters: Filters | None = None,
                  dialect: Dialect = SQLITE) -> list[dict[str, Any]]:
    """Real-world events with GDELT's counts: NumMentions, NumSources (outlets), NumArticles; most reported first."""
    where, params = _event_filters(filters)
    sql = ('SELECT m.id AS id, m.type AS type, m.day AS day, m.source_key AS source, m.target_key AS target,'
           ' sum(e.mentions) AS "NumMentions", count(DISTINCT coalesce(d.outlet, d.id)) AS "NumSources",'
           ' count(DISTINCT e.doc_id) AS "NumArticles", avg(e.goldstein) AS goldstein,'
           f' {dialect.list_agg.format("e.doc_id")} AS documents'
           ' FROM merged_events m JOIN events e ON e.merged_id = m.id JOIN documents d ON d.key = e.doc'
           f' WHERE {where} GROUP BY m.id, m.type, m.day, m.source_key, m.target_key'
           ' ORDER BY "NumArticles" DESC, "NumMentions" DESC, m.day, m.id LIMIT ?')
    rows = _dicts(db.execute(sql, [*params, limit]))
    for row in rows:
        row["documents"] = sorted(row["documents"].split(","))
    return rows


def merged_counts(db: Connection) -> dict[tuple[str, int], tuple[int, int, int, int]]:
    """(doc_id, event position) -> (merged event id, NumMentions, NumSources, NumArticles) for every report merged
    into a real-world event, counted over the whole store as ``merged_events`` counts them."""
    sql = ('SELECT e.doc_id, e.position, e.merged_id, c.mentions, c.sources, c.articles FROM events e JOIN'
           ' (SELECT r.merged_id AS id, sum(r.mentions) AS mentions, count(DISTINCT coalesce(d.outlet, d.id)) AS sources,'
           '  count(DISTINCT r.doc_id) AS articles FROM events r JOIN documents d ON d.key = r.doc'
           f'  WHERE r.merged_id IS NOT NULL AND {_FACTUAL.replace("e.", "r.")} GROUP BY r.merged_id) AS c'
           ' ON c.id = e.merged_id')
    return {(doc_id, position): (merged, int(mentions), sources, articles)
            for doc_id, position, merged, mentions, sources, articles in db.execute(sql)}


def _side(role: str, actor: str) -> str:
    """The ids of events in which ``actor`` (its parameter) plays ``role``."""
    return f"SELECT event_id FROM event_actors WHERE role = '{role}' AND {_actor_match(actor)}"


def _actor_match(actor: str) -> str:
    """Condition on event_actors for an actor: a country code matches every actor of that country (its government,
    army, people, the country itself), any other id (Wikidata QID, slug) that entity."""
    return "country = ?" if COUNTRY_CODE.fullmatch(actor) else "entity_id = ?"


def _bucket(period: str, column: str, dialect: Dialect) -> str:
    if period not in PERIODS:
        raise InputError("period", f"{period!r} is not one of {', '.join(PERIODS)}")
    return (PERIODS[period] or dialect.week).format(f"substr({column}, 1, 10)")


def _documents_join(filters: Filters | None) -> str:
    """The join to documents d, when the filters look at documents (outlet, entity, countries) and only then."""
    if filters and (filters.outlet or filters.entity or filters.countries):
        return " JOIN documents d ON d.key = e.doc"
    return ""


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


def _dicts(cursor: Any) -> list[dict[str, Any]]:
    """Rows as dicts; means rounded to two decimals, whole numbers as int (PostgreSQL sums are numeric)."""
    names = [c[0] for c in cursor.description]
    return [{n: _rounded(v) for n, v in zip(names, row)} for row in cursor]


def _rounded(value: Any) -> Any:
    if isinstance(value, (int, str)) or value is None:
        return value
    number = float(value)
    return int(number) if number.is_integer() and not isinstance(value, float) else round(number, 2)
