"""The rows one Document contributes to the store's tables, whatever the database."""

from __future__ import annotations

import dataclasses
import hashlib
import zlib
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from typing import Any, NamedTuple

import orjson

from thoisu.document import Actor, Document, Event
from thoisu.store.fold import fold
from thoisu.store.stories import folded_signature, signature_bytes

# Modalities of events that happened (or are announced); merged across articles and counted by the questions.
FACTUAL_MODALITIES = ("asserted", "reported", "historical", "planned")


@dataclass
class ActorRow:
    """One participant of an event, with the country it stands for when known."""

    role: str  # source, target
    text: str
    entity_id: str | None
    cameo: str | None
    country: str | None

    @property
    def key(self) -> str:
        """What identifies the actor across articles: KB id, else CAMEO code, else its words."""
        return self.entity_id or self.cameo or self.text.lower()


@dataclass
class EventRow:
    """One coded event of a document, flattened for a table."""

    position: int
    type: str
    mode: str | None
    cameo: str | None
    goldstein: float | None
    quad_class: int | None
    modality: str
    day: str | None  # YYYY-MM-DD: the event's own date when it names a day, else the publication day
    date_value: str | None
    trigger: str
    trigger_start: int
    trigger_end: int
    sentence_start: int
    sentence_end: int
    mentions: int
    confidence: float | None
    actors: list[ActorRow] = field(default_factory=list)

    def merge_key(self) -> tuple[str, str, str] | None:
        """(type, sources, targets) shared by reports of the same real event; None when it cannot be told apart."""
        sources = "|".join(sorted({a.key for a in self.actors if a.role == "source"}))
        targets = "|".join(sorted({a.key for a in self.actors if a.role == "target"}))
        if not self.day or not (sources or targets) or self.modality not in FACTUAL_MODALITIES:
            return None
        return self.type, sources, targets


def iso_day(value: str | None) -> str | None:
    """The YYYY-MM-DD day a TIMEX3/ISO value names, or None when it names no single day."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def actor_country(actor: Actor, entity_countries: dict[str, str]) -> str | None:
    """ISO alpha-3 country an actor stands for: its CAMEO prefix, its entity's country, or the entity itself."""
    code = actor.cameo or ""
    if len(code) >= 3 and code[:3].isalpha() and code[:3].isupper():
        return code[:3]
    if actor.entity_id:
        if actor.entity_id in entity_countries:
            return entity_countries[actor.entity_id]
        if len(actor.entity_id) == 3 and actor.entity_id.isalpha() and actor.entity_id.isupper():
            return actor.entity_id
    return None


def event_rows(doc: Document) -> list[EventRow]:
    """The document's events as rows, with their actors."""
    countries = {e.entity_id: e.country for e in doc.entities if e.entity_id and e.country}
    published_day = iso_day(doc.published)
    return [_event_row(doc, position, event, countries, published_day) for position, event in enumerate(doc.events)]


def _event_row(doc: Document, position: int, event: Event, countries: dict[str, str],
               published_day: str | None) -> EventRow:
    value = event.date.value if event.date else None
    actors = [ActorRow(role, a.text, a.entity_id, a.cameo, actor_country(a, countries))
              for role, group in (("source", event.sources), ("target", event.targets)) for a in group]
    return EventRow(
        position=position, type=event.type, mode=event.mode, cameo=event.cameo, goldstein=event.goldstein,
        quad_class=event.quad_class, modality=event.modality, day=iso_day(value) or published_day,
        date_value=value, trigger=event.trigger.text_in(doc.text), trigger_start=event.trigger.start,
        trigger_end=event.trigger.end, sentence_start=event.sentence.start, sentence_end=event.sentence.end,
        mentions=max(1, len(event.mentions)), confidence=event.confidence, actors=actors,
    )


def mention_rows(doc: Document) -> list[tuple]:
    """(doc_id, start, end, label, text, entity_id, role, country, cameo, confidence) per entity mention."""
    return [(doc.id, e.start, e.end, e.label, e.text or e.text_in(doc.text), e.entity_id, e.role, e.country, e.cameo,
             e.confidence) for e in doc.entities]


def linked_entity_rows(doc: Document) -> list[tuple]:
    """(id, label, name, country) per knowledge-base entity the document links to."""
    seen: dict[str, tuple] = {}
    for e in doc.entities:
        if e.entity_id and e.entity_id not in seen:
            seen[e.entity_id] = (e.entity_id, e.label, e.text or e.text_in(doc.text), e.country)
    return list(seen.values())


def time_rows(doc: Document) -> list[tuple]:
    """(doc_id, start, end, type, value, text, mod, anchor) per time expression."""
    return [(doc.id, t.start, t.end, t.type, t.value, t.text or t.text_in(doc.text), t.mod, t.anchor)
            for t in doc.times]


def quote_rows(doc: Document) -> list[tuple]:
    """(doc_id, start, end, text, speaker, speaker_entity_id, verb) per quotation."""
    return [(doc.id, q.start, q.end, q.text_in(doc.text), q.speaker.text if q.speaker else None,
             q.speaker.entity_id if q.speaker else None, q.verb.text_in(doc.text) if q.verb else None)
            for q in doc.quotes]


# An event as the writer needs it: the events table's columns from position to confidence, (type, sources, targets,
# day) to merge it by or None, and the event_actors rows (role, text, entity_id, cameo, country).
# Plain tuples: batches pickle to the writer process 3x faster than dataclasses.
EventTuple = tuple[tuple, tuple[str, str, str, str] | None, list[tuple]]


class DocumentRows(NamedTuple):
    """Everything one document writes to the store, computed before the write (in any process: it pickles)."""

    id: str
    columns: tuple  # (url, source, outlet, title, published, language, text) of the documents table
    data: bytes  # Document.to_dict() as zlib-compressed JSON: the lossless record (load_record reads it)
    digest: str  # sha1 of the JSON: re-ingesting an unchanged page writes nothing
    folded_title: str  # what the full-text index holds
    folded_text: str
    signature: bytes  # the MinHash of the text (stories.signature_bytes)
    mentions: list[tuple]
    entities: list[tuple]
    times: list[tuple]
    quotes: list[tuple]
    events: list[EventTuple]


_DOCUMENT_FIELDS = tuple(f.name for f in dataclasses.fields(Document))
_EVENT_COLUMNS = attrgetter(*(f.name for f in dataclasses.fields(EventRow) if f.name != "actors"))
_ACTOR_COLUMNS = attrgetter(*(f.name for f in dataclasses.fields(ActorRow)))


def document_data(doc: Document) -> bytes:
    """``Document.to_dict()`` as UTF-8 JSON, encoded natively by orjson (no intermediate dicts).

    Only the document's fields are given: a computed ``analysis_text`` in its ``__dict__`` is left out.
    """
    return orjson.dumps({name: getattr(doc, name) for name in _DOCUMENT_FIELDS})


def document_rows(doc: Document) -> DocumentRows:
    """The rows ``doc`` contributes to every table, its JSON record, digest and story signature."""
    data = document_data(doc)
    folded_text = fold(doc.text)
    return DocumentRows(
        id=doc.id, columns=(doc.url, doc.source, doc.outlet, doc.title, doc.published, doc.language, doc.text),
        data=zlib.compress(data, 1), digest=hashlib.sha1(data).hexdigest(), folded_title=fold(doc.title or ""),
        folded_text=folded_text, signature=signature_bytes(folded_signature(folded_text)),
        mentions=mention_rows(doc), entities=linked_entity_rows(doc), times=time_rows(doc), quotes=quote_rows(doc),
        events=[_event_tuple(event) for event in event_rows(doc)],
    )


def load_record(data: bytes | str) -> dict[str, Any]:
    """The ``Document.to_dict()`` stored in documents.data: compressed JSON, or plain JSON as stored before schema 4."""
    plain = isinstance(data, str) or data[:1] == b"{"  # a zlib stream starts with 0x78, a record with "{"
    return orjson.loads(data if plain else zlib.decompress(data))


def _event_tuple(event: EventRow) -> EventTuple:
    key = event.merge_key()
    return _EVENT_COLUMNS(event), (*key, event.day) if key else None, [_ACTOR_COLUMNS(a) for a in event.actors]
