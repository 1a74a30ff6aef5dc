"""The article text as HTML with its entities, times and event triggers marked, sentences anchored.

Annotations may overlap, so the text is cut at every annotation boundary and each piece is one element that
names every annotation covering it (data-entities, data-times, data-events: indexes into the document's lists).
"""

from __future__ import annotations

import itertools

from markupsafe import Markup, escape

from thoisu.document import Document, Span
from thoisu.web.event_table import sentence_anchor


def marked_html(doc: Document) -> Markup:
    """``doc.text`` as HTML: <span class="sentence" id=…> around sentences, <mark> around annotated pieces."""
    layers: dict[str, list[tuple[int, Span]]] = {
        "entities": list(enumerate(doc.entities)),
        "times": list(enumerate(doc.times)),
        "events": [(i, span) for i, event in enumerate(doc.events) for span in (event.mentions or [event.trigger])],
    }
    cuts = {0, len(doc.text)}
    for spans in layers.values():
        for _, span in spans:
            cuts.update((span.start, span.end))
    for sentence in doc.sentences:
        cuts.update((sentence.start, sentence.end))
    starts = {s.start: s for s in doc.sentences}
    ends = {s.end for s in doc.sentences}
    out: list[str] = []
    points = sorted(c for c in cuts if 0 <= c <= len(doc.text))
    for start, end in itertools.pairwise(points):
        if start in starts:
            out.append(f'<span class="sentence" id="{sentence_anchor(start)}">')
        covering = {name: sorted({i for i, s in spans if s.start <= start and end <= s.end})
                    for name, spans in layers.items()}
        piece = escape(doc.text[start:end])
        if any(covering.values()):
            classes = " ".join(name for name, found in covering.items() if found)
            data = "".join(f' data-{name}="{",".join(map(str, found))}"' for name, found in covering.items() if found)
            out.append(f'<mark class="{classes}"{data} title="{escape(_describe(doc, covering))}"'
                       f' tabindex="0">{piece}</mark>')
        else:
            out.append(str(piece))
        if end in ends:
            out.append("</span>")
    return Markup("".join(out))


def _describe(doc: Document, covering: dict[str, list[int]]) -> str:
    """The hover text of a piece: each covering annotation in a few words."""
    parts = []
    for i in covering["entities"]:
        entity = doc.entities[i]
        parts.append(" · ".join(filter(None, [entity.label, entity.entity_id, entity.role, entity.country])))
    for i in covering["times"]:
        parts.append(f"{doc.times[i].type} {doc.times[i].value}")
    for i in covering["events"]:
        event = doc.events[i]
        parts.append(" · ".join(filter(None, [event.type, event.cameo, event.modality])))
    return " | ".join(parts)
