"""Dotted abbreviations of Vietnamese news text ("TP.", "PGS.TS.", "Mr."), from a bundled TSV."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from thoisu.errors import ResourceError

ABBREVIATIONS_FILE = resources.files("thoisu") / "data" / "text" / "abbreviations.tsv"


@dataclass(frozen=True)
class Abbreviation:
    """A written abbreviation (final period included) and whether its period may end a sentence."""

    form: str
    meaning: str
    can_end: bool


@cache
def abbreviations() -> tuple[Abbreviation, ...]:
    """The bundled abbreviations, read once."""
    rows = [
        line.rstrip("\n").split("\t")
        for line in ABBREVIATIONS_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    if not rows or rows[0] != ["abbreviation", "meaning", "can_end"]:
        raise ResourceError(f"{ABBREVIATIONS_FILE}: expected the header 'abbreviation, meaning, can_end'")
    result = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != 3 or not row[0].endswith(".") or row[2] not in ("yes", "no"):
            raise ResourceError(f"{ABBREVIATIONS_FILE}: bad row {number}: {row!r}")
        result.append(Abbreviation(row[0], row[1], row[2] == "yes"))
    return tuple(result)


@cache
def abbreviation_pattern() -> str:
    """A regular expression (no groups) matching any bundled abbreviation as a whole word."""
    forms = sorted((a.form for a in abbreviations()), key=len, reverse=True)
    return r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")"
