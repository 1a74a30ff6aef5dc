"""Which news agencies an article cites: "(theo AP)", "Theo RT", "Ảnh: Reuters", "TTXVN"…

Agencies are looked up in ``data/clean/agencies.tsv``; a name is never taken from an
attribution alone, so "theo ông X" or "theo Bộ Quốc phòng" yield nothing. The one
exception is an unlisted agency introduced as such — "hãng tin X", "hãng thông tấn X"
followed by a Latin-script name ("hãng thông tấn Ukrinform").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from thoisu.errors import ResourceError

DATA_FILE = "agencies.tsv"
# Acronyms this short collide with ordinary words in other cases ("Ap", "rt"): match exact case.
CASE_SENSITIVE_MAX = 3
LONGEST_NAME_CHARS = 60  # how far past "hãng thông tấn X" a listed name may run
# Words as the matcher sees them: hyphenated names ("ITAR-TASS") are one word.
WORD_RE = re.compile(r"[\w\-]+")
# A Latin-script name (no Vietnamese letters), one to three capitalised words.
_LATIN_WORD = r"[A-Z][A-Za-z\-]*"
INTRODUCED_RE = re.compile(
    rf"\b(?i:hãng\s+tin|hãng\s+thông\s+tấn|thông\s+tấn\s+xã)\s+(?P<name>{_LATIN_WORD}(?:\s+{_LATIN_WORD}){{0,2}})\b"
)


@dataclass(frozen=True)
class Agency:
    """A news agency or broadcaster: its canonical name and the ways articles write it."""

    name: str
    aliases: tuple[str, ...]
    kind: str  # "wire" or "broadcaster"
    country: str  # ISO 3166-1 alpha-3


@lru_cache(maxsize=1)
def known_agencies() -> tuple[Agency, ...]:
    """The agencies listed in ``data/clean/agencies.tsv``."""
    try:
        text = resources.files("thoisu").joinpath("data", "clean", DATA_FILE).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ResourceError(f"the agency list data/clean/{DATA_FILE} is missing; reinstall thoisu") from error
    agencies = []
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for number, row in enumerate(rows[1:], start=2):
        fields = row.split("\t")
        if len(fields) != 4 or not fields[0]:
            raise ResourceError(f"data/clean/{DATA_FILE}: row {number} needs name, aliases, kind, country: {row!r}")
        aliases = tuple(alias.strip() for alias in fields[1].split("|") if alias.strip())
        agencies.append(Agency(fields[0].strip(), aliases, fields[2].strip(), fields[3].strip()))
    return tuple(agencies)


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str], dict[str, list[tuple[tuple[str, ...], str]]]]:
    """Short all-caps forms (exact case) and the other forms by their first word (case-folded)."""
    exact: dict[str, str] = {}
    by_first_word: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for agency in known_agencies():
        for form in (agency.name, *agency.aliases):
            if len(form) <= CASE_SENSITIVE_MAX and form.isupper():
                exact[form] = agency.name
                continue
            words = tuple(word.casefold() for word in WORD_RE.findall(form))
            if words:
                by_first_word.setdefault(words[0], []).append((words, agency.name))
    for forms in by_first_word.values():
        forms.sort(key=lambda form: len(form[0]), reverse=True)
    return exact, by_first_word


def find_agencies(text: str) -> list[str]:
    """The canonical names of the agencies ``text`` cites, in order of first mention."""
    words = WORD_RE.findall(text)
    folded = WORD_RE.findall(text.casefold())
    if len(folded) != len(words):  # a letter whose case folding is not one word character
        folded = [word.casefold() for word in words]
    exact, by_first_word = _index()
    names: list[str] = []
    covered_until = 0
    for position, (word, folded_word) in enumerate(zip(words, folded)):
        if position < covered_until or (word not in exact and folded_word not in by_first_word):
            continue
        name, length = _listed_at(words, folded, position)
        if name is not None:
            covered_until = position + length
            if name not in names:
                names.append(name)
    for match in INTRODUCED_RE.finditer(text):
        # "thông tấn xã Trung ương Triều Tiên": the trigger may itself open a listed name
        phrase = WORD_RE.findall(text[match.start() : match.end() + LONGEST_NAME_CHARS])
        listed_from_trigger = _listed_at(phrase, [word.casefold() for word in phrase], 0)[0]
        first = match["name"].split()[0]
        listed_name = _listed_at([first], [first.casefold()], 0)[0]
        if listed_from_trigger is None and listed_name is None and match["name"] not in names:
            names.append(match["name"])
    return names


def _listed_at(words: list[str], folded: list[str], position: int) -> tuple[str | None, int]:
    """The agency whose name starts at word ``position``, and how many words it takes."""
    exact, by_first_word = _index()
    name = exact.get(words[position])
    if name is not None:
        return name, 1
    for form, form_name in by_first_word.get(folded[position], ()):
        if tuple(folded[position : position + len(form)]) == form:
            return form_name, len(form)
    return None, 1
