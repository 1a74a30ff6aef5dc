"""The word lists of Vietnamese time expressions, read from the bundled TSV files in data/times/."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from thoisu.errors import ResourceError


@dataclass(frozen=True)
class Relative:
    """A phrase naming a calendar unit by its distance from a reference ("hôm qua": day, -1, published)."""

    unit: str
    offset: int
    reference: str  # "published" or "text"


@dataclass(frozen=True)
class Unit:
    """A duration unit: its TIMEX3 letter and whether it belongs to the clock part (PT30M)."""

    letter: str
    clock: bool


@dataclass(frozen=True)
class Lexicon:
    """Every word list the time grammar is built from."""

    numbers: dict[str, str]
    months: dict[str, int]
    months_en: dict[str, int]
    weekdays: dict[str, int]
    parts_of_day: dict[str, str]
    units: dict[str, Unit]
    relatives: dict[str, Relative]
    tense_cues: dict[str, str]
    sets: dict[str, str]
    seasons: dict[str, str]
    name_contexts: tuple[str, ...]
    modifiers: dict[str, tuple[str, str]]  # word -> (TIMEX3 mod, "inside" or "before")
    quantity_words: tuple[str, ...]
    sound_words: tuple[str, ...]  # after "tiếng": a sound or a language ("tiếng nói"), not an hour


def load_lexicon() -> Lexicon:
    """Read the bundled word lists; raises ResourceError when a file is missing or malformed."""
    return Lexicon(
        numbers=dict(_rows("numbers.tsv", 2)),
        months={w: int(m) for w, m in _rows("months.tsv", 2)},
        months_en={w: int(m) for w, m in _rows("months_en.tsv", 2)},
        weekdays={w: int(d) for w, d in _rows("weekdays.tsv", 2)},
        parts_of_day=dict(_rows("parts_of_day.tsv", 2)),
        units={w: Unit(letter, clock == "T") for w, letter, clock in _rows("units.tsv", 3)},
        relatives={p: Relative(u, int(o), r) for p, u, o, r in _rows("relative_days.tsv", 4)},
        tense_cues=dict(_rows("tense_cues.tsv", 2)),
        sets=dict(_rows("sets.tsv", 2)),
        seasons=dict(_rows("seasons.tsv", 2)),
        name_contexts=tuple(row[0] for row in _rows("name_contexts.tsv", 1)),
        modifiers={w: (mod, place) for w, mod, place in _rows("modifiers.tsv", 3)},
        quantity_words=tuple(row[0] for row in _rows("quantity_words.tsv", 1)),
        sound_words=tuple(row[0] for row in _rows("sound_words.tsv", 1)),
    )


def _rows(name: str, columns: int) -> list[list[str]]:
    try:
        text = resources.files("thoisu").joinpath("data", "times", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ResourceError(f"time lexicon data/times/{name} is missing; reinstall thoisu ({exc})") from exc
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        row = line.split("\t")
        row += [""] * (columns - len(row))
        if len(row) != columns or not row[0]:
            raise ResourceError(f"data/times/{name} line {number}: expected {columns} tab-separated columns")
        rows.append(row)
    return rows
