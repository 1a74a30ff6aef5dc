"""The time step: finds Vietnamese time expressions and normalizes each to a TIMEX3 value."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from functools import lru_cache

from thoisu.document import Document, Time
from thoisu.text.tones import normalize_tones
from thoisu.times.grammar import AS_READ, Grammar, alternation
from thoisu.times.lexicon import load_lexicon
from thoisu.times.resolve import (
    Point,
    References,
    Resolution,
    Resolver,
    fill_range,
    follow_start,
    parse_anchor,
)
from thoisu.times.spec import Mention, TimeSpec

_SENTENCE_END = re.compile(r"[.!?…](?=\s)|\n")
_ABBREVIATION = re.compile(r"(?<!\w)[A-ZĐ]{1,3}$")  # "TP. Đà Nẵng", "Q. 9": a period that ends no sentence


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
        text = text.translate(AS_READ)  # same length: "thứ haı" is matched as "thứ hai", and looked up as it
        resolver = Resolver(parse_anchor(anchor))
        cues = [(m.start(), m.end(), self._tense[" ".join(m[0].lower().split())]) for m in self._cues.finditer(text)]
        cue_starts = [c[0] for c in cues]
        ends = _sentence_ends(text)
        references: References = {}
        times: list[Time] = []
        sentence_year: tuple[int, int, str] | None = None  # (sentence, year, label) of the last year-fixing time
        for mention in self.grammar.find(text):
            direction = _direction(mention, cues, cue_starts, ends, len(text))
            sentence = bisect.bisect_right(ends, mention.start)
            if sentence_year and sentence_year[0] == sentence and _needs_year(mention.spec):
                # "Năm ngoái, … vào ngày 19-7": a partial date takes the year its sentence has just fixed
                mention = replace(mention, spec=replace(mention.spec, year=sentence_year[1]))
            elif sentence_year and sentence_year[0] == sentence and mention.spec.reference == "sentence":
                # "Trong năm 2016, … vào cuối năm": the end of that year
                year_spec = replace(mention.spec, year=sentence_year[1], relative_unit=None, relative_offset=None)
                mention = replace(mention, spec=year_spec)
            if mention.range_end is not None:
                start_spec, end_spec = fill_range(mention.spec, mention.range_end)
                first = resolver.resolve(start_spec, direction, references)
                last = resolver.resolve(follow_start(end_spec, start_spec, first.point), direction, references)
                kind = "TIME" if start_spec.type == end_spec.type == "TIME" else "DATE"
                result = Resolution(f"{first.value}/{last.value}", first.anchor or last.anchor, first.point)
                mod = None
            else:
                result = resolver.resolve(mention.spec, direction, references)
                kind, mod = result.type or mention.spec.type, mention.spec.mod
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
                if result.point.year is not None and not result.point.week:
                    sentence_year = (sentence, result.point.year, f"t{label}")
        return times


def _sentence_ends(text: str) -> list[int]:
    """Offsets where sentences end: newlines and final punctuation, not the period of an abbreviation."""
    return [m.end() for m in _SENTENCE_END.finditer(text) if not _ABBREVIATION.search(text, max(0, m.start() - 4), m.start())]


def _needs_year(spec: TimeSpec) -> bool:
    return spec.year is None and bool(spec.month) and not spec.relative_unit and not spec.yearly


def _remember(references: References, point: Point, label: str) -> None:
    """Make ``point`` the reference for later text-relative expressions of its granularity and coarser."""
    if point.hour is not None:
        references["T"] = (point, label)  # "14h30 … khoảng 30 phút sau"
        if point.day is None:
            return  # a clock time on an unknown day fixes nothing coarser
    if point.week:
        references["W"] = (point, label)  # "tuần này … tuần sau"; a week fixes no day, month or year
        return
    if point.day is not None:
        references["D"] = (point, label)
        references["W"] = (point, label)
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
    before: tuple[int, str] | None = None  # the nearest tense cue on each side, unless a reporting verb intervenes
    after: tuple[int, str] | None = None
    for index in range(bisect.bisect_left(starts, sentence_start), len(cues)):
        start, end, direction = cues[index]
        if start >= sentence_end:
            break
        if end <= mention.start:
            before = None if direction == "report" else (mention.start - end, direction)
        elif start >= mention.end:
            if direction == "report":
                break
            after = (start - mention.end, direction)
            break
    found = [c for c in (before, after) if c is not None]
    return min(found)[1] if found else None


@lru_cache(maxsize=1)
def _default_tagger() -> TimeTagger:
    return TimeTagger()


def tag_times(text: str, anchor: str | None) -> list[Time]:
    """The time expressions of ``text`` with TIMEX3 values resolved against ``anchor`` (ISO date string or None)."""
    return _default_tagger().tag(normalize_tones(text), anchor, text)
