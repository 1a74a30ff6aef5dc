"""The events table: each coded event of the stored articles as a record, filtered and paged, newest first.

The store keeps event rows but has no listing of single reports yet, so the records are built from the stored
documents the store's own filters keep (outlet, event type, country pair, actor), read newest first in growing
batches, then filtered per event here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from thoisu.document import Document
from thoisu.errors import InputError
from thoisu.store.base import DocumentStore
from thoisu.store.rows import ActorRow, EventRow, event_rows
from thoisu.store.search import Filters

MODALITIES = ("asserted", "reported", "historical", "planned", "denied", "hypothetical")


@dataclass
class EventQuery:
    """What the events table is restricted to; every field optional."""

    event_type: str | None = None  # PLOVER type
    actor: str | None = None  # knowledge-base id of a participant: RUS, Q7747, per:andrei-belousov
    countries: tuple[str, str] | None = None  # source and target countries, either direction
    since: str | None = None  # the event's day, YYYY-MM-DD, inclusive
    until: str | None = None
    modality: str | None = None
    outlet: str | None = None

    def __post_init__(self) -> None:
        if self.modality and self.modality not in MODALITIES:
            raise InputError("modality", f"{self.modality!r} is not one of {', '.join(MODALITIES)}")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value:
                try:
                    date.fromisoformat(value)
                except ValueError:
                    raise InputError(name, f"{value!r} is not a date; write it as YYYY-MM-DD") from None

    def keeps(self, event: EventRow) -> bool:
        """Whether the event passes every given condition."""
        if self.event_type and event.type != self.event_type.upper():
            return False
        if self.modality and event.modality != self.modality:
            return False
        if (self.since and (not event.day or event.day < self.since)) or (
                self.until and (not event.day or event.day > self.until)):
            return False
        if self.actor and not any(a.entity_id == self.actor for a in event.actors):
            return False
        if self.countries:
            sources = {a.country for a in event.actors if a.role == "source"}
            targets = {a.country for a in event.actors if a.role == "target"}
            first, second = self.countries
            return (first in sources and second in targets) or (second in sources and first in targets)
        return True


def event_records(store: DocumentStore, query: EventQuery, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """Events the query keeps, newest article first, ``offset`` skipped, ``limit`` at most."""
    records: list[dict[str, Any]] = []
    skipped = 0
    filters = Filters(outlet=query.outlet, entity=query.actor, event_type=query.event_type, countries=query.countries)
    for doc in newest_documents(store, filters):
        for event in event_rows(doc):
            if not query.keeps(event):
                continue
            if skipped < offset:
                skipped += 1
                continue
            records.append({
                "document": doc.id, "title": doc.title, "outlet": doc.outlet, "published": doc.published,
                "position": event.position, "type": event.type, "mode": event.mode, "cameo": event.cameo,
                "goldstein": event.goldstein, "quad_class": event.quad_class, "modality": event.modality,
                "day": event.day, "date_value": event.date_value, "trigger": event.trigger,
                "sentence": doc.text[event.sentence_start:event.sentence_end],
                "anchor": sentence_anchor(event.sentence_start),
                "sources": [_actor(a) for a in event.actors if a.role == "source"],
                "targets": [_actor(a) for a in event.actors if a.role == "target"],
            })
            if len(records) >= limit:
                return records
    return records


def newest_documents(store: DocumentStore, filters: Filters, first_batch: int = 32) -> Iterator[Document]:
    """The documents the filters keep, newest first, listed by the store's search in batches that double."""
    seen, batch = 0, first_batch
    while True:
        hits = store.search("", filters, seen + batch)
        for hit in hits[seen:]:
            doc = store.get(hit.id)
            if doc is not None:
                yield doc
        if len(hits) < seen + batch:
            return
        seen, batch = len(hits), batch * 2


def sentence_anchor(start: int) -> str:
    """The id of a sentence's element in the article page: its start offset."""
    return f"s{start}"


def _actor(actor: ActorRow) -> dict[str, Any]:
    return {"text": actor.text, "entity_id": actor.entity_id, "cameo": actor.cameo, "country": actor.country}
