"""Everything the archive knows about one entity: its knowledge-base record, events, partners and documents."""

from __future__ import annotations

from typing import Any

from thoisu.entities.kb import KnowledgeBase
from thoisu.store.base import DocumentStore
from thoisu.store.search import Filters
from thoisu.web.event_table import EventQuery, event_records

PAIRS_SCANNED = 500  # the store's busiest pairs among which the entity's partners are looked for


def entity_profile(store: DocumentStore, entity_id: str, limit: int = 20) -> dict[str, Any] | None:
    """The entity's KB record (None when not in the KB) with its events, partners, documents and timeline.

    None when neither the knowledge base nor the store knows the id.
    """
    kb_entries = KnowledgeBase.default()
    entry = kb_entries.get(entity_id)
    documents = [h.to_dict() for h in store.search("", Filters(entity=entity_id), limit)]
    events = event_records(store, EventQuery(actor=entity_id), limit)
    if entry is None and not documents and not events:
        return None
    partners: dict[str, dict[str, Any]] = {}
    for pair in store.top_pairs(PAIRS_SCANNED, Filters(entity=entity_id)):
        if entity_id not in (pair["source"], pair["target"]) or pair["source"] == pair["target"]:
            continue
        other = pair["target"] if pair["source"] == entity_id else pair["source"]
        known = kb_entries.get(other)
        partner = partners.setdefault(other, {"id": other, "name": known.names[0] if known else other, "events": 0,
                                              "as_source": 0, "as_target": 0})
        partner["events"] += pair["events"]
        partner["as_source" if pair["source"] == entity_id else "as_target"] += pair["events"]
    kb = None if entry is None else {
        "type": entry.type, "names": list(entry.names), "short_names": list(entry.short_names),
        "country": entry.country, "cameo": entry.cameo, "wikidata": entry.qid, "kind": entry.kind,
    }
    written = (a["text"] for e in events for a in e["sources"] + e["targets"] if a["entity_id"] == entity_id)
    name = entry.names[0] if entry else next(written, entity_id)
    return {
        "id": entity_id, "name": name, "kb": kb, "documents": documents, "events": events,
        "partners": sorted(partners.values(), key=lambda p: (-p["events"], p["id"]))[:limit],
        "timeline": store.timeline(entity=entity_id),
    }
