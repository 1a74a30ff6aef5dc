"""The word lists of the text layer, read once from bundled TSV files in data/text/.

abbreviations.tsv: dotted abbreviations ("TP.", "PGS.TS.", "Mr.");
sentence_openers.tsv: syllables that open sentences ("Theo", "Sau", "Đây").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from thoisu.errors import ResourceError

DATA = resources.files("thoisu") / "data" / "text"


@dataclass(frozen=True)
class Abbreviation:
    """A written abbreviation (final period included) and whether its period may end a sentence."""

    form: str
    meaning: str
    can_end: bool


def _rows(name: str, header: list[str]) -> list[list[str]]:
    """The data rows of a bundled TSV file, checked against its expected header."""
    path = DATA / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise ResourceError(f"{path}: cannot read ({error}); reinstall thoisu") from error
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    if not rows or rows[0] != header:
        raise ResourceError(f"{path}: expected the header {', '.join(header)!r}")
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise ResourceError(f"{path}: data row {number} has {len(row)} columns, expected {len(header)}: {row!r}")
    return rows[1:]


@cache
def abbreviations() -> tuple[Abbreviation, ...]:
    """The bundled abbreviations."""
    result = []
    for form, meaning, can_end in _rows("abbreviations.tsv", ["abbreviation", "meaning", "can_end"]):
        if not form.endswith(".") or can_end not in ("yes", "no"):
            raise ResourceError(f"{DATA / 'abbreviations.tsv'}: bad row {form!r}: needs a final period, yes or no")
        result.append(Abbreviation(form, meaning, can_end == "yes"))
    return tuple(result)


@cache
def abbreviation_pattern() -> str:
    """A regular expression (no groups) matching any bundled abbreviation as a whole word."""
    forms = sorted((a.form for a in abbreviations()), key=len, reverse=True)
    return r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")"


@cache
def sentence_openers() -> frozenset[str]:
    """Syllables that open sentences, as written there (capitalized)."""
    return frozenset(row[0] for row in _rows("sentence_openers.tsv", ["opener"]))
