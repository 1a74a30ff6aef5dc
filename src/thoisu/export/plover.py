"""PLOVER/POLECAT-style JSON records, one event per line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from thoisu.document import Actor, Document, Event

# our modality -> PLOVER auxiliary mode (PLOVER manual, "Auxiliary modes")
AUXILIARY_MODES = {"planned": "future", "denied": "negation", "hypothetical": "hypothetical", "historical": "historical"}


def plover_record(doc: Document, index: int, event: Event) -> dict[str, Any]:
    """The PLOVER record of ``doc.events[index]``, with CAMEO beside it and every field traceable to the text."""
    text = doc.text
    return {
        "id": f"{doc.id}-{index}",
        "event_type": event.type,
        "mode": event.mode,
        "context": list(event.context) + ([AUXILIARY_MODES[event.modality]] if event.modality in AUXILIARY_MODES else []),
        "actor": [_entity(a) for a in event.sources],
        "recipient": [_entity(a) for a in event.targets],
        "reciprocal": event.reciprocal,
        "event_date": event.date.value if event.date else None,
        "date_from_publication": bool(event.date and event.date.from_published),
        "location": _entity(event.location) if event.location else None,
        "modality": event.modality,
        "attributed_to": _entity(event.attributed_to) if event.attributed_to else None,
        "cameo": event.cameo,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "trigger": {"text": event.trigger.text_in(text), "start": event.trigger.start, "end": event.trigger.end},
        "mentions": [{"start": m.start, "end": m.end} for m in event.mentions],
        "sentence": {"text": event.sentence.text_in(text), "start": event.sentence.start, "end": event.sentence.end},
        "confidence": event.confidence,
        "document": {"id": doc.id, "url": doc.url, "outlet": doc.outlet, "title": doc.title, "published": doc.published},
        "language": "vi",
    }


def write_plover(docs: Iterable[Document], stream: TextIO) -> int:
    """Write one JSON record per event of every document; return how many were written."""
    written = 0
    for doc in docs:
        for index, event in enumerate(doc.events):
            stream.write(json.dumps(plover_record(doc, index, event), ensure_ascii=False) + "\n")
            written += 1
    return written


def _entity(actor: Actor) -> dict[str, Any]:
    return {"name": actor.text, "entity_id": actor.entity_id, "code": actor.cameo, "start": actor.start, "end": actor.end}
