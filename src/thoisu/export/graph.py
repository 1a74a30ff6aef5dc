"""The actor graph: who acts on whom, as GraphML (yEd, Cytoscape, networkx) or GEXF (Gephi).

Nodes are actors, keyed like the store keys them (knowledge-base id, else CAMEO code, else their words), with a
name, country and event count. Edges go source → target, one per event type, with the number of events and their
mean Goldstein score.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from thoisu.document import Document
from thoisu.store.rows import FACTUAL_MODALITIES, event_rows


@dataclass
class ActorGraph:
    """Actors and the typed, weighted edges between them."""

    names: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    countries: dict[str, str | None] = field(default_factory=dict)
    events: Counter[str] = field(default_factory=Counter)
    edges: dict[tuple[str, str, str], list[float | None]] = field(default_factory=lambda: defaultdict(list))

    def name(self, key: str) -> str:
        """The actor's most frequent written form."""
        return self.names[key].most_common(1)[0][0]


def actor_graph(docs: Iterable[Document]) -> ActorGraph:
    """The graph of the factual events (not denied or hypothetical) of the documents."""
    graph = ActorGraph()
    for doc in docs:
        for event in event_rows(doc):
            if event.modality not in FACTUAL_MODALITIES:
                continue
            for actor in event.actors:
                graph.names[actor.key][actor.text] += 1
                graph.countries.setdefault(actor.key, actor.country)
                graph.events[actor.key] += 1
            for source in (a for a in event.actors if a.role == "source"):
                for target in (a for a in event.actors if a.role == "target"):
                    if source.key != target.key:
                        graph.edges[source.key, target.key, event.type].append(event.goldstein)
    return graph


def write_graphml(docs: Iterable[Document], stream: TextIO) -> int:
    """Write the actor graph as GraphML; return the number of edges."""
    graph = actor_graph(docs)
    root = ET.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    for key, target, kind in (("name", "node", "string"), ("country", "node", "string"), ("events", "node", "int"),
                              ("type", "edge", "string"), ("count", "edge", "int"), ("goldstein", "edge", "double")):
        ET.SubElement(root, "key", {"id": key, "for": target, "attr.name": key, "attr.type": kind})
    body = ET.SubElement(root, "graph", id="actors", edgedefault="directed")
    for key in sorted(graph.events):
        node = ET.SubElement(body, "node", id=key)
        _data(node, "name", graph.name(key))
        _data(node, "country", graph.countries.get(key))
        _data(node, "events", graph.events[key])
    for n, ((source, target, kind), scores) in enumerate(sorted(graph.edges.items())):
        edge = ET.SubElement(body, "edge", id=f"e{n}", source=source, target=target)
        _data(edge, "type", kind)
        _data(edge, "count", len(scores))
        _data(edge, "goldstein", _mean(scores))
    _write(root, stream)
    return len(graph.edges)


def write_gexf(docs: Iterable[Document], stream: TextIO) -> int:
    """Write the actor graph as GEXF 1.3; return the number of edges."""
    graph = actor_graph(docs)
    root = ET.Element("gexf", xmlns="http://gexf.net/1.3", version="1.3")
    body = ET.SubElement(root, "graph", defaultedgetype="directed", mode="static")
    for cls, attributes in (("node", (("country", "string"), ("events", "integer"))),
                            ("edge", (("type", "string"), ("goldstein", "double")))):
        declared = ET.SubElement(body, "attributes", {"class": cls})
        for n, (title, kind) in enumerate(attributes):
            ET.SubElement(declared, "attribute", id=f"{cls}{n}", title=title, type=kind)
    nodes = ET.SubElement(body, "nodes")
    for key in sorted(graph.events):
        node = ET.SubElement(nodes, "node", id=key, label=graph.name(key))
        _attvalues(node, "node", [graph.countries.get(key), graph.events[key]])
    edges = ET.SubElement(body, "edges")
    for n, ((source, target, kind), scores) in enumerate(sorted(graph.edges.items())):
        edge = ET.SubElement(edges, "edge", id=f"e{n}", source=source, target=target, label=kind,
                             kind=kind, weight=str(len(scores)))
        _attvalues(edge, "edge", [kind, _mean(scores)])
    _write(root, stream)
    return len(graph.edges)


def _mean(scores: list[float | None]) -> float | None:
    known = [s for s in scores if s is not None]
    return round(sum(known) / len(known), 3) if known else None


def _data(element: ET.Element, key: str, value: object) -> None:
    if value is not None:
        ET.SubElement(element, "data", key=key).text = str(value)


def _attvalues(element: ET.Element, cls: str, values: list[object]) -> None:
    holder = ET.SubElement(element, "attvalues")
    for n, value in enumerate(values):
        if value is not None:
            ET.SubElement(holder, "attvalue", {"for": f"{cls}{n}", "value": str(value)})


def _write(root: ET.Element, stream: TextIO) -> None:
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")
