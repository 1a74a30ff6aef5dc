"""Finding event triggers: longest lexicon match over a sentence, on word boundaries."""

from __future__ import annotations

import re
from dataclasses import dataclass

from thoisu.events.lexicon import Lexicon, TriggerEntry

_SYLLABLE = re.compile(r"\w+")
NEEDS_WINDOW = 5  # syllables after a trigger in which one of its `needs` words must appear


@dataclass(frozen=True)
class Syllable:
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
    longest = lexicon.longest_trigger
    i = 0
    while i < len(sylls):
        match = None
        if word_starts is None or sylls[i].start in word_starts:
            for j in range(min(i + longest, len(sylls)) - 1, i - 1, -1):
                if word_ends is not None and sylls[j].end not in word_ends:
                    continue
                entry = lexicon.triggers.get(" ".join(s.key for s in sylls[i : j + 1]))
                if entry and _needs_met(entry, sylls, j):
                    match = TriggerMatch(sylls[i].start, sylls[j].end, entry)
                    i = j
                    break
        if match:
            found.append(match)
        i += 1
    return found


def _needs_met(entry: TriggerEntry, sylls: list[Syllable], last: int) -> bool:
    if not entry.needs:
        return True
    following = " " + " ".join(s.key for s in sylls[last + 1 : last + 1 + NEEDS_WINDOW]) + " "
    return any(f" {word} " in following for word in entry.needs)
