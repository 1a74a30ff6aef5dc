"""The time step: finds Vietnamese time expressions and normalizes each to a TIMEX3 value."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from thoisu.document import Document, Time
from thoisu.text.tones import normalize_tones
from thoisu.times.grammar import Grammar, alternation
from thoisu.times.lexicon import load_lexicon
from thoisu.times.resolve import Point, References, Resolution, Resolver, fill_range, parse_anchor
from thoisu.times.spec import Mention

_SENTENCE_END = re.compile(r"[.!?…]\s|\n")


class TimeTagger:
    """Pipeline step adding ``doc.times``: TIMEX3 type, value, mod and the anchor each value was resolved against.

    Values are resolved against ``doc.published`` or, for "cùng ngày", "hôm sau", "trước đó hai ngày", against
    the last time mentioned before them (``anchor`` is then "t<i>", an index into ``doc.times``).
    """

    def __init__(self) -> None:
        lexicon = load_lexicon()
        self.grammar = Grammar(lexicon)
        self._tense = lexicon.tense_cues
        self._cues = re.compile(rf"(?<!\w){alternation(lexicon.tense_cues)}(?!\w)", re.IGNORECASE)

    def __call__(self, doc: Document) -> Document:
        """Add the time expressions of ``doc.analysis_text`` to ``doc.times``."""
        doc.times.extend(self.tag(doc.analysis_text, doc.published, doc.text, first_index=len(doc.times)))
        return doc

    def tag(self, text: str, anchor: str | None, original: str | None = None, first_index: int = 0) -> list[Time]:
        """The time expressions of ``text`` resolved against ``anchor`` (ISO date or None); ``original`` gives ``Time.text``."""
        original = text if original is None else original
        resolver = Resolver(parse_anchor(anchor))
        cues = [(m.start(), m.end(), self._tense[" ".join(m[0].lower().split())]) for m in self._cues.finditer(text)]
        cue_starts = [c[0] for c in cues]
        ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        references: References = {}
        times: list[Time] = []
        for mention in self.grammar.find(text):
            direction = _direction(mention, cues, cue_starts, ends, len(text))
            if mention.range_end is not None:
                start_spec, end_spec = fill_range(mention.spec, mention.range_end)
                first = resolver.resolve(start_spec, direction, references)
                last = resolver.resolve(end_spec, direction, references)
                kind = "TIME" if start_spec.type == end_spec.type == "TIME" else "DATE"
                result = Resolution(f"{first.value}/{last.value}", first.anchor or last.anchor, first.point)
                mod = None
            else:
                result = resolver.resolve(mention.spec, direction, references)
                kind, mod = mention.spec.type, mention.spec.mod
            label = first_index + len(times)
            times.append(
                Time(
                    start=mention.start,
                    end=mention.end,
                    type=kind,
                    value=result.value,
                    text=original[mention.start : mention.end],
                    mod=mod,
                    anchor=result.anchor,
                )
            )
            if result.point is not None:
                _remember(references, result.point, f"t{label}")
        return times


def _remember(references: References, point: Point, label: str) -> None:
    """Make ``point`` the reference for later text-relative expressions of its granularity and coarser."""
    if point.day is not None:
        references["D"] = (point, label)
    if point.month is not None:
        references["M"] = (point, label)
    references["Y"] = (point, label)


def _direction(
    mention: Mention, cues: list[tuple[int, int, str]], starts: list[int], ends: list[int], length: int
) -> str | None:
    """The tense of the clause around ``mention``: the nearest tense cue in the same sentence, if any."""
    i = bisect.bisect_right(ends, mention.start)
    sentence_start = ends[i - 1] if i else 0
    sentence_end = ends[i] if i < len(ends) else length
    best: tuple[int, str] | None = None
    for index in range(bisect.bisect_left(starts, sentence_start), len(cues)):
        start, end, direction = cues[index]
        if start >= sentence_end:
            break
        if end <= mention.start:
            distance = mention.start - end
        elif start >= mention.end:
            distance = start - mention.end
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, direction)
    return best[1] if best else None


@lru_cache(maxsize=1)
def _default_tagger() -> TimeTagger:
    return TimeTagger()


def tag_times(text: str, anchor: str | None) -> list[Time]:
    """The time expressions of ``text`` with TIMEX3 values resolved against ``anchor`` (ISO date string or None)."""
    return _default_tagger().tag(normalize_tones(text), anchor, text)
