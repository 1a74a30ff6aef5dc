"""The actor graph for the browser: the most active actors as nodes, who acts on whom as weighted edges."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from thoisu.document import Document
from thoisu.export.graph import actor_graph


def actor_network(docs: Iterable[Document], limit: int) -> dict[str, Any]:
    """Nodes (the ``limit`` actors in the most events) and the edges among them, event types merged per pair."""
    graph = actor_graph(docs)
    kept = sorted(graph.events, key=lambda key: (-graph.events[key], key))[:limit]
    nodes = [{"id": key, "label": graph.name(key), "country": graph.countries.get(key), "events": graph.events[key]}
             for key in kept]
    chosen = set(kept)
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for (source, target, kind), scores in sorted(graph.edges.items()):
        if source not in chosen or target not in chosen:
            continue
        edge = pairs.setdefault((source, target), {"from": source, "to": target, "count": 0, "types": {},
                                                   "scores": []})
        edge["count"] += len(scores)
        edge["types"][kind] = len(scores)
        edge["scores"] += [s for s in scores if s is not None]
    edges = []
    for edge in pairs.values():
        scores = edge.pop("scores")
        edges.append({**edge, "goldstein": round(sum(scores) / len(scores), 2) if scores else None})
    return {"nodes": nodes, "edges": edges}
