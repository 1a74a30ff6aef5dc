"""The document model: a clean article and the standoff annotations the steps add to it.

Every annotation is a span ``(start, end)`` of character offsets into ``Document.text``
plus its own fields. Steps add annotations and never rewrite earlier ones.
``Document.to_dict()`` / ``Document.from_dict()`` round-trip losslessly; that JSON
form is the interchange format of the CLI, the store, the API and Spark output.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from thoisu.text.tones import normalize_tones

T = TypeVar("T")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class Span:
    """A half-open character range ``[start, end)`` of ``Document.text``."""

    start: int
    end: int

    def text_in(self, text: str) -> str:
        """The covered substring of ``text``."""
        return text[self.start : self.end]


@dataclass
class Sentence(Span):
    """One sentence."""


@dataclass
class Token(Span):
    """One word (possibly several syllables: "Hà Nội" is one token)."""


@dataclass
class Entity(Span):
    """A named-entity mention and who it is."""

    label: str = "MISC"  # PER, ORG, LOC, GPE, MISC
    text: str = ""
    entity_id: str | None = None  # knowledge-base id (ISO 3166 code, Wikidata QID, …)
    role: str | None = None  # the title in front: "Thứ trưởng Quốc phòng"
    country: str | None = None  # affiliation, ISO 3166 alpha-3
    cameo: str | None = None  # CAMEO actor code implied by country and role: "RUSGOVMIL"
    confidence: float | None = None


@dataclass
class Time(Span):
    """A time expression normalized to a TIMEX3 value."""

    type: str = "DATE"  # DATE, TIME, DURATION, SET
    value: str = ""  # "2024-11-18", "XXXX-12-14", "2023-01", "2022-W51", "PAST_REF", "P3D"
    text: str = ""
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX …
    anchor: str | None = None  # what the value was resolved against: "published", "t3", …


@dataclass
class Actor(Span):
    """An event participant: a mention in the text and its CAMEO actor code."""

    text: str = ""
    entity_id: str | None = None
    cameo: str | None = None  # "RUSGOVMIL"


@dataclass
class EventDate:
    """When an event happened and where that date came from."""

    value: str | None = None  # TIMEX3 value
    time: Span | None = None  # the governing time expression, if any
    from_published: bool = False  # True when it fell back to the publication date


@dataclass
class Event:
    """A coded political event: who did what to whom, when and where."""

    type: str  # PLOVER category: AGREE, CONSULT, … ASSAULT
    trigger: Span
    sentence: Span
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    cameo: str | None = None  # CAMEO event code: "036"
    goldstein: float | None = None
    quad_class: int | None = None  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    sources: list[Actor] = field(default_factory=list)
    targets: list[Actor] = field(default_factory=list)
    reciprocal: bool = False
    location: Actor | None = None
    date: EventDate | None = None
    mentions: list[Span] = field(default_factory=list)  # every trigger span reporting this event
    modality: str = "asserted"  # asserted, planned, denied, hypothetical, reported, historical
    attributed_to: Actor | None = None  # the speaker who claims it
    confidence: float | None = None


@dataclass
class Quote(Span):
    """Reported speech: the quoted span, who said it and with which verb."""

    speaker: Actor | None = None
    verb: Span | None = None


@dataclass
class Removal:
    """A piece of the page that cleaning dropped, and why."""

    text: str
    reason: str  # "navigation", "related-articles", "caption", "server-error", …


@dataclass
class Document:
    """A news article: its clean text, metadata and annotations."""

    text: str
    id: str = ""
    source: str | None = None  # path or URL the page came from
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601; None when the page does not say
    published_source: str | None = None  # "given", "html-meta", "byline", "url"
    published_confidence: float | None = None
    crawled: str | None = None
    language: str | None = None
    captions: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)  # cited wire services: "TASS", "AP"
    removed: list[Removal] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    topic: str | None = None
    summary: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            self.id = document_id(self.url, self.text)

    @cached_property
    def analysis_text(self) -> str:
        """``text`` with tone marks in one convention; same length, so offsets agree.

        A stray surrogate (invalid Unicode, e.g. from a JSON ``\\ud800`` escape) becomes U+FFFD here,
        so steps backed by native code can read the text; ``text`` itself keeps the caller's string.
        """
        return _SURROGATE.sub("\ufffd", normalize_tones(self.text))

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form of the document."""
        return _encode(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Rebuild a document from ``to_dict()`` output."""
        return _decoder(cls)(data)


def document_id(url: str | None, text: str) -> str:
    """A stable id: from the canonical URL when known, else from the normalized body."""
    if url:
        key = "url:" + canonical_url(url)
    else:
        key = "text:" + " ".join(normalize_tones(text).split())
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]  # a stray surrogate must not crash


def canonical_url(url: str) -> str:
    """The URL without fragment, tracking parameters and a trailing slash, scheme-agnostic."""
    from urllib.parse import parse_qsl, urlencode, urlsplit

    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(("utm_", "fbclid", "gclid"))]
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/") or "/"
    return host + path + ("?" + urlencode(query) if query else "")


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # per type: its dataclass field names, () for other types


def _encode(value: Any) -> Any:
    kind = type(value)
    names = _FIELD_NAMES.get(kind)
    if names is None:  # looked up once per type: dataclasses.fields() on every value made to_dict 3x slower
        names = _FIELD_NAMES.setdefault(
            kind, tuple(f.name for f in dataclasses.fields(value)) if dataclasses.is_dataclass(value) else ())
    if names:
        return {name: _encode(getattr(value, name)) for name in names}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


_DECODERS: dict[Any, Callable[[Any], Any]] = {}  # per type hint: the function that decodes JSON data into it


def _decoder(kind: Any) -> Callable[[Any], Any]:
    """The function turning JSON data (None included) into a value of ``kind``, a field's type hint; built once
    per hint: reading the hints on every value made from_dict cost 7 ms for an analyzed article."""
    found = _DECODERS.get(kind)
    if found is None:
        found = _DECODERS[kind] = _build_decoder(kind)
    return found


def _build_decoder(kind: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        return _decoder(next(k for k in typing.get_args(kind) if k is not type(None)))
    if origin is list:
        item = _decoder(typing.get_args(kind)[0])
        return lambda data: None if data is None else [item(v) for v in data]
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        fields = {f.name: _decoder(hints[f.name]) for f in dataclasses.fields(kind)}
        return lambda data: None if data is None else kind(
            **{k: fields[k](v) for k, v in data.items() if k in fields})
    return lambda data: data
