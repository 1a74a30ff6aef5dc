"""The actor graph for the browser: the most active actors as nodes, who acts on whom as weighted edges."""

from __future__ import annotations

from typing import Any

from thoisu.entities.kb import KnowledgeBase
from thoisu.store.base import DocumentStore
from thoisu.store.search import Filters

EDGES_SCANNED = 2_000  # the store's busiest source→target pairs, among which the edges between the nodes are kept


def actor_network(store: DocumentStore, filters: Filters, limit: int) -> dict[str, Any]:
    """Nodes (the ``limit`` actors in the most factual events) and the edges among them, with the quad-class mix."""
    kb = KnowledgeBase.default()
    nodes = []
    for actor in store.top_actors(limit, filters):
        entry = kb.get(actor["actor"])
        nodes.append({"id": actor["actor"], "label": actor["name"], "events": actor["events"],
                      "country": entry.country if entry else None})
    kept = {node["id"] for node in nodes}
    edges = [
        {"from": pair["source"], "to": pair["target"], "events": pair["events"], "reports": pair["reports"],
         "goldstein": pair["goldstein"], "cooperation": pair["verbal_coop"] + pair["material_coop"],
         "conflict": pair["verbal_conflict"] + pair["material_conflict"]}
        for pair in store.top_pairs(EDGES_SCANNED, filters)
        if pair["source"] in kept and pair["target"] in kept and pair["source"] != pair["target"]
    ]
    return {"nodes": nodes, "edges": edges}
