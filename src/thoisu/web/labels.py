"""The interface labels in Vietnamese and English, read from data/web/labels.tsv."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib.resources import files

from thoisu.errors import ResourceError

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"


@lru_cache(maxsize=1)
def labels() -> dict[str, dict[str, str]]:
    """Every label by language, then key."""
    path = files("thoisu") / "data" / "web" / "labels.tsv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    table: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        for lang in LANGUAGES:
            if not row.get(lang):
                raise ResourceError(f"{path}: label {row['key']!r} has no {lang} text")
            table[lang][row["key"]] = row[lang]
    return table


def language(requested: str | None) -> str:
    """The interface language to use: the requested one when supported, else Vietnamese."""
    return requested if requested in LANGUAGES else DEFAULT_LANGUAGE
