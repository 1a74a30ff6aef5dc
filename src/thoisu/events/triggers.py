"""Finding event triggers: longest lexicon match over a sentence, on word boundaries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from thoisu.events.lexicon import Lexicon, TriggerEntry

_SYLLABLE = re.compile(r"\w+")
NEEDS_WINDOW = 5  # syllables after a trigger in which one of its `needs` words must appear


class Syllable(NamedTuple):  # a tuple, not a dataclass: one per syllable of every sentence, and tuples build faster
    """One syllable of a sentence: its span and lowercase, tone-normalized form."""

    start: int
    end: int
    key: str


@dataclass(frozen=True)
class TriggerMatch:
    """A lexicon trigger found in the text."""

    start: int
    end: int
    entry: TriggerEntry


def syllables(analysis_text: str, start: int, end: int) -> list[Syllable]:
    """The syllables of ``analysis_text[start:end]`` with document offsets."""
    return [Syllable(m.start(), m.end(), m.group().lower()) for m in _SYLLABLE.finditer(analysis_text, start, end)]


def find_triggers(
    sylls: list[Syllable],
    lexicon: Lexicon,
    word_starts: set[int] | None = None,
    word_ends: set[int] | None = None,
) -> list[TriggerMatch]:
    """Triggers among ``sylls``, longest first, not overlapping; on word boundaries when they are given."""
    found: list[TriggerMatch] = []
    i = 0
    while i < len(sylls):
        match = None
        if word_starts is None or sylls[i].start in word_starts:
            key = ""
            for j in range(i, len(sylls)):
                key = f"{key} {sylls[j].key}" if key else sylls[j].key
                if key not in lexicon.prefixes:
                    break
                entry = lexicon.triggers.get(key)
                if entry and (word_ends is None or sylls[j].end in word_ends) and _needs_met(entry, sylls, j):
                    match = TriggerMatch(sylls[i].start, sylls[j].end, entry)
        if match:
            found.append(match)
            while i < len(sylls) and sylls[i].start < match.end:
                i += 1
        else:
            i += 1
    return found


def _needs_met(entry: TriggerEntry, sylls: list[Syllable], last: int) -> bool:
    if not entry.needs:
        return True
    following = " " + " ".join(s.key for s in sylls[last + 1 : last + 1 + NEEDS_WINDOW]) + " "
    return any(f" {word} " in following for word in entry.needs)
