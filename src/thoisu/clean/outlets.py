"""Which outlet published a page: from its URL, or from the prefix on its lead ("TPO - …").

Known outlets come from ``data/clean/outlets.tsv``. A prefix of an outlet that is not
listed is recognised generically only in shapes that outlets use and datelines do not:

* in parentheses before a dash: "(ABC) - ", "(Báo Mới) - ";
* a site name: "abc.vn - ", "Abc.com.vn - ";
* an acronym of 2–6 capitals with at most one vowel: "NDO - ", "KTĐT - ".

Place datelines ("Hà Nội - ", "MOSKVA - ", "PARIS - ") are words, not acronyms, so they
are NOT taken for outlets: they stay in the body, where they belong to the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from thoisu.errors import ResourceError

DATA_FILE = "outlets.tsv"
DASH = r"[-–—]"
# Hosts put in front of an outlet's domain that do not change the outlet.
HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")
ACRONYM_RE = re.compile(r"[A-ZĐ][A-ZĐ0-9&+]{1,5}")
SITE_NAME_RE = re.compile(r"[A-Za-zĐđ0-9\-]+(?:\.[A-Za-z]{2,6}){1,2}")
GENERIC_BARE_RE = re.compile(rf"^\s*(?P<prefix>[^\s()]{{2,24}})\s*{DASH}\s*(?=\S)")
GENERIC_PARENTHESIZED_RE = re.compile(rf"^\s*\(\s*(?P<prefix>[^()\n]{{2,30}}?)\s*\)\s*{DASH}\s*(?=\S)")
VOWELS = frozenset("AEIOUY")


@dataclass(frozen=True)
class Outlet:
    """A news outlet: its domain, masthead name and lead prefixes."""

    domain: str
    name: str
    prefixes: tuple[str, ...]


@lru_cache(maxsize=1)
def known_outlets() -> tuple[Outlet, ...]:
    """The outlets listed in ``data/clean/outlets.tsv``."""
    try:
        text = resources.files("thoisu").joinpath("data", "clean", DATA_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as error:
        raise ResourceError(f"the outlet list data/clean/{DATA_FILE} is missing; reinstall thoisu") from error
    outlets = []
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for number, row in enumerate(rows[1:], start=2):
        fields = row.split("\t")
        if len(fields) != 3 or not fields[0] or not fields[1]:
            raise ResourceError(f"data/clean/{DATA_FILE}: row {number} needs domain, name, prefixes: {row!r}")
        prefixes = tuple(p.strip() for p in fields[2].split("|") if p.strip())
        outlets.append(Outlet(fields[0].strip().lower(), fields[1].strip(), prefixes))
    return tuple(outlets)


@lru_cache(maxsize=1)
def _prefix_index() -> tuple[re.Pattern[str], dict[str, str]]:
    names = {prefix.casefold(): outlet.name for outlet in known_outlets() for prefix in outlet.prefixes}
    alternatives = "|".join(re.escape(p) for p in sorted(names, key=len, reverse=True))
    pattern = re.compile(
        rf"^\s*(?:\(\s*(?P<wrapped>{alternatives})\s*\)\s*(?:{DASH}|:)?|(?P<bare>{alternatives})\s*(?:{DASH}|:|\.(?=\s)))\s*(?=\S)",
        re.IGNORECASE,
    )
    return pattern, names


def outlet_from_url(url: str) -> str | None:
    """The display name of the outlet whose site ``url`` is on, or None when it is not listed."""
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    for prefix in HOST_PREFIXES:
        host = host.removeprefix(prefix)
    by_domain = {outlet.domain: outlet.name for outlet in known_outlets()}
    labels = host.split(".")
    for start in range(len(labels) - 1):
        name = by_domain.get(".".join(labels[start:]))
        if name:
            return name
    return None


def split_outlet_prefix(paragraph: str) -> tuple[str | None, str]:
    """The outlet named by the prefix on a lead paragraph, and the paragraph without it."""
    pattern, names = _prefix_index()
    match = pattern.match(paragraph)
    if match:
        prefix = match["wrapped"] or match["bare"]
        return names[prefix.casefold()], paragraph[match.end() :]
    for generic in (GENERIC_PARENTHESIZED_RE, GENERIC_BARE_RE):
        match = generic.match(paragraph)
        if match and _looks_like_outlet(match["prefix"], parenthesized=generic is GENERIC_PARENTHESIZED_RE):
            return match["prefix"], paragraph[match.end() :]
    return None, paragraph


def _looks_like_outlet(prefix: str, parenthesized: bool) -> bool:
    if SITE_NAME_RE.fullmatch(prefix) or _is_acronym(prefix):
        return True
    if not parenthesized:
        return False
    words = prefix.split()
    return len(words) <= 3 and all(word[0].isupper() or word[0].isdigit() for word in words)


def _is_acronym(word: str) -> bool:
    return bool(ACRONYM_RE.fullmatch(word)) and sum(char in VOWELS for char in word) <= 1
