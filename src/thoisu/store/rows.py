"""The rows one Document contributes to the store's tables, whatever the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from thoisu.document import Actor, Document, Event

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
