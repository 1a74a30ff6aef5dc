"""GDELT 2.0 event-table TSV (GDELT's 61 columns in GDELT's order) and a separate file of our extras.

GDELT tooling reads the main file as it reads GDELT's own export; what GDELT has no column for (PLOVER type,
modality, attribution, trigger and sentence offsets) goes to the extras file, keyed by GLOBALEVENTID.
Fields we do not compute (tone, FIPS geography, coordinates) are left empty, never guessed.

Given the store's merged events (``DocumentStore.merged_counts``), a real-world event reported by several articles
is one row, as in GDELT: written at its first report among the documents exported, with NumMentions, NumSources
and NumArticles counted over every report in the store. Without them (or for a report that merges with none),
each report is its own event: its mentions, one source, one article.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TextIO

from thoisu.document import Actor, Document, Event

_ACTOR_FIELDS = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                 "Type1Code", "Type2Code", "Type3Code"]
_GEO_FIELDS = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{f}" for f in _ACTOR_FIELDS]
    + [f"Actor2{f}" for f in _ACTOR_FIELDS]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{f}" for f in _GEO_FIELDS]
    + [f"Actor2Geo_{f}" for f in _GEO_FIELDS]
    + [f"ActionGeo_{f}" for f in _GEO_FIELDS]
    + ["DATEADDED", "SOURCEURL"]
)
EXTRA_COLUMNS = ["GLOBALEVENTID", "DocumentId", "PloverType", "PloverMode", "Modality", "AttributedTo",
                 "Reciprocal", "Actor1All", "Actor2All", "Trigger", "TriggerStart", "TriggerEnd",
                 "SentenceStart", "SentenceEnd", "DateValue", "DateFromPublication", "Confidence"]
# Negated and hypothetical events did not happen: GDELT users count rows, so they stay out unless asked for.
DEFAULT_MODALITIES = frozenset({"asserted", "reported", "historical", "planned"})
# (doc_id, event index) -> (merged event id, NumMentions, NumSources, NumArticles)
MergedCounts = Mapping[tuple[str, int], tuple[int, int, int, int]]


def global_event_id(doc: Document, index: int) -> int:
    """A stable 60-bit integer id for ``doc.events[index]``."""
    return int(hashlib.sha1(f"{doc.id}:{index}".encode()).hexdigest()[:15], 16)


def write_gdelt(docs: Iterable[Document], events: TextIO, extras: TextIO | None = None,
                modalities: Iterable[str] = DEFAULT_MODALITIES, merged: MergedCounts | None = None) -> int:
    """Write GDELT 2.0 event rows (no header, as GDELT ships them) and optionally the extras TSV (with header);
    with ``merged``, one row per real-world event with its counts over every report (see the module)."""
    wanted = set(modalities)
    if extras is not None:
        extras.write("\t".join(EXTRA_COLUMNS) + "\n")
    written = 0
    merged_written: set[int] = set()
    for doc in docs:
        first_sentence_end = doc.sentences[0].end if doc.sentences else None
        for index, event in enumerate(doc.events):
            if event.modality not in wanted:
                continue
            merged_id, *counts = (merged or {}).get((doc.id, index)) or (None, len(event.mentions), 1, 1)
            if merged_id is not None:
                if merged_id in merged_written:  # a later report of an event already written with its counts
                    continue
                merged_written.add(merged_id)
            event_id = global_event_id(doc, index)
            row = _gdelt_row(doc, event, event_id, first_sentence_end, counts)
            events.write("\t".join(_clean(v) for v in row) + "\n")
            if extras is not None:
                extras.write("\t".join(_clean(v) for v in _extra_row(doc, event, event_id)) + "\n")
            written += 1
    return written


def _gdelt_row(doc: Document, event: Event, event_id: int, first_sentence_end: int | None,
               counts: list[int]) -> list[str]:
    day = _event_day(doc, event)
    cameo = event.cameo or ""
    is_root = first_sentence_end is not None and event.trigger.start < first_sentence_end
    row = [str(event_id)]
    row += [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{_fraction(day):.4f}"] if day else ["", "", "", ""]
    row += _actor(event.sources[0] if event.sources else None)
    row += _actor(event.targets[0] if event.targets else None)
    row += ["1" if is_root else "0", cameo, cameo[:3], cameo[:2], _num(event.quad_class), _num(event.goldstein),
            *(str(c) for c in counts), ""]
    row += _geo(None) + _geo(None) + _geo(event.location)
    crawled = (doc.crawled or "").replace("-", "").replace(":", "").replace("T", "")[:14]
    row += [crawled, doc.url or doc.source or ""]
    return row


def _extra_row(doc: Document, event: Event, event_id: int) -> list[str]:
    return [
        str(event_id), doc.id, event.type, event.mode or "", event.modality,
        event.attributed_to.text if event.attributed_to else "", "1" if event.reciprocal else "0",
        ";".join(a.cameo or a.text for a in event.sources), ";".join(a.cameo or a.text for a in event.targets),
        event.trigger.text_in(doc.text), str(event.trigger.start), str(event.trigger.end),
        str(event.sentence.start), str(event.sentence.end), (event.date.value or "") if event.date else "",
        "1" if event.date and event.date.from_published else "0", _num(event.confidence),
    ]


def _actor(actor: Actor | None) -> list[str]:
    if actor is None:
        return [""] * len(_ACTOR_FIELDS)
    code = actor.cameo or ""
    country = code[:3] if len(code) >= 3 and code[:3].isalpha() and code[:3].isupper() else ""
    roles = [code[i : i + 3] for i in range(3, min(len(code), 12), 3)] if country else []
    roles += [""] * (3 - len(roles))
    return [code, actor.text.upper(), country, "", "", "", "", *roles[:3]]


def _geo(place: Actor | None) -> list[str]:
    return ["", place.text, "", "", "", "", "", ""] if place else [""] * len(_GEO_FIELDS)


def _event_day(doc: Document, event: Event) -> date | None:
    for value in ((event.date.value if event.date else None), doc.published):
        if value and len(value) >= 10:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def _fraction(day: date) -> float:
    return day.year + (day.timetuple().tm_yday - 1) / 365.0


def _num(value: float | None) -> str:
    return "" if value is None else str(value)


def _clean(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ")
