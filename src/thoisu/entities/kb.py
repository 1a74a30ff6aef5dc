"""The knowledge base: countries, places, organizations, seats of government, people, titles.

Loaded once from the TSV files in ``thoisu/data/kb`` (countries.tsv is built by ``scripts/build_kb.py`` from
CLDR; the others are curated; each file's header says where its entries come from).

Entity ids:

* countries: ISO 3166-1 alpha-3 (``RUS``; Kosovo ``XKX``);
* places, organizations, people: the Wikidata QID (``Q649``) where it is known reliably, else a stable slug
  ``place:<name>``, ``org:<name>``, ``per:<name>``;
* bodies written "<institution> <country>" ("Bộ Quốc phòng Nga") are composed from institutions.tsv:
  ``org:<alpha-3 lowercase>-<institution slug>`` (``org:rus-ministry-of-defence``);
* people no KB entry knows get a document-local id ``local:<name>`` from coreference (thoisu.entities.coref).

Names are looked up by :func:`alias_key`: NFC, tone marks normalized, case folded, punctuation runs as one space.
"""

from __future__ import annotations

import csv
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple

from thoisu.errors import ResourceError
from thoisu.text.tones import normalize_tones

KB_DIR = Path(str(files("thoisu") / "data" / "kb"))
_NON_WORD = re.compile(r"[\W_]+")
_WORD = re.compile(r"([^\W_]+)")  # captured: split() keeps the words, at the odd indices
_OF = "của"  # "Trung tâm … của Nga", "Bộ Quốc phòng của Nga"


@lru_cache(maxsize=1 << 16)  # the words of running text repeat: each is keyed once per process
def alias_key(name: str) -> str:
    """The lookup key of a name: NFC, tone-normalized, case-folded, punctuation runs as one space."""
    text = normalize_tones(unicodedata.normalize("NFC", name)).casefold()
    return _NON_WORD.sub(" ", text).strip()


class Word(NamedTuple):  # a tuple, not a dataclass: every word of every document is one, and tuples build faster
    """A word of a text for name matching: its character span and its alias key."""

    start: int
    end: int
    key: str


def split_words(text: str) -> list[Word]:
    """The words of ``text`` (runs of letters and digits) with their alias keys."""
    return list(_name_words(text))


def document_words(text: str) -> list[Word]:
    """The words of a whole document text, as ``split_words``; the linker and coreference both read them."""
    return list(_document_words(text))


def _words_of(text: str) -> tuple[Word, ...]:
    pieces = _WORD.split(text)  # between, word, between, word, …, between: the offsets follow from the lengths
    bounds = list(itertools.accumulate(map(len, pieces), initial=0))
    return tuple(map(Word, bounds[1::2], bounds[2::2], map(alias_key, pieces[1::2])))


_name_words = lru_cache(maxsize=1024)(_words_of)  # mention names recur within and across documents
# only the last document's words are kept: a thousand words per document, kept longer, would fill the collector's
# oldest generation (named tuples are never untracked) and make every full collection slower
_document_words = lru_cache(maxsize=1)(_words_of)


@dataclass(frozen=True)
class KBEntry:
    """One entity of the knowledge base."""

    id: str
    type: str  # country, place, organization, seat (a building standing for a government), person
    names: tuple[str, ...]
    country: str | None = None  # ISO alpha-3
    cameo: str | None = None
    qid: str | None = None
    kind: str | None = None  # place kind, organization kind, or a person's role key
    political: bool = False  # a place that also stands for its government (capitals)
    ambiguous: frozenset[str] = field(default_factory=frozenset)  # alias keys that need context
    short_names: tuple[str, ...] = ()  # surnames: linked only on PER mentions or after a title
    tagged: frozenset[str] = field(default_factory=frozenset)  # alias keys linked only on recognized mentions


@dataclass(frozen=True)
class Title:
    """A title written in front of a name and what it says about the person."""

    title: str
    role: str
    agent: str | None  # CAMEO role code it appends to the country code
    kind: str  # office, rank, nominal


@dataclass(frozen=True)
class Metonym:
    """A place or building standing for a government."""

    id: str
    label: str
    country: str
    cameo: str
    always: bool  # False: only when not after a locative word


@dataclass(frozen=True)
class AliasMatch:
    """Names of the KB found at a word position: how many words, which entries, how sure."""

    length: int
    entries: tuple[KBEntry, ...]
    ambiguous: bool  # the alias needs context (common word or personal name)
    short: bool  # a person's surname only
    tagged: bool = False  # linked only on a recognized mention, never found in running text


class KnowledgeBase:
    """Entities by id and by name, titles, metonyms and context words, loaded once."""

    def __init__(self, directory: Path = KB_DIR) -> None:
        self.directory = directory
        self.entries: dict[str, KBEntry] = {}
        self._aliases: dict[str, list[tuple[KBEntry, bool, bool, bool]]] = {}  # entry, ambiguous, short, tagged
        self.titles: dict[str, Title] = {}
        self.metonyms: dict[str, Metonym] = {}
        self.context: dict[str, set[str]] = {}  # context word key -> its kinds
        self._institutions: dict[str, tuple[str, str, str]] = {}  # key -> (slug, kind, agent)
        self._composed: dict[str, KBEntry] = {}
        self._load()
        self.max_alias_words = max(len(key.split()) for key in self._aliases)
        self.first_words = {key.split()[0] for key in [*self._aliases, *self._institutions]}  # what a name starts with
        self._alias_prefixes = _proper_prefixes(self._aliases)
        self.max_title_words = max(len(key.split()) for key in self.titles)
        self._max_institution_words = max(len(key.split()) for key in self._institutions)
        self._institution_prefixes = _proper_prefixes(self._institutions)

    @staticmethod
    @lru_cache(maxsize=1)
    def default() -> KnowledgeBase:
        """The bundled knowledge base, loaded once per process."""
        return KnowledgeBase()

    # -- lookups -------------------------------------------------------------------------------------------

    def get(self, entity_id: str) -> KBEntry | None:
        """The entry with this id (composed institution ids included), or None."""
        return self.entries.get(entity_id) or self._composed.get(entity_id)

    def lookup(self, name: str) -> list[KBEntry]:
        """Every entry one of whose names (full or short) is ``name``."""
        words = alias_key(name).split()
        found = [entry for match in self.matches_at(words, 0) if match.length == len(words) for entry in match.entries]
        return list(dict.fromkeys(found))

    def title(self, phrase: str) -> Title | None:
        """The title written as ``phrase``, or None."""
        return self.titles.get(alias_key(phrase))

    def is_context(self, key: str, kind: str) -> bool:
        """Whether the word or phrase with alias key ``key`` is a context word of this kind (locative, honorific …)."""
        return kind in self.context.get(key, ())

    def country_cameo(self, alpha3: str | None) -> str | None:
        """The CAMEO country code of a country id."""
        entry = self.entries.get(alpha3) if alpha3 else None
        return entry.cameo if entry else None

    def matches_at(self, words: Sequence[str], i: int) -> list[AliasMatch]:
        """Names starting at word ``i`` of ``words`` (alias keys of single words), longest first."""
        found: list[AliasMatch] = []
        if i >= len(words) or words[i] not in self.first_words:
            return found
        phrase, n = words[i], 1
        while True:  # longer names only while the phrase so far begins one
            hits = self._aliases.get(phrase)
            if hits:
                entries, ambiguous, short, tagged = zip(*hits)
                found.append(AliasMatch(n, entries, all(ambiguous), all(short), all(tagged)))
            if n >= min(self.max_alias_words, len(words) - i) or phrase not in self._alias_prefixes:
                break
            phrase, n = f"{phrase} {words[i + n]}", n + 1
        found.reverse()
        found.extend(self._institution_matches(words, i))
        return sorted(found, key=lambda m: -m.length)

    def _institution_matches(self, words: Sequence[str], i: int) -> Iterator[AliasMatch]:
        lengths, phrase, n = [], words[i], 1
        while True:  # longer institutions only while the phrase so far begins one
            if phrase in self._institutions:
                lengths.append(n)
            if n >= min(self._max_institution_words, len(words) - i) or phrase not in self._institution_prefixes:
                break
            phrase, n = f"{phrase} {words[i + n]}", n + 1
        for n in reversed(lengths):
            institution = self._institutions[" ".join(words[i : i + n])]
            start = i + n + (1 if i + n < len(words) and words[i + n] == _OF else 0)
            for m in range(min(self.max_alias_words, len(words) - start), 0, -1):
                countries = [
                    h[0] for h in self._aliases.get(" ".join(words[start : start + m]), []) if h[0].type == "country"
                ]
                if len(countries) == 1:
                    yield AliasMatch(start + m - i, (self._compose(institution, countries[0]),), False, False)
                    break

    def _compose(self, institution: tuple[str, str, str], country: KBEntry) -> KBEntry:
        slug, kind, agent = institution
        entity_id = f"org:{country.id.lower()}-{slug}"
        if entity_id in self.entries:  # curated with its own names (VSU)
            return self.entries[entity_id]
        entry = self._composed.get(entity_id)
        if entry is None:
            entry = KBEntry(entity_id, "organization", (), country.id, f"{country.cameo}{agent}", None, kind)
            self._composed[entity_id] = entry
        return entry

    # -- loading -------------------------------------------------------------------------------------------

    def _load(self) -> None:
        for row in self._rows("countries.tsv"):
            self._add(
                KBEntry(
                    row["id"],
                    "country",
                    _split(row["names"]),
                    row["id"],
                    row["cameo"],
                    _dash(row["qid"]),
                    ambiguous=frozenset(map(alias_key, _split(row["ambiguous"]))),
                    tagged=frozenset(map(alias_key, _split(row["tagged"]))),
                )
            )
        for row in self._rows("places.tsv"):
            names = _split(row["names"])
            self._add(
                KBEntry(
                    row["id"],
                    "place",
                    names,
                    _dash(row["country"]),
                    None,
                    _qid(row["id"]),
                    row["kind"],
                    political=row["gpe"] == "political",
                    ambiguous=_flagged(row["flags"], names),
                )
            )
        for row in self._rows("organizations.tsv"):
            names = _split(row["names"])
            self._add(
                KBEntry(
                    row["id"],
                    "organization",
                    names,
                    _dash(row["country"]),
                    _dash(row["cameo"]),
                    _qid(row["id"]),
                    row["kind"],
                    ambiguous=_flagged(row["flags"], names),
                )
            )
        for row in self._rows("metonyms.tsv"):
            metonym = Metonym(row["id"], row["label"], row["country"], row["cameo"], row["when"] == "always")
            self.metonyms[row["id"]] = metonym
            if row["names"] != "-":
                self._add(KBEntry(row["id"], "seat", _split(row["names"]), row["country"], row["cameo"], None, "seat"))
            elif row["id"] not in self.entries:
                raise ResourceError(f"metonyms.tsv: {row['id']} has no names and is not a place in places.tsv")
        for row in self._rows("people.tsv"):
            self._add(
                KBEntry(
                    row["id"],
                    "person",
                    _split(row["names"]),
                    _dash(row["country"]),
                    _dash(row["cameo"]),
                    _qid(row["id"]),
                    row["role"],
                    short_names=_split(row["short_names"]),
                )
            )
        for row in self._rows("titles.tsv"):
            self.titles[alias_key(row["title"])] = Title(row["title"], row["role"], _dash(row["agent"]), row["kind"])
        for row in self._rows("institutions.tsv"):
            self._institutions[alias_key(row["institution"])] = (row["slug"], row["kind"], row["agent"])
        for row in self._rows("context_words.tsv"):
            self.context.setdefault(alias_key(row["word"]), set()).add(row["kind"])

    def _add(self, entry: KBEntry) -> None:
        if entry.id in self.entries:
            raise ResourceError(f"knowledge base: id {entry.id} is defined twice")
        self.entries[entry.id] = entry
        keys = {alias_key(n): False for n in entry.names} | {alias_key(n): True for n in entry.short_names}
        for key, short in keys.items():
            self._aliases.setdefault(key, []).append(
                (entry, key in entry.ambiguous or short, short, key in entry.tagged)
            )

    def _rows(self, name: str) -> list[dict[str, str]]:
        path = self.directory / name
        try:
            with path.open(encoding="utf-8") as handle:
                lines = [line for line in handle if line.strip() and not line.startswith("#")]
        except OSError as exc:
            raise ResourceError(f"knowledge-base file {path} cannot be read ({exc}); reinstall thoisu") from exc
        rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
        for number, row in enumerate(rows, 2):
            if None in row or None in row.values():
                raise ResourceError(f"{path}: data line {number} does not have the header's columns")
        return rows


def _proper_prefixes(keys: Iterable[str]) -> set[str]:
    """Every phrase of one or more whole words that begins a longer key."""
    prefixes = set()
    for key in keys:
        words = key.split()
        prefixes.update(" ".join(words[:n]) for n in range(1, len(words)))
    return prefixes


def _split(field_value: str) -> tuple[str, ...]:
    return tuple(n for n in field_value.split("|") if n and n != "-")


def _dash(value: str) -> str | None:
    return None if value in ("", "-") else value


def _qid(entity_id: str) -> str | None:
    return entity_id if re.fullmatch(r"Q\d+", entity_id) else None


def _flagged(flags: str, names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(alias_key(n) for n in names) if flags == "ambiguous" else frozenset()
