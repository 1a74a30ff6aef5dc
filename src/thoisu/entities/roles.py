"""Titles and affiliations written in front of a name: a person's role, country and CAMEO actor code.

"Thứ trưởng Quốc phòng Nga Alexander Fomin" reads, right to left from the name: an affiliation mention ("Nga",
already its own linked entity), then a title ("Thứ trưởng Quốc phòng"); chains of titles separated by commas
("Thứ trưởng, Chuẩn tướng Anatolii Klochko") and separators before the name (", ", " - ") are read too. The role is
the office nearest the name (else the nearest title); "cựu"/"nguyên" before it makes the person a former
official (CAMEO ELI).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from thoisu.document import Entity
from thoisu.entities.kb import KnowledgeBase, Title, Word

_SEPARATORS = " \t,-–:"
_MAX_SEPARATOR = 4


@dataclass(frozen=True)
class TitleSpan:
    """A title found in the text."""

    start: int
    end: int
    title: Title
    former: bool


@dataclass(frozen=True)
class RoleReading:
    """What the words in front of a name say: the titles (left to right) and the affiliation mention."""

    titles: tuple[TitleSpan, ...]
    affiliation: Entity | None

    @property
    def main(self) -> TitleSpan:
        """The title that gives the role: the office nearest the name, else the nearest title
        ("Thứ trưởng, Chuẩn tướng Anatolii Klochko" → Thứ trưởng)."""
        return next((t for t in reversed(self.titles) if t.title.kind == "office"), self.titles[-1])


class RoleReader:
    """Finds titles and affiliations in front of mentions, using the knowledge base's title list."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def title_ending_at(self, text: str, words: Sequence[Word], end: int) -> TitleSpan | None:
        """The longest title whose last word ends exactly at ``end``, or None."""
        j = bisect.bisect_left(words, end, key=lambda w: w.end)
        if j >= len(words) or words[j].end != end:
            return None
        for n in range(min(self.kb.max_title_words, j + 1), 0, -1):
            span = words[j - n + 1 : j + 1]
            if any(text[a.end : b.start] != " " for a, b in zip(span, span[1:])):
                continue
            title = self.kb.titles.get(" ".join(w.key for w in span))
            if title is not None:
                before = words[j - n] if j - n >= 0 else None
                former = before is not None and self.kb.is_context(before.key, "former")
                return TitleSpan(span[0].start, span[-1].end, title, former)
        return None

    def read(self, text: str, words: Sequence[Word], entities: Sequence[Entity], mention: Entity) -> RoleReading | None:
        """The titles and affiliation in front of ``mention``, or None when no title stands there."""
        ends = {e.end: e for e in entities if e is not mention and e.label in ("GPE", "LOC", "ORG")}
        titles: list[TitleSpan] = []
        affiliation = None
        pos = _skip_back(text, mention.start)
        if pos in ends:
            affiliation = ends[pos]
            pos = _skip_back(text, affiliation.start)
        while (found := self.title_ending_at(text, words, pos)) is not None:
            titles.insert(0, found)
            pos = _skip_back(text, found.start)
        if not titles:
            return None
        return RoleReading(tuple(titles), affiliation)

    def apply(self, doc_text: str, mention: Entity, reading: RoleReading | None) -> None:
        """Set ``role``, ``country`` and ``cameo`` of a PER mention from its reading and its KB entry."""
        entry = self.kb.get(mention.entity_id) if mention.entity_id else None
        if reading is None:
            mention.country = mention.country or (entry.country if entry else None)
            mention.cameo = mention.cameo or (entry.cameo if entry else None)
            return
        main = reading.main
        if main.title.kind != "nominal":
            mention.role = doc_text[main.start : main.end]
        affiliation = reading.affiliation
        country = affiliation.country if affiliation is not None else None
        mention.country = country or mention.country or (entry.country if entry else None)
        agent = "ELI" if main.former else main.title.agent
        if affiliation is not None and affiliation.label == "ORG" and affiliation.cameo and not main.former:
            mention.cameo = affiliation.cameo
        elif country and agent:
            mention.cameo = f"{self.kb.country_cameo(country) or country}{agent}"
        elif entry is not None and entry.cameo:
            mention.cameo = entry.cameo
        elif mention.country:
            mention.cameo = f"{self.kb.country_cameo(mention.country) or mention.country}{agent or ''}"


def _skip_back(text: str, pos: int) -> int:
    """``pos`` moved left over separators (spaces, commas, dashes) on the same line, at most a few characters."""
    start = pos
    while pos > 0 and start - pos < _MAX_SEPARATOR and text[pos - 1] in _SEPARATORS:
        pos -= 1
    return pos
