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
def _matcher() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    canonical: dict[str, str] = {}
    exact: set[str] = set()
    loose: set[str] = set()
    for agency in known_agencies():
        for form in (agency.name, *agency.aliases):
            if len(form) <= CASE_SENSITIVE_MAX and form.isupper():
                exact.add(form)
                canonical[form] = agency.name
            else:
                loose.add(form)
                canonical[form.casefold()] = agency.name
    return _alternation(exact, 0), _alternation(loose, re.IGNORECASE), canonical


def _alternation(forms: set[str], flags: int) -> re.Pattern[str]:
    body = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w\-])(?:{body})(?![\w\-])", flags)


def find_agencies(text: str) -> list[str]:
    """The canonical names of the agencies ``text`` cites, in order of first mention."""
    exact, loose, canonical = _matcher()
    found: list[tuple[int, str]] = []
    listed: list[tuple[int, int]] = []
    for match in exact.finditer(text):
        found.append((match.start(), canonical[match.group()]))
        listed.append(match.span())
    for match in loose.finditer(text):
        found.append((match.start(), canonical[" ".join(match.group().split()).casefold()]))
        listed.append(match.span())
    for match in INTRODUCED_RE.finditer(text):
        at = match.start("name")
        if not any(start <= at < end for start, end in listed):
            found.append((at, match["name"]))
    names: list[str] = []
    for _, name in sorted(found):
        if name not in names:
            names.append(name)
    return names
